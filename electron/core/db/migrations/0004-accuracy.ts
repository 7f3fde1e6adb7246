// 0004: keeping records accurate. `verified_at` is when someone last confirmed a record with the
// customer (until then, its creation); merges keep the before-images of both records so a merge
// can be undone exactly; erasure totals keep a count per rule and month (nothing personal) so
// figures survive the deletion of the records behind them.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    ALTER TABLE customers ADD COLUMN verified_at TEXT NOT NULL DEFAULT '';
    UPDATE customers SET verified_at = created_at;
    CREATE INDEX customers_verified ON customers(verified_at);

    -- One row per merge. The before-images are JSON of the stored rows (customer columns and its
    -- emails, phones, addresses) exactly as they were, so undo puts back both records, versions
    -- and stamps included. They hold personal data: erasing either person deletes the row.
    CREATE TABLE merges (
      id INTEGER PRIMARY KEY,
      kept_id INTEGER NOT NULL,
      merged_id INTEGER NOT NULL,
      kept_before TEXT NOT NULL,
      merged_before TEXT NOT NULL,
      kept_version_after INTEGER NOT NULL,  -- the kept record edited since → undo would lose that edit
      moved TEXT NOT NULL DEFAULT '{}',      -- rows carried to the kept record (merge.relations.ts)
      choices TEXT NOT NULL,
      merged_by INTEGER NOT NULL REFERENCES users(id),
      merged_at TEXT NOT NULL,
      undone_by INTEGER REFERENCES users(id),
      undone_at TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX merges_kept ON merges(kept_id);
    CREATE INDEX merges_merged ON merges(merged_id);

    CREATE TABLE erasure_totals (
      rule TEXT NOT NULL,
      month TEXT NOT NULL,                  -- YYYY-MM
      erased INTEGER NOT NULL,
      PRIMARY KEY (rule, month)
    ) STRICT, WITHOUT ROWID;
  `);
}
