// Staff accounts as the staff screen changes them: listing, adding, role and active flag, and new
// secrets. Sign-in's own reads and counters are in session/accounts.queries.ts.
import type { Role } from '../../../shared/contract/roles';
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';
import type { UserRow } from './staff.service';

export function userById(db: DB, id: number): UserRow | undefined {
  return get<UserRow>(db, sql`SELECT * FROM users WHERE id = ${id}`);
}

/** Every account, those that may sign in first, by name. */
export function allUsers(db: DB): UserRow[] {
  return all<UserRow>(db, sql`SELECT * FROM users ORDER BY active DESC, name`);
}

export function insertUser(
  db: DB,
  user: { name: string; role: Role; passwordHash: string | null; pinHash: string | null; at: string },
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO users (name, role, password_hash, pin_hash, created_at)
        VALUES (${user.name}, ${user.role}, ${user.passwordHash}, ${user.pinHash}, ${user.at})`,
  );
  return Number(lastInsertRowid);
}

export function countActiveOwners(db: DB): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM users WHERE role = 'owner' AND active = 1`)?.n ?? 0;
}

export function setRoleAndActive(db: DB, id: number, role: Role, active: boolean): void {
  run(db, sql`UPDATE users SET role = ${role}, active = ${active ? 1 : 0} WHERE id = ${id}`);
}

/** New secrets (either may be null: left as is); a new PIN is switched back on, the wrong-attempt count cleared. */
export function setSecrets(db: DB, id: number, passwordHash: string | null, pinHash: string | null): void {
  if (passwordHash) run(db, sql`UPDATE users SET password_hash = ${passwordHash} WHERE id = ${id}`);
  if (pinHash) run(db, sql`UPDATE users SET pin_hash = ${pinHash}, pin_disabled = 0 WHERE id = ${id}`);
  run(db, sql`UPDATE users SET failed_attempts = 0, retry_after = NULL WHERE id = ${id}`);
}
