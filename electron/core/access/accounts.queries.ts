// Staff accounts as stored: what a signed-in session is checked against on every call.
import type { Role } from '../../../shared/contract/roles';
import type { DB } from '../db/open';
import { get, sql } from '../db/sql';

/** An account's name, role and whether it may still sign in (undefined: no such account). */
export function accountState(db: DB, id: number): { name: string; role: Role; active: number } | undefined {
  return get(db, sql`SELECT name, role, active FROM users WHERE id = ${id}`);
}
