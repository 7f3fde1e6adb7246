// 0002: duplicate detection. Pairs a person has judged "not duplicates" are remembered so the
// scan never puts them in front of anyone again; the date-of-birth index lets the warning at the
// counter find same-birthday records without reading the whole table.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    -- One row per pair judged distinct; a_id < b_id so a pair has one spelling. No foreign keys:
    -- the judgement is about a pair of ids and is removed with either record by the deleter.
    CREATE TABLE duplicate_dismissals (
      a_id INTEGER NOT NULL,
      b_id INTEGER NOT NULL,
      dismissed_by INTEGER NOT NULL REFERENCES users(id),
      dismissed_at TEXT NOT NULL,
      PRIMARY KEY (a_id, b_id),
      CHECK (a_id < b_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX duplicate_dismissals_b ON duplicate_dismissals(b_id);

    CREATE INDEX customers_date_of_birth ON customers(date_of_birth);
  `);
}
