// Verifying a record: its verified_at stamp.
import type { DB } from '../db/open';
import { run, sql } from '../db/sql';

/** Not an edit: the version stays, so nobody editing the record meanwhile is refused for it. False: no such record. */
export function markVerified(db: DB, id: number, at: string): boolean {
  return run(db, sql`UPDATE customers SET verified_at = ${at} WHERE id = ${id}`).changes > 0;
}
