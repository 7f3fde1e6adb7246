// Freshness: the worklist of records nobody has confirmed for longer than the organisation's
// stale_after_months ("verified today" itself is customers.verify, in customers/verify.ts).
import type { Input, Output } from '../../../shared/contract';
import { displayName } from '../../../shared/customer';
import type { Context } from '../context';
import { countStaleSince, staleSince } from './freshness.queries';

/** The same moment `months` calendar months earlier (UTC), as ISO text comparable with the stamps. */
export function monthsBefore(iso: string, months: number): string {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
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
