// Staff accounts as stored: who may sign in, the wrong-attempt counters, and what a signed-in
// session is checked against on every call.
import type { Role } from '../../../shared/contract/roles';
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';
import type { UserRow } from '../staff/staff.service';

/** An account's name, role and whether it may still sign in (undefined: no such account). */
export function accountState(db: DB, id: number): { name: string; role: Role; active: number } | undefined {
  return get(db, sql`SELECT name, role, active FROM users WHERE id = ${id}`);
}

/** The file's first owner, made with the file. */
export function insertOwner(db: DB, name: string, at: string): number {
  return Number(
    run(db, sql`INSERT INTO users (name, role, created_at) VALUES (${name}, 'owner', ${at})`).lastInsertRowid,
  );
}

/** The first active owner: whom the file passphrase signs in. */
export function firstOwner(db: DB): number | undefined {
  return get<{ id: number }>(db, sql`SELECT id FROM users WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1`)?.id;
}

/** An active account as a session names it. */
export function activeAccount(db: DB, id: number): { id: number; name: string; role: Role } | undefined {
  return get(db, sql`SELECT id, name, role FROM users WHERE id = ${id} AND active = 1`);
}

/** The accounts that may sign in, by name. */
export function activeUsers(db: DB): UserRow[] {
  return all<UserRow>(db, sql`SELECT * FROM users WHERE active = 1 ORDER BY name`);
}

/** An active account with its secrets and counters, to check a sign-in against. */
export function activeUser(db: DB, id: number): UserRow | undefined {
  return get<UserRow>(db, sql`SELECT * FROM users WHERE id = ${id} AND active = 1`);
}

/** A good sign-in: the wrong-attempt count and the wait are cleared. */
export function clearFailures(db: DB, id: number): void {
  run(db, sql`UPDATE users SET failed_attempts = 0, retry_after = NULL WHERE id = ${id}`);
}

/** A wrong sign-in: the count, the wait before the next try, and the PIN switched off if `disablePin`. */
export function noteFailure(
  db: DB,
  id: number,
  failures: number,
  retryAfter: string | null,
  disablePin: boolean,
): void {
  run(
    db,
    sql`UPDATE users SET failed_attempts = ${failures}, retry_after = ${retryAfter},
          pin_disabled = CASE WHEN ${disablePin ? 1 : 0} = 1 THEN 1 ELSE pin_disabled END
        WHERE id = ${id}`,
  );
}
