// The rows a merge carries between two records (merge.relations.ts decides what moves): values,
// requests, purchases, interactions, consent events and the one-per-customer rows. Table names
// come from the fixed lists below through ident; the columns of a row put back are the table's
// own, read from the schema.
import type { DB } from '../db/open';
import { all, get, ident, idents, list, run, sql } from '../db/sql';

export const MOVED_TABLES = ['info_requests', 'purchases', 'interactions', 'consent_events'] as const;
export const ONE_PER_CUSTOMER = ['customer_do_not_contact', 'customer_sensitive_acks'] as const;
export type MovedTable = (typeof MOVED_TABLES)[number];
export type OneTable = (typeof ONE_PER_CUSTOMER)[number];

const moved = (table: MovedTable) => ident(table, MOVED_TABLES);
const single = (table: OneTable) => ident(table, ONE_PER_CUSTOMER);

type ConsentState = { channel: string; purpose: string; action: string; wording_version: number };

/** The customer's consent events, newest first. */
export function consentNewestFirst(db: DB, customerId: number): ConsentState[] {
  return all<ConsentState>(
    db,
    sql`SELECT channel, purpose, action, wording_version FROM consent_events WHERE customer_id = ${customerId} ORDER BY id DESC`,
  );
}

/** Register-defined values: the kept record's win; a field it lacks takes the other's, and the other's go. */
export function carryValues(db: DB, fromId: number, toId: number): void {
  run(
    db,
    sql`INSERT OR IGNORE INTO customer_values (customer_id, field_key, value)
          SELECT ${toId}, field_key, value FROM customer_values WHERE customer_id = ${fromId}`,
  );
  run(db, sql`DELETE FROM customer_values WHERE customer_id = ${fromId}`);
}

/** Move every row of `table` from one customer to the other; the ids moved, in order. */
export function moveRows(db: DB, table: MovedTable, fromId: number, toId: number): number[] {
  const ids = all<{ id: number }>(
    db,
    sql`SELECT id FROM ${moved(table)} WHERE customer_id = ${fromId} ORDER BY id`,
  ).map((r) => r.id);
  if (ids.length > 0) run(db, sql`UPDATE ${moved(table)} SET customer_id = ${toId} WHERE customer_id = ${fromId}`);
  return ids;
}

/** Give rows back to `toId`, those among `ids` still with `fromId`. */
export function returnRows(db: DB, table: MovedTable, ids: readonly number[], fromId: number, toId: number): void {
  for (const id of ids) {
    run(db, sql`UPDATE ${moved(table)} SET customer_id = ${toId} WHERE id = ${id} AND customer_id = ${fromId}`);
  }
}

export function singleRow(db: DB, table: OneTable, customerId: number): Record<string, unknown> | undefined {
  return get(db, sql`SELECT * FROM ${single(table)} WHERE customer_id = ${customerId}`);
}

export function deleteSingle(db: DB, table: OneTable, customerId: number): void {
  run(db, sql`DELETE FROM ${single(table)} WHERE customer_id = ${customerId}`);
}

/** Put back a row saved with SELECT *: its keys are checked against the table's own columns. */
export function insertSingle(db: DB, table: OneTable, row: Record<string, unknown>): void {
  const schema = all<{ name: string }>(db, sql`SELECT name FROM pragma_table_info(${table})`).map((c) => c.name);
  const columns = Object.keys(row);
  run(db, sql`INSERT INTO ${single(table)} (${idents(columns, schema)}) VALUES (${list(columns.map((c) => row[c]))})`);
}

/** The withdrawal a merge writes where the two records disagreed; its id. */
export function insertMergeWithdrawal(
  db: DB,
  e: {
    customerId: number;
    channel: string;
    purpose: string;
    wordingVersion: number;
    wording: string;
    at: string;
    userId: number;
  },
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO consent_events (customer_id, channel, purpose, action, basis, wording_version, wording, method, at,
          by_user, evidence_note)
        VALUES (${e.customerId}, ${e.channel}, ${e.purpose}, 'withdrawn', 'consent', ${e.wordingVersion},
          ${e.wording}, 'merge', ${e.at}, ${e.userId}, '')`,
  );
  return Number(lastInsertRowid);
}

export function deleteConsentEvent(db: DB, id: number): void {
  run(db, sql`DELETE FROM consent_events WHERE id = ${id}`);
}
