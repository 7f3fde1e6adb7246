// 0014: saved segments. A definition is JSON (shared/segments.ts, version 1), validated by the
// contract before it is stored; the name is unique whatever its case, so "Jazz BS" and
// "jazz bs" are not two segments the owner has to tell apart in a list.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS segments (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      purpose TEXT NOT NULL,
      definition TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;
  `);
}
