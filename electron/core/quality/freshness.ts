// Freshness: "verified with the customer today" from the record, and the worklist of records
// nobody has confirmed for longer than the organisation's stale_after_months.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { displayName } from '../../../shared/customer';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { getCustomer, noteActivity } from '../customers/customers.queries';
import { markValuesVerified } from '../customers/details.queries';
import { visibleCustomer } from '../customers/details.service';
import { withValues } from '../register/custom-values';
import { countStaleSince, markVerified, staleSince } from './freshness.queries';

/** The same moment `months` calendar months earlier (UTC), as ISO text comparable with the stamps. */
export function monthsBefore(iso: string, months: number): string {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
}

export function verifyCustomer(ctx: Context, input: Input<'customers.verify'>): Output<'customers.verify'> {
  return ctx.db.transaction(() => {
    // Not an edit: the version stays, so nobody editing the record meanwhile is refused for it.
    if (!markVerified(ctx.db, input.id, ctx.now()))
      throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may have been deleted).');
    // Every value of the record is confirmed with it, each keeping when it was collected.
    markValuesVerified(ctx.db, input.id, ctx.now());
    noteActivity(ctx.db, input.id, ctx.now(), 'verified');
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'customer.verify',
      entity: 'customer',
      entityId: input.id,
    });
    return visibleCustomer(
      ctx,
      withValues(ctx, getCustomer(ctx.db, input.id) as NonNullable<ReturnType<typeof getCustomer>>),
    );
  })();
}

/** Live records not verified since the cutoff, the longest unconfirmed first. */
export function listStale(ctx: Context, input: Input<'quality.staleList'>): Output<'quality.staleList'> {
  const months = ctx.vault.settings.stale_after_months;
  const cutoff = monthsBefore(ctx.now(), months);
  const rows = staleSince(ctx.db, cutoff, input.limit ?? 100, input.offset ?? 0);
  const total = countStaleSince(ctx.db, cutoff);
  return {
    items: rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      name: displayName(r),
      verified_at: r.verified_at,
      updated_at: r.updated_at,
    })),
    total,
    cutoff,
    months,
  };
}
