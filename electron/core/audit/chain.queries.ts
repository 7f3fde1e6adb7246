// The audit chain as stored: entries in audit_log, their details in audit_payload (erasable
// without breaking the chain). Writing and checking the chain is audit.ts; the audit screen's
// filtered reads are audit.queries.ts. Statements here are prepared once per connection (sql.ts
// caches by text): an entry is appended for every view and search.
import type { DB } from '../db/open';
import { get, prepare, run, sql } from '../db/sql';

/** An entry as stored, without its details. */
export type ChainRow = {
  seq: number;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  payload_hash: string;
  prev: string;
  mac: string;
};

/** The last entry's number and MAC, or undefined for an empty log. */
export function lastEntry(db: DB): { seq: number; mac: string } | undefined {
  return get<{ seq: number; mac: string }>(db, sql`SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1`);
}

export function entryAt(db: DB, seq: number): ChainRow | undefined {
  return get<ChainRow>(db, sql`SELECT * FROM audit_log WHERE seq = ${seq}`);
}

export function insertEntry(db: DB, row: ChainRow, detail: string): void {
  run(
    db,
    sql`INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, payload_hash, prev, mac)
        VALUES (${row.seq}, ${row.at}, ${row.user_id}, ${row.action}, ${row.entity}, ${row.entity_id},
                ${row.payload_hash}, ${row.prev}, ${row.mac})`,
  );
  if (detail) run(db, sql`INSERT INTO audit_payload (seq, detail) VALUES (${row.seq}, ${detail})`);
}

export function deletePayloads(db: DB, seqs: readonly number[]): void {
  for (const seq of seqs) run(db, sql`DELETE FROM audit_payload WHERE seq = ${seq}`);
}

/** Every search entry's typed query, read row by row (the log may hold millions). */
export function searchQueries(db: DB): IterableIterator<[number, unknown]> {
  return prepare(
    db,
    sql`SELECT p.seq, json_extract(p.detail, '$.q') AS q FROM audit_payload p JOIN audit_log a ON a.seq = p.seq
        WHERE a.action = 'search'`,
  )
    .raw(true)
    .iterate() as IterableIterator<[number, unknown]>;
}

/** The entries from `seq` on, in order, each with its details (null once erased). */
export function entriesFrom(db: DB, seq: number): IterableIterator<ChainRow & { detail: string | null }> {
  return prepare(
    db,
    sql`SELECT a.*, p.detail FROM audit_log a LEFT JOIN audit_payload p ON p.seq = a.seq WHERE a.seq >= ? ORDER BY a.seq`,
  ).iterate(seq) as IterableIterator<ChainRow & { detail: string | null }>;
}

/** A payload from `seq` on with no entry of its own (one was removed but its details left). */
export function orphanPayload(db: DB, seq: number): number | undefined {
  return get<{ seq: number }>(
    db,
    sql`SELECT seq FROM audit_payload WHERE seq >= ${seq} AND seq NOT IN (SELECT seq FROM audit_log) LIMIT 1`,
  )?.seq;
}
