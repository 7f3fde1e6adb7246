// Purchases and bookings on a customer, and the buying summary the record view
// shows. The summary is computed per customer from the (customer_id, date, amount, category)
// index, so opening a record reads only that customer's rows.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { BuyingSummary, Purchase, PurchaseInput } from '../../../shared/purchases';
import { appendAudit, appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { requireCustomer } from '../customers/customer-guard';
import { all, get, run, sql } from '../db/sql';

const SELECT_PURCHASE = `
  SELECT p.id, p.customer_id, p.date, p.item, p.category, p.quantity, p.amount_pence, p.amount_pence < 0 AS refund,
    p.channel, p.venue, p.seat, p.created_at, u.name AS created_by
  FROM purchases p JOIN users u ON u.id = p.created_by`;

const toPurchase = (row: Omit<Purchase, 'refund'> & { refund: number }): Purchase => ({
  ...row,
  refund: row.refund === 1,
});

export function addPurchase(ctx: Context, input: PurchaseInput): Output<'purchases.add'> {
  requireCustomer(ctx, input.customer_id);
  return ctx.db.transaction(() => {
    const { lastInsertRowid } = run(
      ctx.db,
      sql`INSERT INTO purchases (customer_id, date, item, category, quantity, amount_pence, channel, venue, seat,
            created_at, created_by)
          VALUES (${input.customer_id}, ${input.date}, ${input.item}, ${input.category}, ${input.quantity},
            ${input.amount_pence}, ${input.channel}, ${input.venue}, ${input.seat}, ${ctx.now()}, ${ctx.session.user.id})`,
    );
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: input.amount_pence < 0 ? 'purchase.refund' : 'purchase.add',
      entity: 'customer',
      entityId: input.customer_id,
      detail: { purchase: Number(lastInsertRowid) },
    });
    const row = get<Parameters<typeof toPurchase>[0]>(ctx.db, {
      text: `${SELECT_PURCHASE} WHERE p.id = ?`,
      params: [Number(lastInsertRowid)],
    });
    if (!row) throw new CoreError('INTERNAL', 'The purchase was not stored.');
    return toPurchase(row);
  })();
}

export function listPurchases(ctx: Context, input: Input<'purchases.list'>): Output<'purchases.list'> {
  requireCustomer(ctx, input.customer_id);
  const rows = all<Parameters<typeof toPurchase>[0]>(ctx.db, {
    text: `${SELECT_PURCHASE} WHERE p.customer_id = ? ORDER BY p.date DESC, p.id DESC LIMIT ?`,
    params: [input.customer_id, input.limit ?? 50],
  });
  return rows.map(toPurchase);
}

const DAY_MS = 86_400_000;

/** The buying summary of one customer: refunds are netted off the total, never counted as purchases. */
export function summariseBuying(ctx: Pick<Context, 'db'>, customerId: number): BuyingSummary {
  const totals = get<{ n: number; refunds: number; first: string | null; last: string | null; total: number | null }>(
    ctx.db,
    sql`SELECT count(*) FILTER (WHERE amount_pence >= 0) AS n, count(*) FILTER (WHERE amount_pence < 0) AS refunds,
          min(date) FILTER (WHERE amount_pence >= 0) AS first, max(date) FILTER (WHERE amount_pence >= 0) AS last,
          sum(amount_pence) AS total
        FROM purchases WHERE customer_id = ${customerId}`,
  ) ?? { n: 0, refunds: 0, first: null, last: null, total: null };
  const favourite = get<{ category: string }>(
    ctx.db,
    sql`SELECT category FROM purchases WHERE customer_id = ${customerId} AND amount_pence >= 0 AND category <> ''
        GROUP BY category ORDER BY count(*) DESC, sum(amount_pence) DESC, category LIMIT 1`,
  );
  const first = totals.first ?? '';
  const last = totals.last ?? '';
  const total = totals.total ?? 0;
  // Purchases per year over the span from first to last; a span under a month counts as a month,
  // so two purchases on one day do not read as hundreds a year.
  const spanYears = first && last ? Math.max((Date.parse(last) - Date.parse(first)) / DAY_MS / 365.25, 1 / 12) : 0;
  return {
    customer_id: customerId,
    purchases: totals.n,
    refunds: totals.refunds,
    first_purchase: first,
    last_purchase: last,
    per_year: totals.n >= 2 ? Math.round((totals.n / spanYears) * 10) / 10 : null,
    total_pence: total,
    average_pence: totals.n > 0 ? Math.round(total / totals.n) : null,
    favourite_category: favourite?.category ?? '',
  };
}

export function buyingSummary(ctx: Context, input: { id: number }): Output<'purchases.summary'> {
  requireCustomer(ctx, input.id);
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'purchases.view',
    entity: 'customer',
    entityId: input.id,
  });
  return summariseBuying(ctx, input.id);
}
