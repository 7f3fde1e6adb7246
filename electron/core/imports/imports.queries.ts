// The import batches, the before-images of records an import changed, and mapping templates.
import type { Customer } from '../../../shared/customer';
import type { StoredValue } from '../customers/images';
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';

export type BatchCounts = {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  matched: number;
};

export type BatchRow = BatchCounts & {
  id: number;
  source: string;
  file_name: string;
  format: string;
  mapping: string;
  on_match: string;
  mode: string;
  status: string;
  message: string;
  by: string;
  started_at: string;
  finished_at: string;
  closed_at: string;
};

export function insertBatch(
  db: DB,
  b: { source: string; fileName: string; format: string; mapping: string; onMatch: string; mode: string },
  userId: number,
  now: string,
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO imports (source, file_name, format, mapping, on_match, mode, status, user_id, started_at)
        VALUES (${b.source}, ${b.fileName}, ${b.format}, ${b.mapping}, ${b.onMatch}, ${b.mode}, 'running', ${userId}, ${now})`,
  );
  return Number(lastInsertRowid);
}

export function saveCounts(db: DB, id: number, c: BatchCounts): void {
  run(
    db,
    sql`UPDATE imports SET rows_read = ${c.rows}, created = ${c.created}, updated = ${c.updated}, skipped = ${c.skipped},
          rejected = ${c.rejected}, matched = ${c.matched} WHERE id = ${id}`,
  );
}

export function setStatus(
  db: DB,
  id: number,
  status: string,
  at: { finished?: string; closed?: string },
  message?: string,
): void {
  run(
    db,
    sql`UPDATE imports SET status = ${status}, finished_at = coalesce(${at.finished ?? null}, finished_at),
          closed_at = coalesce(${at.closed ?? null}, closed_at), message = coalesce(${message ?? null}, message)
        WHERE id = ${id}`,
  );
}

const SELECT_BATCH = `SELECT i.id, i.source, i.file_name, i.format, i.mapping, i.on_match, i.mode, i.status,
  i.rows_read AS rows, i.created, i.updated, i.skipped, i.rejected, i.matched, i.message, u.name AS by,
  i.started_at, i.finished_at, i.closed_at FROM imports i JOIN users u ON u.id = i.user_id`;

export function getBatch(db: DB, id: number): BatchRow | undefined {
  return prepare(db, `${SELECT_BATCH} WHERE i.id = ?`).get(id) as BatchRow | undefined;
}

export function listBatches(db: DB, limit: number): BatchRow[] {
  return prepare(db, `${SELECT_BATCH} ORDER BY i.id DESC LIMIT ?`).all(limit) as BatchRow[];
}

/** The first before-image of a record wins (a file may update the same record twice). */
/** The record before an import changed it; `stored_values` are its register values as stored text. */
export type BeforeImage = Customer & { stored_values?: StoredValue[] };

/** Rewrite the before-images an unconfirmed import keeps of this record (a value erased since). */
export function rewriteBeforeImages(db: DB, customerId: number, change: (before: BeforeImage) => BeforeImage): void {
  const rows = all<{ import_id: number; before: string }>(
    db,
    sql`SELECT import_id, before FROM import_before WHERE customer_id = ${customerId}`,
  );
  for (const row of rows) {
    const before = JSON.stringify(change(JSON.parse(row.before) as BeforeImage));
    run(
      db,
      sql`UPDATE import_before SET before = ${before} WHERE import_id = ${row.import_id} AND customer_id = ${customerId}`,
    );
  }
}

export function keepBefore(db: DB, importId: number, before: BeforeImage, versionAfter: number): void {
  run(
    db,
    sql`INSERT INTO import_before (import_id, customer_id, version_after, before)
        VALUES (${importId}, ${before.id}, ${versionAfter}, ${JSON.stringify(before)})
        ON CONFLICT (import_id, customer_id) DO UPDATE SET version_after = excluded.version_after`,
  );
}

export function readBefore(
  db: DB,
  importId: number,
  limit: number,
): { customer_id: number; version_after: number; before: string }[] {
  return all(
    db,
    sql`SELECT customer_id, version_after, before FROM import_before WHERE import_id = ${importId} LIMIT ${limit}`,
  );
}

export function dropBefore(db: DB, importId: number, customerId?: number): void {
  if (customerId === undefined) run(db, sql`DELETE FROM import_before WHERE import_id = ${importId}`);
  else run(db, sql`DELETE FROM import_before WHERE import_id = ${importId} AND customer_id = ${customerId}`);
}

/**
 * Erasure: take every before-image of these records out of every batch, returning them (their
 * search terms are read to find the searches that named the person). An undo of such a batch
 * later finds no image for them and so restores nothing of them.
 */
export function forgetBeforeImages(db: DB, customerIds: readonly number[]): BeforeImage[] {
  const ids = JSON.stringify(customerIds);
  const rows = all<{ before: string }>(
    db,
    sql`SELECT before FROM import_before WHERE customer_id IN (SELECT value FROM json_each(${ids}))`,
  );
  run(db, sql`DELETE FROM import_before WHERE customer_id IN (SELECT value FROM json_each(${ids}))`);
  return rows.map((r) => JSON.parse(r.before) as BeforeImage);
}

export function createdBy(db: DB, importId: number, limit: number): { id: number; terms: string }[] {
  return all(db, sql`SELECT id, terms FROM customers WHERE import_id = ${importId} LIMIT ${limit}`);
}

export function countCreatedBy(db: DB, importId: number): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers WHERE import_id = ${importId}`)?.n ?? 0;
}

