// What a merge carries from the merged-away record to the kept one, and how undo gives it back:
// requests, purchases, interactions and consent events move (their ids are remembered);
// one-per-customer rows (do-not-contact, a special-category acknowledgement) move when the kept
// record has none. Consent: the histories of both are kept, and the most restrictive choice wins —
// where one record had withdrawn what the other still has as given, a 'merge' event withdraws it.
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';

const MOVED_TABLES = ['info_requests', 'purchases', 'interactions', 'consent_events'] as const;
const ONE_PER_CUSTOMER = ['customer_do_not_contact', 'customer_sensitive_acks'] as const;
type MovedTable = (typeof MOVED_TABLES)[number];
type OneTable = (typeof ONE_PER_CUSTOMER)[number];

export type Moved = {
  rows: Partial<Record<MovedTable, number[]>>;
  /** One-per-customer rows of the merged-away record, as they were; `took` when the kept record received them. */
  singles: Partial<Record<OneTable, { row: Record<string, unknown>; took: boolean }>>;
  /** Consent events the merge itself wrote (withdrawals), removed again on undo. */
  added_events: number[];
};

/** Tables that hold rows about a customer and that a merge carries: the merge refuses nothing else silently. */
export const CARRIED_TABLES = new Set<string>([
  'customer_emails',
  'customer_phones',
  'customer_addresses',
  'customer_values',
  // People belonging to a merged-away organisation: detached by the foreign key (ON DELETE SET NULL).
  'customers',
  ...MOVED_TABLES,
  ...ONE_PER_CUSTOMER,
]);

type Latest = Map<string, { action: string; wording_version: number }>;

function latestConsent(db: DB, customerId: number): Latest {
  const rows = all<{ channel: string; purpose: string; action: string; wording_version: number }>(
    db,
    sql`SELECT channel, purpose, action, wording_version FROM consent_events WHERE customer_id = ${customerId} ORDER BY id DESC`,
  );
  const latest: Latest = new Map();
  for (const r of rows) if (!latest.has(`${r.channel}|${r.purpose}`)) latest.set(`${r.channel}|${r.purpose}`, r);
  return latest;
}

/** Insert a row saved with SELECT * back (the column names come from the schema itself). */
function insertRow(db: DB, table: OneTable, row: Record<string, unknown>): void {
  const columns = Object.keys(row);
  prepare(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
    ...columns.map((c) => row[c]),
  );
}

export function carryRelations(db: DB, fromId: number, toId: number, userId: number, now: string): Moved {
  const kept = latestConsent(db, toId);
  const merged = latestConsent(db, fromId);
  const moved: Moved = { rows: {}, singles: {}, added_events: [] };
  // Register-defined values: the kept record's win; a field it lacks takes the other's. Undo
  // puts both back from the before-images (customers/images.ts), so nothing is remembered here.
  run(
    db,
    sql`INSERT OR IGNORE INTO customer_values (customer_id, field_key, value)
          SELECT ${toId}, field_key, value FROM customer_values WHERE customer_id = ${fromId}`,
  );
  run(db, sql`DELETE FROM customer_values WHERE customer_id = ${fromId}`);
  for (const table of MOVED_TABLES) {
    const ids = (
      prepare(db, `SELECT id FROM ${table} WHERE customer_id = ? ORDER BY id`).raw(true).all(fromId) as [number][]
    ).map((r) => r[0]);
    if (ids.length === 0) continue;
    prepare(db, `UPDATE ${table} SET customer_id = ? WHERE customer_id = ?`).run(toId, fromId);
    moved.rows[table] = ids;
  }
  for (const table of ONE_PER_CUSTOMER) {
    const row = prepare(db, `SELECT * FROM ${table} WHERE customer_id = ?`).get(fromId) as
      | Record<string, unknown>
      | undefined;
    if (!row) continue;
    prepare(db, `DELETE FROM ${table} WHERE customer_id = ?`).run(fromId);
    const took = !prepare(db, `SELECT 1 FROM ${table} WHERE customer_id = ?`).get(toId);
    if (took) insertRow(db, table, { ...row, customer_id: toId });
    moved.singles[table] = { row, took };
  }
  for (const key of new Set([...kept.keys(), ...merged.keys()])) {
    const a = kept.get(key);
    const b = merged.get(key);
    if (!a || !b || a.action === b.action) continue;
    const now_ = latestConsent(db, toId).get(key);
    if (now_?.action !== 'given') continue;
    const [channel, purpose] = key.split('|') as [string, string];
    const { lastInsertRowid } = run(
      db,
      sql`INSERT INTO consent_events (customer_id, channel, purpose, action, basis, wording_version, wording, method, at,
            by_user, evidence_note)
          VALUES (${toId}, ${channel}, ${purpose}, 'withdrawn', 'consent', ${now_.wording_version},
            ${`Records ${toId} and ${fromId} were merged; one had withdrawn this consent, so the more restrictive choice is kept.`},
            'merge', ${now}, ${userId}, '')`,
    );
    moved.added_events.push(Number(lastInsertRowid));
  }
  return moved;
}

export function returnRelations(db: DB, moved: Moved, keptId: number, mergedId: number): void {
  for (const id of moved.added_events) run(db, sql`DELETE FROM consent_events WHERE id = ${id}`);
  for (const table of MOVED_TABLES) {
    const update = prepare(db, `UPDATE ${table} SET customer_id = ? WHERE id = ? AND customer_id = ?`);
    for (const id of moved.rows[table] ?? []) update.run(mergedId, id, keptId);
  }
  for (const table of ONE_PER_CUSTOMER) {
    const single = moved.singles[table];
    if (!single) continue;
    if (single.took) prepare(db, `DELETE FROM ${table} WHERE customer_id = ?`).run(keptId);
    insertRow(db, table, single.row);
  }
}

export function movedCount(moved: Moved): number {
  return Object.values(moved.rows).reduce((n, ids) => n + (ids?.length ?? 0), 0);
}

export function hasConsentHistory(db: DB, customerId: number): boolean {
  return get(db, sql`SELECT 1 FROM consent_events WHERE customer_id = ${customerId} LIMIT 1`) !== undefined;
}
