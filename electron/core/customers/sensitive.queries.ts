// Special-category confirmations kept beside a record (customer_sensitive_acks).
import type { DB } from '../db/open';
import { get, run, sql } from '../db/sql';

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
