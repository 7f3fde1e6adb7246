// Taking back what an import wrote: the records it created are deleted as erasure deletes them (the
// row with its emails, phones and addresses, its search entries, "not duplicates" pairs, and the
// details of audit entries about it; many at once by building the search index again); the records
// it updated get their before-image back unless someone has edited them since. Done in chunks, each
// its own transaction, and idempotent, so an undo interrupted by a crash is finished by running it
// again.
import { appendAudit, erasePayloads } from '../audit/audit';
import { auditEntriesAbout } from '../audit/audit.queries';
import { countCustomers, updateCustomer } from '../customers/customers.queries';
import { restoreValues } from '../customers/images';
import type { DB } from '../db/open';
import { checkpoint } from '../db/pragmas';
import { markSearchRebuild, rebuildSearchIndex, searchRebuildPending, termRemover } from '../search/index.queries';
import {
  type BeforeImage,
  countCreatedBy,
  createdBy,
  deleteCreated,
  deletePurchasesOf,
  dropBefore,
  keepBefore,
  readBefore,
  versionOf,
} from './imports.queries';

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
  const count = countCreatedBy(db, importId);
  const left = countCustomers(db) - count;
  // An undo cut off halfway (see also Vault.adopt) finishes with the rebuild it had begun.
  const rebuild = searchRebuildPending(db) || (count > 0 && count * REBUILD_RATIO >= left);
  if (rebuild) markSearchRebuild(db);
  const removeTerms = termRemover(db);
  let removed = 0;
  for (;;) {
    const rows = createdBy(db, importId, CHUNK);
    if (rows.length === 0) break;
    db.transaction(() => {
      if (!rebuild) for (const { id, terms } of rows) removeTerms(id, terms);
      const ids = rows.map((r) => r.id);
      const about = auditEntriesAbout(db, 'customer', ids);
      if (about.length > 0) erasePayloads(db, about);
      deleteCreated(db, ids);
    })();
    removed += rows.length;
  }
  if (rebuild) rebuildSearchIndex(db);
  return removed;
}

function restoreUpdated(db: DB, importId: number, userId: number, now: string): { restored: number; kept: number } {
  let restored = 0;
  let kept = 0;
  for (;;) {
    const rows = readBefore(db, importId, CHUNK);
    if (rows.length === 0) return { restored, kept };
    db.transaction(() => {
      for (const r of rows) {
        const current = versionOf(db, r.customer_id);
        if (current !== undefined && current === r.version_after) {
          const before = JSON.parse(r.before) as BeforeImage;
          updateCustomer(db, r.customer_id, current, before, userId, now);
          if (before.stored_values) restoreValues(db, r.customer_id, before.stored_values);
          restored++;
        } else if (current !== undefined) kept++;
        dropBefore(db, importId, r.customer_id);
      }
    })();
  }
}

/** Purchases and bookings a file added (purchases/purchases-import.ts): one statement, no personal index. */
function removePurchases(db: DB, importId: number): number {
  return deletePurchasesOf(db, importId);
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
  checkpoint(db);
  return { removed, restored, kept };
}

/**
 * Keep a record's before-image in a batch, for its undo: an event pack's merge (packs/merge.ts)
 * changes records as an import does and is taken back by takeBackBatch the same way.
 */
export function keepBeforeImage(db: DB, importId: number, before: BeforeImage, versionAfter: number): void {
  keepBefore(db, importId, before, versionAfter);
}
