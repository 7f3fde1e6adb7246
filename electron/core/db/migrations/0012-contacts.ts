// 0012: contacts with the customer as the record screen logs them — a letter and "other" join
// visit, call, email and complaint, and each contact keeps a summary beside its outcome.
//
// SQLite cannot change a CHECK constraint in place, so the table is rebuilt the way SQLite's own
// ALTER TABLE guide says: a new table, the rows copied with their ids (a merge remembers them to
// give them back on undo), the old one dropped, the new one renamed; then its index and any
// trigger another migration put on the table are created again from their own SQL, so a trigger
// written before this runs (activity stamps, say) is not silently lost with the old table.
//
// Frozen: this file imports nothing live. The kinds are shared/purchases.ts's INTERACTION_KINDS as
// they were written.
import type { DB } from '../open';

export function up(db: DB): void {
  const dependents = db
    .prepare(
      "SELECT sql FROM sqlite_master WHERE tbl_name = 'interactions' AND type IN ('index', 'trigger') AND sql IS NOT NULL",
    )
    .pluck()
    .all() as string[];
  db.exec(`
    CREATE TABLE interactions_0012 (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('visit','call','email','letter','complaint','other')),
      summary TEXT NOT NULL DEFAULT '',
      outcome TEXT NOT NULL DEFAULT '',
      handled_by INTEGER NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;
    INSERT INTO interactions_0012 (id, customer_id, at, kind, outcome, handled_by, created_at, created_by)
      SELECT id, customer_id, at, kind, outcome, handled_by, created_at, created_by FROM interactions ORDER BY id;
    DROP TABLE interactions;
    ALTER TABLE interactions_0012 RENAME TO interactions;
  `);
  for (const statement of dependents) db.exec(statement);
}