/** Records an import created, deleted with their "not duplicates" pairs (children go by cascade). */
export function deleteCreated(db: DB, ids: readonly number[]): void {
  const list = JSON.stringify(ids);
  run(
    db,
    sql`DELETE FROM duplicate_dismissals WHERE a_id IN (SELECT value FROM json_each(${list}))
          OR b_id IN (SELECT value FROM json_each(${list}))`,
  );
  run(db, sql`DELETE FROM customers WHERE id IN (SELECT value FROM json_each(${list}))`);
}

export function versionOf(db: DB, customerId: number): number | undefined {
  return get<{ version: number }>(db, sql`SELECT version FROM customers WHERE id = ${customerId}`)?.version;
}

/** Purchases and bookings a file added (profile/purchases-import.ts): one statement, no personal index. */
export function deletePurchasesOf(db: DB, importId: number): number {
  return run(db, sql`DELETE FROM purchases WHERE import_id = ${importId}`).changes;
}

/** The batch a record came from (null: not from an import). */
export function batchOf(db: DB, customerId: number): number | null {
  return (
    get<{ import_id: number | null }>(db, sql`SELECT import_id FROM customers WHERE id = ${customerId}`)?.import_id ??
    null
  );
}

export type Template = { name: string; source: string; signature: string; mapping: string; updated_at: string };

export function findTemplate(db: DB, by: { name?: string; signature?: string; source?: string }): Template | undefined {
  if (by.name) return get(db, sql`SELECT * FROM import_templates WHERE name = ${by.name}`);
  return get(
    db,
    sql`SELECT * FROM import_templates WHERE signature = ${by.signature ?? ''}
        ORDER BY (source = ${by.source ?? ''}) DESC, updated_at DESC LIMIT 1`,
  );
}

export function listTemplates(db: DB, source?: string): Template[] {
  return all(
    db,
    sql`SELECT * FROM import_templates WHERE ${source ?? null} IS NULL OR source = ${source ?? null} ORDER BY name`,
  );
}

export function upsertTemplate(db: DB, t: Omit<Template, 'updated_at'>, userId: number, now: string): void {
  run(
    db,
    sql`INSERT INTO import_templates (name, source, signature, mapping, created_by, updated_at)
        VALUES (${t.name}, ${t.source}, ${t.signature}, ${t.mapping}, ${userId}, ${now})
        ON CONFLICT (name) DO UPDATE SET source = excluded.source, signature = excluded.signature,
          mapping = excluded.mapping, updated_at = excluded.updated_at`,
  );
}

/** Batches still marked running: at open, only a process that was stopped mid-import leaves one. */
export function runningBatches(db: DB): BatchRow[] {
  return prepare(db, `${SELECT_BATCH} WHERE i.status = 'running' ORDER BY i.id`).all() as BatchRow[];
}

/** What a batch has in the file right now: records it created, records it changed (before-images kept). */
export function batchLeftovers(db: DB, importId: number): { created: number; changed: number } {
  const created =
    get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers WHERE import_id = ${importId}`)?.n ?? 0;
  const changed =
    get<{ n: number }>(db, sql`SELECT count(*) AS n FROM import_before WHERE import_id = ${importId}`)?.n ?? 0;
  return { created, changed };
}
