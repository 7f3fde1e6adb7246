// 0015: a merge of three or more records (a group the duplicate review found) is kept as one
// pairwise merges row per record merged away, all carrying the group's id (the first row's id),
// so the group is listed and undone as one merge. NULL for a merge of two records.
//
// Frozen: this file imports nothing live.
import type { DB } from '../open';

export function up(db: DB): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('merges')").pluck().all() as string[];
  if (!columns.includes('group_id')) db.exec('ALTER TABLE merges ADD COLUMN group_id INTEGER');
  db.exec('CREATE INDEX IF NOT EXISTS merges_group ON merges(group_id) WHERE group_id IS NOT NULL');
}
