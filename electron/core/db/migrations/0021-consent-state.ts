// 0021: what each customer's consent history says now, kept by triggers (consent_state), so the
// contactable rule reads one row per customer and channel instead of finding their latest event
// and reading it from the table, and "everyone who withdrew their email consent" is an index
// range (see `npm run bench -- insight`, 1,000,000 customers).
//
// A row per (customer, channel, purpose) that has any event, saying what the latest event (by
// id) says: 'given' (consent, or a soft opt-in for email or SMS with its three PECR conditions
// recorded), 'withdrawn', or 'none' (a soft opt-in that does not qualify). The history itself is
// unchanged and stays the evidence; this is its last line, read the way
// consent/contactable.queries.ts reads it. Every path that writes events (the counter, imports,
// packs and their undo, merges and unmerges, erasure) keeps it true without knowing of it. The
// PostgreSQL store keeps the same table with the same triggers.
//
// Safe to run again (a file taken back to an older format by hand): the triggers are made
// afresh and the rows read again from the events.
//
// Frozen: this file imports nothing live.
import type { DB } from '../open';

/** What an event `e` says, as consent_state keeps it. */
const STATE = `CASE
    WHEN e.action <> 'given' THEN 'withdrawn'
    WHEN e.basis = 'consent' THEN 'given'
    WHEN e.channel IN ('email', 'sms') AND e.soft_sale = 1 AND e.soft_similar = 1 AND e.soft_opt_out = 1 THEN 'given'
    ELSE 'none' END`;

/** Read one key's state again from its latest event; the row goes when no event is left. */
const reread = (row: 'NEW' | 'OLD') => `
    DELETE FROM consent_state
      WHERE customer_id = ${row}.customer_id AND channel = ${row}.channel AND purpose = ${row}.purpose;
    INSERT INTO consent_state (customer_id, channel, purpose, state)
      SELECT e.customer_id, e.channel, e.purpose, ${STATE} FROM consent_events e
      WHERE e.customer_id = ${row}.customer_id AND e.channel = ${row}.channel AND e.purpose = ${row}.purpose
      ORDER BY e.id DESC LIMIT 1;`;

export function up(db: DB): void {
  db.exec(`
    DROP TRIGGER IF EXISTS consent_state_in;
    DROP TRIGGER IF EXISTS consent_state_out;
    DROP TRIGGER IF EXISTS consent_state_moved;
    CREATE TABLE IF NOT EXISTS consent_state (
      customer_id INTEGER NOT NULL,
      channel TEXT NOT NULL,
      purpose TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('given', 'withdrawn', 'none')),
      PRIMARY KEY (customer_id, channel, purpose)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS consent_state_by_state ON consent_state(channel, purpose, state, customer_id);
    DELETE FROM consent_state;
    INSERT INTO consent_state (customer_id, channel, purpose, state)
      SELECT e.customer_id, e.channel, e.purpose, ${STATE} FROM consent_events e
      WHERE e.id IN (SELECT max(id) FROM consent_events GROUP BY customer_id, channel, purpose);
    CREATE TRIGGER consent_state_in AFTER INSERT ON consent_events BEGIN
      ${reread('NEW')}
    END;
    CREATE TRIGGER consent_state_out AFTER DELETE ON consent_events BEGIN
      ${reread('OLD')}
    END;
    -- A merge moves events to the kept record; what they say never changes (0005's trigger).
    CREATE TRIGGER consent_state_moved AFTER UPDATE OF customer_id ON consent_events BEGIN
      ${reread('OLD')}
      ${reread('NEW')}
    END;
  `);
}
