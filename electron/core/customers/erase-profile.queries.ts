// Erasure of everything the profile keeps about one customer, called by customers/erase.ts in
// its transaction before the customer row goes (the references have no cascade on purpose).
import type { DB } from '../db/open';
import { run, sql } from '../db/sql';

export function eraseProfile(db: DB, customerId: number): void {
  // The append-only trigger guards updates only; erasure is the one permitted delete.
  run(db, sql`DELETE FROM consent_events WHERE customer_id = ${customerId}`);
  run(db, sql`DELETE FROM customer_do_not_contact WHERE customer_id = ${customerId}`);
  run(db, sql`DELETE FROM customer_sensitive_acks WHERE customer_id = ${customerId}`);
  // Sales totals must survive erasure: fold this customer's purchases into anonymous totals first.
  run(
    db,
    sql`INSERT INTO erased_sales (month, category, item, purchases, quantity, amount_pence)
          SELECT substr(date, 1, 7), category, item, count(*), sum(quantity), sum(amount_pence)
          FROM purchases WHERE customer_id = ${customerId} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (month, category, item) DO UPDATE SET purchases = purchases + excluded.purchases,
          quantity = quantity + excluded.quantity, amount_pence = amount_pence + excluded.amount_pence`,
  );
  run(db, sql`DELETE FROM purchases WHERE customer_id = ${customerId}`);
  run(db, sql`DELETE FROM interactions WHERE customer_id = ${customerId}`);
}
