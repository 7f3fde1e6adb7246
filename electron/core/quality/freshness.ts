// Freshness: the worklist of records nobody has confirmed for longer than the organisation's
// stale_after_months ("verified today" itself is customers.verify, in customers/verify.ts).
import type { Input, Output } from '../../../shared/contract';
import { displayName } from '../../../shared/customer';
import type { Context } from '../context';
import { all, get, sql } from '../db/sql';

/** The same moment `months` calendar months earlier (UTC), as ISO text comparable with the stamps. */
export function monthsBefore(iso: string, months: number): string {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
}

type StaleRow = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  verified_at: string;
  updated_at: string;
};

/** Live records not verified since the cutoff, the longest unconfirmed first. */
export function listStale(ctx: Context, input: Input<'quality.staleList'>): Output<'quality.staleList'> {
  const months = ctx.vault.settings.stale_after_months;
  const cutoff = monthsBefore(ctx.now(), months);
  const rows = all<StaleRow>(
    ctx.db,
    sql`SELECT id, coalesce(ref, '') AS ref, title, given_name, family_name, preferred_name, verified_at, updated_at
        FROM customers WHERE verified_at < ${cutoff} AND archived = 0
        ORDER BY verified_at, id LIMIT ${input.limit ?? 100} OFFSET ${input.offset ?? 0}`,
  );
  const total =
    get<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM customers WHERE verified_at < ${cutoff} AND archived = 0`)
      ?.n ?? 0;
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
