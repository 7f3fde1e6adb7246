// 0011: the audit screen filters by person, kind of action and days at a million entries.
//
// An index on the person and on the action, ordered by seq (the rowid every index ends with), so
// a page of one person's entries, or of one action, is read newest first and stops after a page
// instead of walking the whole log; one on the time, so a range of days in the past is read
// without crossing every later entry. The customer filter already has audit_entity (0001).
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS audit_user ON audit_log(user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS audit_action ON audit_log(action);
    CREATE INDEX IF NOT EXISTS audit_at ON audit_log(at);
  `);
}
