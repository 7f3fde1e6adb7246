// Taking back what an import wrote: the records it created are deleted as erasure deletes them (the
// row with its emails, phones and addresses, its search entries, "not duplicates" pairs, and the
// details of audit entries about it; many at once by building the search index again); the records
// it updated get their before-image back unless someone has edited them since. Done in chunks, each
// its own transaction, and idempotent, so an undo interrupted by a crash is finished by running it
// again.
import { appendAudit, erasePayloads } from '../audit/audit';
import {
  markSearchRebuild,
  rebuildSearchIndex,
  searchRebuildPending,
  updateCustomer,
} from '../customers/customers.queries';
import { restoreValues } from '../customers/images';
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';
import { type BeforeImage, createdBy, dropBefore, readBefore } from './imports.queries';

const CHUNK = 2000;

/**
 * Removing at least 1/REBUILD_RATIO of what stays, the search index is built again instead of
 * removing each record's terms (see rebuildSearchIndex). At 1,000,000 records, removing one
 * record's terms takes about 10 ms and indexing a record that stays about 14 µs (npm run bench --
 * import): undoing 100,000 rows takes 16 s instead of some 17 minutes.
 */
const REBUILD_RATIO = 600;

export type TakenBack = { removed: number; restored: number; kept: number };

function removeCreated(db: DB, importId: number): number {
  const count = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers WHERE import_id = ${importId}`)?.n ?? 0;
  const left = (get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers`)?.n ?? 0) - count;
  // An undo cut off halfway (see also Vault.adopt) finishes with the rebuild it had begun.
  const rebuild = searchRebuildPending(db) || (count > 0 && count * REBUILD_RATIO >= left);
  if (rebuild) markSearchRebuild(db);
  const removeTerms = prepare(db, "INSERT INTO search_index (search_index, rowid, terms) VALUES ('delete', ?, ?)");
  let removed = 0;
  for (;;) {
    const rows = createdBy(db, importId, CHUNK);
    if (rows.length === 0) break;
    db.transaction(() => {
      if (!rebuild) for (const { id, terms } of rows) if (terms) removeTerms.run(id, terms);
      const ids = JSON.stringify(rows.map((r) => r.id));
      const about = all<{ seq: number }>(
        db,
        sql`SELECT seq FROM audit_log WHERE entity = 'customer' AND entity_id IN (SELECT value FROM json_each(${ids}))`,
      ).map((a) => a.seq);
      if (about.length > 0) erasePayloads(db, about);
      run(
        db,
        sql`DELETE FROM duplicate_dismissals WHERE a_id IN (SELECT value FROM json_each(${ids}))
              OR b_id IN (SELECT value FROM json_each(${ids}))`,
      );
      run(db, sql`DELETE FROM customers WHERE id IN (SELECT value FROM json_each(${ids}))`);
    })();
    removed += rows.length;
  }
  if (rebuild) rebuildSearchIndex(db);
  return removed;
}

function restoreUpdated(db: DB, importId: number, userId: number, now: string): { restored: number; kept: number } {
  let restored = 0;
  let kept = 0;
  const versionOf = prepare(db, 'SELECT version FROM customers WHERE id = ?');
  for (;;) {
    const rows = readBefore(db, importId, CHUNK);
    if (rows.length === 0) return { restored, kept };
    db.transaction(() => {
      for (const r of rows) {
        const current = versionOf.get(r.customer_id) as { version: number } | undefined;
        if (current && current.version === r.version_after) {
          const before = JSON.parse(r.before) as BeforeImage;
          updateCustomer(db, r.customer_id, current.version, before, userId, now);
          if (before.stored_values) restoreValues(db, r.customer_id, before.stored_values);
          restored++;
        } else if (current) kept++;
        dropBefore(db, importId, r.customer_id);
      }
    })();
  }
}

/** Purchases and bookings a file added (purchases/purchases-import.ts): one statement, no personal index. */
function removePurchases(db: DB, importId: number): number {
  return prepare(db, 'DELETE FROM purchases WHERE import_id = ?').run(importId).changes;
}

export function takeBackBatch(
  db: DB,
  importId: number,
  userId: number,
  now: string,
  action: 'import.fail' | 'import.cancel' | 'import.undo',
): TakenBack {
  const { restored, kept } = restoreUpdated(db, importId, userId, now);
  const removed = removeCreated(db, importId) + removePurchases(db, importId);
  appendAudit(db, userId, now, { action, entity: 'import', entityId: importId, detail: { removed, restored, kept } });
  // Deleted page images live in the WAL until a checkpoint (as for erasure).
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { removed, restored, kept };
}
