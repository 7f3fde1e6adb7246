// Staff accounts as stored: what a signed-in session is checked against on every call.
import type { Role } from '../../../shared/contract/roles';
import type { DB } from '../db/open';
import { get, run, sql } from '../db/sql';

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
