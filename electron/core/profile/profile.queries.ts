// The profile's small tables: special-category confirmations kept beside a record, and the
// completeness counters kept by triggers (field_counts, migration 0005; value_counts, 0007).
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';

/** The kinds of special-category hint confirmed for a record (empty: none). */
export function confirmedKinds(db: DB, customerId: number): string[] {
  const stored = get<{ kinds: string }>(
    db,
    sql`SELECT kinds FROM customer_sensitive_acks WHERE customer_id = ${customerId}`,
  );
  return stored?.kinds.split(',') ?? [];
}

/** Keep a record's confirmation (replacing an older one). */
export function keepConfirmation(
  db: DB,
  customerId: number,
  ack: { kinds: readonly string[]; lawful_basis: string; note: string },
  at: string,
  userId: number,
): void {
  run(
    db,
    sql`INSERT INTO customer_sensitive_acks (customer_id, kinds, lawful_basis, note, at, by_user)
        VALUES (${customerId}, ${ack.kinds.join(',')}, ${ack.lawful_basis}, ${ack.note}, ${at}, ${userId})
        ON CONFLICT (customer_id) DO UPDATE SET kinds = excluded.kinds, lawful_basis = excluded.lawful_basis,
          note = excluded.note, at = excluded.at, by_user = excluded.by_user`,
  );
}

/** The built-in fields' counters, and `records` (the customers counted). */
export function readFieldCounts(db: DB): Map<string, number> {
  const row = get<Record<string, number>>(db, sql`SELECT * FROM field_counts WHERE id = 1`) ?? {};
  return new Map(Object.entries(row).filter(([key]) => key !== 'id'));
}

export type Priority = 'must_have' | 'nice_to_know' | 'not_collected';

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
