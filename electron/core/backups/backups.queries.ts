// The SQL of backups: the copy itself and what a backup holds.
import type { DB } from '../db/open';
import { get, run, sql } from '../db/sql';

/**
 * A whole copy of the file into `target` (a new or empty file), encrypted under the same key:
 * SQLite writes it from one read snapshot. The path is a bound value, never spliced text.
 */
export function vacuumInto(db: DB, target: string): void {
  run(db, sql`VACUUM INTO ${target}`);
}

const n = (db: DB, q: ReturnType<typeof sql>) => get<{ n: number }>(db, q)?.n ?? 0;

/** The counts a backup's list and preview show. */
export function backupCounts(db: DB): {
  customers: number;
  purchases: number;
  accounts: number;
  audit_entries: number;
} {
  return {
    customers: n(db, sql`SELECT count(*) AS n FROM customers`),
    purchases: n(db, sql`SELECT count(*) AS n FROM purchases`),
    accounts: n(db, sql`SELECT count(*) AS n FROM users`),
    audit_entries: n(db, sql`SELECT count(*) AS n FROM audit_log`),
  };
}

/** The tables a Custodian file always has: a file without them is not one of ours. */
export function hasCustodianTables(db: DB): boolean {
  const found = get<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name IN ('meta', 'users', 'customers', 'audit_log')`,
  );
  return (found?.n ?? 0) === 4;
}
