// Purchases and bookings on a customer, and the buying summary the record view
// shows. The summary is computed per customer from the (customer_id, date, amount, category)
// index, so opening a record reads only that customer's rows.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { BuyingSummary, PurchaseInput } from '../../../shared/purchases';
import { appendAudit, appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { requireCustomer } from '../customers/customer-guard';
import { favouriteCategory, getPurchase, insertPurchase, purchasesOf, purchaseTotals } from './purchases.queries';

export function addPurchase(ctx: Context, input: PurchaseInput): Output<'purchases.add'> {
  requireCustomer(ctx, input.customer_id);
  return ctx.db.transaction(() => {
    const id = insertPurchase(ctx.db, input, ctx.now(), ctx.session.user.id);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: input.amount_pence < 0 ? 'purchase.refund' : 'purchase.add',
      entity: 'customer',
      entityId: input.customer_id,
      detail: { purchase: id },
    });
    const purchase = getPurchase(ctx.db, id);
    if (!purchase) throw new CoreError('INTERNAL', 'The purchase was not stored.');
    return purchase;
  })();
}

export function listPurchases(ctx: Context, input: Input<'purchases.list'>): Output<'purchases.list'> {
  requireCustomer(ctx, input.customer_id);
  return purchasesOf(ctx.db, input.customer_id, input.limit ?? 50);
}

const DAY_MS = 86_400_000;

/** The buying summary of one customer: refunds are netted off the total, never counted as purchases. */
export function summariseBuying(ctx: Pick<Context, 'db'>, customerId: number): BuyingSummary {
  const totals = purchaseTotals(ctx.db, customerId);
  const favourite = favouriteCategory(ctx.db, customerId);
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
    favourite_category: favourite,
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
