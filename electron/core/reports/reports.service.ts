// Buying-pattern reports: the SQL does the counting; this names the groups and labels the keys
// in words (a weekday, a region, "Not recorded") so a chart and its table read the same.
import type { Output, Parsed } from '../../../shared/contract';
import { RFM_GROUP_LABELS, RFM_GROUPS, rfmGroup } from '../../../shared/contract/reports';
import { rfmEnd } from '../../../shared/rfm';
import type { Period } from '../../../shared/segments';
import type { Context } from '../context';
import { cohorts, erasedSales, repeatFigures, rfmGrid, salesBy, salesByMonthCounted } from './reports.queries';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function rfmReport(ctx: Context, input: Parsed<'reports.rfm'>): Output<'reports.rfm'> {
  const today = ctx.now().slice(0, 10);
  const end = rfmEnd(input.period, today);
  const grid = rfmGrid(ctx.db, input.period, input.basis, end, input.breaks);
  const groups = RFM_GROUPS.map((group) => {
    const cells = grid.filter((c) => rfmGroup(c.r, c.f) === group);
    return {
      group,
      label: RFM_GROUP_LABELS[group],
      customers: cells.reduce((s, c) => s + c.customers, 0),
      spend_pence: cells.reduce((s, c) => s + c.spend_pence, 0),
    };
  });
  return {
    customers: grid.reduce((s, c) => s + c.customers, 0),
    method: input.breaks ? 'breaks' : 'quintiles',
    groups,
    grid,
  };
}

/**
 * The period as whole months, when it is one (it starts on a 1st and ends on a month's last day,
 * or is open at either end): then sales by month can be read from the monthly counters.
 */
function wholeMonths(period: Period): { from: string | null; to: string | null } | null {
  const { from, to } = period;
  if (from !== undefined && !from.endsWith('-01')) return null;
  if (to !== undefined) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (next.getUTCDate() !== 1) return null;
  }
  return { from: from?.slice(0, 7) ?? null, to: to?.slice(0, 7) ?? null };
}

export function salesReport(ctx: Context, input: Parsed<'reports.sales'>): Output<'reports.sales'> {
  const months = input.by === 'month' ? wholeMonths(input.period) : null;
  const found = months
    ? salesByMonthCounted(ctx.db, months, input.basis)
    : salesBy(ctx.db, input.by, input.period, input.basis, ctx.now().slice(0, 10));
  const rows = found.map((r) => ({
    ...r,
    label: input.by === 'weekday' ? (WEEKDAYS[Number(r.key)] ?? r.key) : r.key === '' ? 'Not recorded' : r.key,
  }));
  const keepsErased = input.by === 'month' || input.by === 'category' || input.by === 'item';
  return {
    rows,
    erased: keepsErased ? erasedSales(ctx.db, input.period) : { purchases: 0, quantity: 0, amount_pence: 0 },
  };
}

export function repeatReport(ctx: Context, input: Parsed<'reports.repeat'>): Output<'reports.repeat'> {
  const { buyers, repeat_buyers, gaps, gap_days, spread } = repeatFigures(ctx.db, input.period, input.basis);
  return {
    buyers,
    repeat_buyers,
    repeat_rate: buyers === 0 ? 0 : repeat_buyers / buyers,
    mean_days_between: gaps === 0 ? null : gap_days / gaps,
    median_days_between: median(spread, gaps),
    cohorts: cohortRows(ctx, input),
  };
}

/** The median of `total` values spread as (days, n) rows in order: the middle one, or the mean of the middle two. */
function median(spread: readonly { days: number; n: number }[], total: number): number | null {
  if (total === 0) return null;
  // The value at 0-based position i of the sorted gaps.
  const at = (i: number) => {
    let seen = 0;
    for (const { days, n } of spread) {
      seen += n;
      if (i < seen) return days;
    }
    return spread.at(-1)?.days ?? 0;
  };
  const mid = total >> 1;
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

function cohortRows(ctx: Context, input: Parsed<'reports.repeat'>): Output<'reports.repeat'>['cohorts'] {
  const byMonth = new Map<string, { customers: number; returned: number[] }>();
  for (const row of cohorts(ctx.db, input.period, input.basis)) {
    const entry = byMonth.get(row.month) ?? { customers: 0, returned: Array.from({ length: 12 }, () => 0) };
    if (row.offset === 0) entry.customers = row.customers;
    else entry.returned[row.offset - 1] = row.customers;
    byMonth.set(row.month, entry);
  }
  return [...byMonth].map(([month, e]) => ({ month, ...e }));
}
