// The completeness counters kept by triggers (field_counts, migration 0005; value_counts, 0007)
// and the register's priorities they are weighed by.
import type { DB } from '../db/open';
import { all, get, sql } from '../db/sql';

/** The built-in fields' counters, and `records` (the customers counted). */
export function readFieldCounts(db: DB): Map<string, number> {
  const row = get<Record<string, number>>(db, sql`SELECT * FROM field_counts WHERE id = 1`) ?? {};
  return new Map(Object.entries(row).filter(([key]) => key !== 'id'));
}

type Priority = 'must_have' | 'nice_to_know' | 'not_collected';

export function registerPriorities(db: DB): Map<string, Priority> {
  return new Map(
    all<{ key: string; priority: Priority }>(db, sql`SELECT key, priority FROM register_fields`).map((r) => [
      r.key,
      r.priority,
    ]),
  );
}

/** The register-defined fields' counters, in register order. */
export function valueCounts(db: DB): { key: string; label: string; priority: Priority; filled: number }[] {
  return all(
    db,
    sql`SELECT r.key, r.label, r.priority, c.filled FROM value_counts c JOIN register_fields r ON r.key = c.field_key
        ORDER BY r.position`,
  );
}
