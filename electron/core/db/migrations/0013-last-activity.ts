// 0013: when each customer was last active, and what it was, kept on the record itself
// (last_activity_at, last_activity) so the retention review and any dashboard read an index
// instead of scanning every table that can show a customer is still around.
//
// Activity is the latest of: the record created (or imported), changed or verified; a purchase or
// booking (its date); a consent event or a do-not-contact flag; an interaction; an information
// request received or moving on; an import or a merge that touched the record. The customers row
// is written by code (customers.queries.ts, freshness.ts): it knows whether an import, a merge or
// a person changed it. The tables below only ever add evidence of activity, whoever writes them
// (the form, a merge moving consent), so triggers keep the stamp: a writer cannot forget it. The
// purchases import stamps its batch in one statement (customers.queries.ts noteImportedPurchases).
// Each stamp only moves forward (an older purchase imported later leaves a newer stamp alone).
//
// Frozen: this file imports nothing live. The kinds here are shared/activity.ts's ACTIVITY_KINDS
// as they were written; the backfill reads every existing table once, grouped by customer.
import type { DB } from '../open';

/** `UPDATE customers … WHERE id = <row>.customer_id`, when `at` is later than the stamp. */
function bump(kind: string, at: string): string {
  return `UPDATE customers SET last_activity_at = ${at}, last_activity = '${kind}'
      WHERE id = NEW.customer_id AND last_activity_at < ${at};`;
}

export function up(db: DB): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('customers')").pluck().all() as string[];
  if (!columns.includes('last_activity_at'))
    db.exec("ALTER TABLE customers ADD COLUMN last_activity_at TEXT NOT NULL DEFAULT ''");
  if (!columns.includes('last_activity'))
    db.exec("ALTER TABLE customers ADD COLUMN last_activity TEXT NOT NULL DEFAULT ''");

  // The record's own stamps first: the latest of created (or imported), changed and verified.
  db.exec(`
    UPDATE customers SET
      last_activity_at = max(created_at, updated_at, verified_at),
      last_activity = CASE
        WHEN verified_at > updated_at AND verified_at > created_at THEN 'verified'
        WHEN updated_at > created_at THEN 'changed'
        WHEN import_id IS NOT NULL THEN 'imported'
        ELSE 'created' END;
  `);
  // Then each table of evidence, one grouped pass each, keeping the later stamp.
  const evidence: [kind: string, select: string][] = [
    ['purchase', 'SELECT customer_id, max(date) AS at FROM purchases GROUP BY customer_id'],
    ['consent', 'SELECT customer_id, max(at) AS at FROM consent_events GROUP BY customer_id'],
    ['consent', 'SELECT customer_id, at FROM customer_do_not_contact'],
    ['interaction', 'SELECT customer_id, max(at) AS at FROM interactions GROUP BY customer_id'],
    [
      'request',
      `SELECT customer_id, max(max(received_at, decided_at, supplied_at, confirmed_at)) AS at FROM info_requests
         WHERE customer_id IS NOT NULL GROUP BY customer_id`,
    ],
    ['merge', "SELECT kept_id AS customer_id, max(merged_at) AS at FROM merges WHERE undone_at = '' GROUP BY kept_id"],
    [
      'imported',
      `SELECT b.customer_id, max(i.started_at) AS at FROM import_before b JOIN imports i ON i.id = b.import_id
         GROUP BY b.customer_id`,
    ],
  ];
  for (const [kind, select] of evidence) {
    db.prepare(
      `UPDATE customers SET last_activity_at = e.at, last_activity = ?
         FROM (${select}) AS e WHERE e.customer_id = customers.id AND e.at > customers.last_activity_at`,
    ).run(kind);
  }

  db.exec(`
    -- The retention review's "no activity since" and a dashboard's idle counts: one range each,
    -- read in order, archived or not answered from the index itself. Time first, not archived:
    -- with archived first the planner took it for every "archived = 0" query (the freshness
    -- worklist, the organisation picker) instead of their own indexes.
    CREATE INDEX IF NOT EXISTS customers_last_activity ON customers(last_activity_at, archived);

    -- Not for a purchases import: it stamps its customers once per batch instead, each customer
    -- written once rather than once per purchase (at 100,000 customers and 250,000 purchases, the
    -- trigger took a purchase insert from 23-27 µs to 35-51 µs).
    CREATE TRIGGER IF NOT EXISTS activity_purchase AFTER INSERT ON purchases WHEN NEW.import_id IS NULL BEGIN
      ${bump('purchase', 'NEW.date')}
    END;
    -- A merge moves purchases, consent and interactions to the kept record: they come with it.
    CREATE TRIGGER IF NOT EXISTS activity_purchase_moved AFTER UPDATE OF customer_id ON purchases BEGIN
      ${bump('purchase', 'NEW.date')}
    END;
    CREATE TRIGGER IF NOT EXISTS activity_consent AFTER INSERT ON consent_events BEGIN
      ${bump('consent', 'NEW.at')}
    END;
    CREATE TRIGGER IF NOT EXISTS activity_consent_moved AFTER UPDATE OF customer_id ON consent_events BEGIN
      ${bump('consent', 'NEW.at')}
    END;
    CREATE TRIGGER IF NOT EXISTS activity_do_not_contact AFTER INSERT ON customer_do_not_contact BEGIN
      ${bump('consent', 'NEW.at')}
    END;
    CREATE TRIGGER IF NOT EXISTS activity_interaction AFTER INSERT ON interactions BEGIN
      ${bump('interaction', 'NEW.at')}
    END;
    CREATE TRIGGER IF NOT EXISTS activity_interaction_moved AFTER UPDATE OF customer_id ON interactions BEGIN
      ${bump('interaction', 'NEW.at')}
    END;
    CREATE TRIGGER IF NOT EXISTS activity_request AFTER INSERT ON info_requests WHEN NEW.customer_id IS NOT NULL BEGIN
      ${bump('request', 'NEW.received_at')}
    END;
    -- Decided, supplied, confirmed (or moved by a merge): the latest step is the request's activity.
    CREATE TRIGGER IF NOT EXISTS activity_request_step
      AFTER UPDATE OF status, customer_id ON info_requests WHEN NEW.customer_id IS NOT NULL BEGIN
      ${bump('request', 'max(NEW.received_at, NEW.decided_at, NEW.supplied_at, NEW.confirmed_at)')}
    END;
  `);
}
