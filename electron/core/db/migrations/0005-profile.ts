// 0005: the full customer profile. Consent as an append-only history of events (with the exact
// wording shown) and a do-not-contact flag; purchases and interactions; confirmations that a
// note's special-category content is kept knowingly; and per-field completeness counters kept
// up to date by triggers, so every writer (form, import, merge, erasure) keeps them right and the
// database-wide table is one small read. The customer references have no ON DELETE CASCADE on
// purpose: deleting a customer who still has purchases or consent evidence fails loudly instead
// of losing them; erasure (customers/erase.ts) deletes them explicitly first.
//
// Frozen: this file imports nothing live. COUNTED is a snapshot, as of format 5, of the built-in
// fields the completeness table counts (shared/fields.ts) and the row column each is read from;
// a field added to the catalogue later gets its counter in a migration of its own.
import type { DB } from '../open';

const COUNTED = [
  { key: 'given_name', column: 'given_name' },
  { key: 'family_name', column: 'family_name' },
  { key: 'title', column: 'title' },
  { key: 'preferred_name', column: 'preferred_name' },
  { key: 'email', column: 'summary_email' },
  { key: 'phone', column: 'summary_phone' },
  { key: 'postcode', column: 'summary_postcode' },
  { key: 'town', column: 'summary_town' },
  { key: 'date_of_birth', column: 'date_of_birth' },
  { key: 'ref', column: 'ref' },
  { key: 'notes', column: 'notes' },
] as const;

const DEFAULT_WORDING =
  'We would like to keep you informed about our events and offers. Tick each way you are happy for us to contact you. You can change your mind at any time.';

/** "1 when this field of the row is filled", for a column of customers under an alias (NEW, OLD, c). */
function filled(row: string, column: string): string {
  return column === 'ref' ? `(${row}.ref IS NOT NULL AND ${row}.ref <> '')` : `(${row}.${column} <> '')`;
}

/** `records = records ± 1, given_name = given_name ± (…), …` for one customer row. */
function adjust(row: 'NEW' | 'OLD', sign: '+' | '-'): string {
  return [
    `records = records ${sign} 1`,
    ...COUNTED.map((f) => `${f.key} = ${f.key} ${sign} ${filled(row, f.column)}`),
  ].join(', ');
}

/**
 * `count(*) AS records, coalesce(sum(…), 0) AS given_name, …` over customers rows under the alias
 * `c`: the same test of "filled" as the triggers, for the recount of a file's existing records
 * (and for the tests that check the triggers against it).
 */
export function fieldCountTotals(): string {
  return ['count(*) AS records', ...COUNTED.map((f) => `coalesce(sum(${filled('c', f.column)}), 0) AS ${f.key}`)].join(
    ', ',
  );
}

export function up(db: DB): void {
  db.exec(`
    -- Append-only: rows are never updated; they are deleted only with the customer (erasure).
    CREATE TABLE consent_events (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      channel TEXT NOT NULL CHECK (channel IN ('email','sms','phone','post')),
      purpose TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('given','withdrawn')),
      basis TEXT NOT NULL CHECK (basis IN ('consent','soft_opt_in')),
      -- PECR soft opt-in conditions, NULL for plain consent.
      soft_sale INTEGER,
      soft_similar INTEGER,
      soft_opt_out INTEGER,
      wording_version INTEGER NOT NULL,
      wording TEXT NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('counter','form','phone','event','import','merge')),
      at TEXT NOT NULL,
      by_user INTEGER NOT NULL REFERENCES users(id),
      evidence_note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX consent_events_customer ON consent_events(customer_id, id);
    -- What an event says never changes; a merge may move it to the kept record (customer_id).
    CREATE TRIGGER consent_events_no_update
      BEFORE UPDATE OF channel, purpose, action, basis, soft_sale, soft_similar, soft_opt_out, wording_version,
        wording, method, at, by_user, evidence_note ON consent_events
      BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;

    -- Present = do not contact, whatever the consent history says.
    CREATE TABLE customer_do_not_contact (
      customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
      at TEXT NOT NULL,
      by_user INTEGER NOT NULL REFERENCES users(id),
      reason TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- Someone confirmed that the notes' special-category hints are needed, and on what basis.
    CREATE TABLE customer_sensitive_acks (
      customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
      kinds TEXT NOT NULL,             -- the hint kinds confirmed, comma-separated
      lawful_basis TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL,
      by_user INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;

    CREATE TABLE purchases (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      date TEXT NOT NULL,
      item TEXT NOT NULL,
      category TEXT NOT NULL DEFAULT '',
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      amount_pence INTEGER NOT NULL,   -- negative: a refund
      channel TEXT NOT NULL DEFAULT '',
      venue TEXT NOT NULL DEFAULT '',
      seat TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;
    -- Covering for the buying summary and the recent list: one customer's rows, in date order.
    CREATE INDEX purchases_customer ON purchases(customer_id, date, amount_pence, category);

    -- Sales of erased customers, kept as anonymous totals so figures survive erasure.
    CREATE TABLE erased_sales (
      month TEXT NOT NULL,              -- YYYY-MM
      category TEXT NOT NULL,
      item TEXT NOT NULL,
      purchases INTEGER NOT NULL,
      quantity INTEGER NOT NULL,
      amount_pence INTEGER NOT NULL,
      PRIMARY KEY (month, category, item)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE interactions (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('visit','call','email','complaint')),
      outcome TEXT NOT NULL DEFAULT '',
      handled_by INTEGER NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;
    CREATE INDEX interactions_customer ON interactions(customer_id, at);

    -- How many records have each built-in field filled, in one row (one update per customer write).
    CREATE TABLE field_counts (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      records INTEGER NOT NULL DEFAULT 0,
      ${COUNTED.map((f) => `${f.key} INTEGER NOT NULL DEFAULT 0`).join(',\n      ')}
    ) STRICT;

    CREATE TRIGGER field_counts_insert AFTER INSERT ON customers BEGIN
      UPDATE field_counts SET ${adjust('NEW', '+')} WHERE id = 1;
    END;
    CREATE TRIGGER field_counts_update AFTER UPDATE OF ${[...new Set(COUNTED.map((f) => f.column))].join(', ')} ON customers BEGIN
      UPDATE field_counts SET ${adjust('OLD', '-')} WHERE id = 1;
      UPDATE field_counts SET ${adjust('NEW', '+')} WHERE id = 1;
    END;
    CREATE TRIGGER field_counts_delete AFTER DELETE ON customers BEGIN
      UPDATE field_counts SET ${adjust('OLD', '-')} WHERE id = 1;
    END;
  `);
  // A file from an earlier version already has records: count them once, here.
  db.exec(`
    INSERT INTO field_counts (id, records, ${COUNTED.map((f) => f.key).join(', ')})
      SELECT 1, ${fieldCountTotals()} FROM customers c;
  `);
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('consent_wording', ?)").run(
    JSON.stringify({ version: 1, text: DEFAULT_WORDING, updated_at: '', updated_by: '' }),
  );
}
