// Purchases and bookings: their rows in and out, and the per-customer figures the
// buying summary is made of (read from the (customer_id, date, amount, category) index).
import type { Purchase, PurchaseInput } from '../../../shared/purchases';
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';

type PurchaseRow = Omit<Purchase, 'refund'> & { refund: number };

const SELECT_PURCHASE = sql`
  SELECT p.id, p.customer_id, p.date, p.item, p.category, p.quantity, p.amount_pence, p.amount_pence < 0 AS refund,
    p.channel, p.venue, p.seat, p.created_at, u.name AS created_by
  FROM purchases p JOIN users u ON u.id = p.created_by`;

const toPurchase = (row: PurchaseRow): Purchase => ({ ...row, refund: row.refund === 1 });

/** One purchase (or refund), typed at the counter or read from a till export (`importId`). */
export function insertPurchase(
  db: DB,
  p: Omit<PurchaseInput, 'customer_id'> & { customer_id: number },
  now: string,
  userId: number,
  importId: number | null = null,
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO purchases (customer_id, date, item, category, quantity, amount_pence, channel, venue, seat,
          created_at, created_by, import_id)
        VALUES (${p.customer_id}, ${p.date}, ${p.item}, ${p.category}, ${p.quantity}, ${p.amount_pence}, ${p.channel},
          ${p.venue}, ${p.seat}, ${now}, ${userId}, ${importId})`,
  );
  return Number(lastInsertRowid);
}

export function getPurchase(db: DB, id: number): Purchase | undefined {
  const row = get<PurchaseRow>(db, sql`${SELECT_PURCHASE} WHERE p.id = ${id}`);
  return row && toPurchase(row);
}

export function purchasesOf(db: DB, customerId: number, limit: number): Purchase[] {
  return all<PurchaseRow>(
    db,
    sql`${SELECT_PURCHASE} WHERE p.customer_id = ${customerId} ORDER BY p.date DESC, p.id DESC LIMIT ${limit}`,
  ).map(toPurchase);
}

type PurchaseTotals = {
  n: number;
  refunds: number;
  first: string | null;
  last: string | null;
  total: number | null;
};

export function purchaseTotals(db: DB, customerId: number): PurchaseTotals {
  return (
    get<PurchaseTotals>(
      db,
      sql`SELECT count(*) FILTER (WHERE amount_pence >= 0) AS n, count(*) FILTER (WHERE amount_pence < 0) AS refunds,
            min(date) FILTER (WHERE amount_pence >= 0) AS first, max(date) FILTER (WHERE amount_pence >= 0) AS last,
            sum(amount_pence) AS total
          FROM purchases WHERE customer_id = ${customerId}`,
    ) ?? { n: 0, refunds: 0, first: null, last: null, total: null }
  );
}

/** The category bought most often (then the most spent on), or ''. */
export function favouriteCategory(db: DB, customerId: number): string {
  return (
    get<{ category: string }>(
      db,
      sql`SELECT category FROM purchases WHERE customer_id = ${customerId} AND amount_pence >= 0 AND category <> ''
          GROUP BY category ORDER BY count(*) DESC, sum(amount_pence) DESC, category LIMIT 1`,
    )?.category ?? ''
  );
}
