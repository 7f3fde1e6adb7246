// Buying-pattern reports on a real encrypted file, each checked against the same figure worked out
// longhand in JavaScript from the rows: RFM scores by quintile (ties share a score) and by the
// owner's breaks, sales by every key, repeat rate, gaps between visits and monthly cohorts.
// Erased customers' sales stay in the month totals; volunteers see no report.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { all } from '../../electron/core/db/sql';
import { RFM_GROUPS, rfmGroup, SALES_BY } from '../../shared/contract/reports';
import { ageBand, geographyOf } from '../../shared/geography';
import type { Period } from '../../shared/segments';
import { type Owner, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

const TODAY = '2026-06-15';
let o: Owner;

type Row = {
  customer_id: number;
  date: string;
  item: string;
  category: string;
  quantity: number;
  amount_pence: number;
  channel: string;
  venue: string;
  archived: number;
  summary_postcode: string;
  date_of_birth: string;
};
let rows: Row[] = [];

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const DAYS = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i * 23)).toISOString().slice(0, 10));

beforeAll(async () => {
  const file = tempFile();
  const core = createCore(file, { now: () => new Date(`${TODAY}T12:00:00Z`) });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  o = signedIn(core, created.value.token, file);
  for (let i = 0; i < 90; i++) {
    const c = await o.ok('customers.create', {
      given_name: `G${i}`,
      family_name: `F${i}`,
      addresses:
        rand() < 0.8 ? [{ line1: '1 Road', postcode: pick(['BS1 4DJ', 'LS1 1AA', 'EH1 1YZ', 'CF10 1AA']) }] : [],
      date_of_birth: rand() < 0.7 ? `${1940 + Math.floor(rand() * 70)}-05-20` : '',
    });
    for (let k = Math.floor(rand() * 7); k > 0; k--) {
      await o.ok('purchases.add', {
        customer_id: c.id,
        date: pick(DAYS),
        item: pick(['Jazz Night', 'Panto', 'Gift Card']),
        category: pick(['Jazz', 'Theatre', '']),
        quantity: 1 + Math.floor(rand() * 3),
        amount_pence: rand() < 0.1 ? -700 : 300 + Math.floor(rand() * 4000),
        channel: pick(['online', 'counter', '']),
        venue: pick(['Main Hall', 'Studio', '']),
      });
    }
    if (rand() < 0.05) await o.ok('customers.setArchived', { id: c.id, archived: true });
  }
  const read = await o.core.local(o.token, ['owner'], (ctx) =>
    all<Row>(ctx.db, {
      text: `SELECT p.customer_id, p.date, p.item, p.category, p.quantity, p.amount_pence, p.channel, p.venue,
               c.archived, c.summary_postcode, c.date_of_birth
             FROM purchases p JOIN customers c ON c.id = p.customer_id`,
      params: [],
    }),
  );
  if (!read.ok) throw new Error(read.error.message);
  rows = read.value;
}, 120_000);

const inPeriod = (d: string, p: Period) => (!p.from || d >= p.from) && (!p.to || d <= p.to);
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

function referenceRfm(
  period: Period,
  basis: 'purchases' | 'bookings',
  breaks?: { recency_days: number[]; frequency: number[] },
) {
  const end = period.to && period.to < TODAY ? period.to : TODAY;
  const base = new Map<number, { days: number; n: number; m: number }>();
  for (const r of rows) {
    if (r.archived || r.amount_pence < 0 || !inPeriod(r.date, period) || (basis === 'bookings' && !r.venue)) continue;
    const b = base.get(r.customer_id) ?? { days: Number.POSITIVE_INFINITY, n: 0, m: 0 };
    b.days = Math.min(b.days, dayNumber(end) - dayNumber(r.date));
    b.n++;
    b.m += r.amount_pence;
    base.set(r.customer_id, b);
  }
  const all = [...base.values()];
  const quintile = (share: number) => Math.floor(share * 5 - 0.000001) + 1;
  const cells = new Map<string, { r: number; f: number; customers: number; spend_pence: number }>();
  for (const b of all) {
    const r = breaks
      ? 5 - breaks.recency_days.filter((x) => b.days > x).length
      : quintile(all.filter((x) => x.days >= b.days).length / all.length);
    const f = breaks
      ? 1 + breaks.frequency.filter((x) => b.n > x).length
      : quintile(all.filter((x) => x.n <= b.n).length / all.length);
    const cell = cells.get(`${r},${f}`) ?? { r, f, customers: 0, spend_pence: 0 };
    cell.customers++;
    cell.spend_pence += b.m;
    cells.set(`${r},${f}`, cell);
  }
  return [...cells.values()].sort((a, b) => a.r - b.r || a.f - b.f);
}

describe('buying-pattern reports agree with the rows worked out longhand', () => {
  it('RFM by quintiles and by breaks, over periods and bases, named groups adding up', async () => {
    const periods: Period[] = [{}, { from: '2025-01-01' }, { from: '2024-03-01', to: '2025-06-30' }];
    for (const period of periods) {
      for (const basis of ['purchases', 'bookings'] as const) {
        const q = await o.ok('reports.rfm', { period, basis });
        expect(q.grid, JSON.stringify({ period, basis })).toEqual(referenceRfm(period, basis));
        expect(q.groups.reduce((s, g) => s + g.customers, 0)).toBe(q.customers);
        for (const g of RFM_GROUPS) {
          const want = q.grid.filter((c) => rfmGroup(c.r, c.f) === g).reduce((s, c) => s + c.customers, 0);
          expect(q.groups.find((x) => x.group === g)?.customers).toBe(want);
        }
        const breaks = { recency_days: [30, 90, 180, 365], frequency: [1, 2, 3, 5] };
        const b = await o.ok('reports.rfm', { period, basis, breaks });
        expect(b.method).toBe('breaks');
        expect(b.grid).toEqual(referenceRfm(period, basis, breaks));
      }
    }
  });

  it('sales by each key, refunds netted off, erased customers kept as anonymous month totals', async () => {
    const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const period: Period = { from: '2024-06-01' };
    for (const by of SALES_BY) {
      const got = await o.ok('reports.sales', { by, period });
      const want = new Map<
        string,
        { customers: Set<number>; purchases: number; quantity: number; amount_pence: number }
      >();
      for (const r of rows.filter((x) => inPeriod(x.date, period))) {
        const region = geographyOf(r.summary_postcode)?.region ?? '';
        const key = {
          month: r.date.slice(0, 7),
          category: r.category,
          item: r.item,
          weekday: String(new Date(`${r.date}T00:00:00Z`).getUTCDay()),
          channel: r.channel,
          venue: r.venue,
          region,
          age_band: ageBand(r.date_of_birth, TODAY) ?? '',
        }[by];
        const e = want.get(key) ?? { customers: new Set(), purchases: 0, quantity: 0, amount_pence: 0 };
        e.customers.add(r.customer_id);
        if (r.amount_pence >= 0) {
          e.purchases++;
          e.quantity += r.quantity;
        }
        e.amount_pence += r.amount_pence;
        want.set(key, e);
      }
      const expected = [...want]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, e]) => ({
          key,
          label: by === 'weekday' ? weekdays[Number(key)] : key === '' ? 'Not recorded' : key,
          customers: e.customers.size,
          purchases: e.purchases,
          quantity: e.quantity,
          amount_pence: e.amount_pence,
        }));
      expect(got.rows, by).toEqual(expected);
    }
    const before = await o.ok('reports.sales', { by: 'month' });
    const victim = rows.find((r) => r.amount_pence > 0 && r.archived === 0) as Row;
    const theirs = rows.filter((r) => r.customer_id === victim.customer_id);
    await o.ok('customers.erase', { id: victim.customer_id, reason: 'Asked to be forgotten' });
    const after = await o.ok('reports.sales', { by: 'month' });
    expect(after.erased.amount_pence).toBe(theirs.reduce((s, r) => s + r.amount_pence, 0));
    const total = (r: typeof before) => r.rows.reduce((s, x) => s + x.amount_pence, 0) + r.erased.amount_pence;
    expect(total(after)).toBe(total(before));
    rows = rows.filter((r) => r.customer_id !== victim.customer_id);
  });

  it('repeat rate, days between visits (mean and median) and cohorts, over periods and bases', async () => {
    const periods: Period[] = [
      {},
      { from: '2024-03-10' },
      { to: '2025-02-01' },
      { from: '2024-06-01', to: '2025-06-30' },
    ];
    for (const period of periods)
      for (const basis of ['purchases', 'bookings'] as const) {
        const what = `${JSON.stringify(period)} ${basis}`;
        const got = await o.ok('reports.repeat', { period, basis });
        const counted = (r: Row) => r.amount_pence >= 0 && (basis === 'purchases' || r.venue !== '');
        const visits = (inside: (r: Row) => boolean) => {
          const days = new Map<number, string[]>();
          for (const r of rows.filter((x) => counted(x) && inside(x))) {
            const list = days.get(r.customer_id) ?? [];
            if (!list.includes(r.date)) list.push(r.date);
            days.set(r.customer_id, list.sort());
          }
          return days;
        };
        const days = visits((r) => inPeriod(r.date, period));
        const gaps: number[] = [];
        for (const list of days.values())
          for (let i = 1; i < list.length; i++)
            gaps.push(dayNumber(list[i] as string) - dayNumber(list[i - 1] as string));
        gaps.sort((a, b) => a - b);
        const mid = gaps.length >> 1;
        const median =
          gaps.length === 0
            ? null
            : gaps.length % 2
              ? gaps[mid]
              : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
        expect(got.buyers, what).toBe(days.size);
        expect(got.repeat_buyers, what).toBe([...days.values()].filter((l) => l.length > 1).length);
        if (gaps.length === 0) expect(got.mean_days_between, what).toBeNull();
        else expect(got.mean_days_between, what).toBeCloseTo(gaps.reduce((s, g) => s + g, 0) / gaps.length);
        expect(got.median_days_between, what).toBe(median);
        // Cohorts: the month of each customer's first visit ever; the period picks the months.
        const ever = visits(() => true);
        const first = new Map<number, string>();
        for (const [id, list] of ever) first.set(id, (list[0] as string).slice(0, 7));
        const months = [...new Set(first.values())]
          .filter((m) => (!period.from || m >= period.from.slice(0, 7)) && (!period.to || m <= period.to.slice(0, 7)))
          .sort();
        expect(
          got.cohorts.map((c) => c.month),
          what,
        ).toEqual(months);
        for (const cohort of got.cohorts) {
          const members = [...first].filter(([, m]) => m === cohort.month).map(([id]) => id);
          expect(cohort.customers, what).toBe(members.length);
          const [y, m] = cohort.month.split('-').map(Number) as [number, number];
          const later = (id: number, k: number) =>
            (ever.get(id) ?? []).some((d) => (Number(d.slice(0, 4)) - y) * 12 + Number(d.slice(5, 7)) - m === k);
          expect(cohort.returned, what).toEqual(
            cohort.returned.map((_, i) => members.filter((id) => later(id, i + 1)).length),
          );
        }
      }
  });

  it('bad breaks are refused in words; volunteers see no report', async () => {
    const bad = await o.fail('reports.rfm', {
      period: {},
      breaks: { recency_days: [90, 30, 180, 365], frequency: [1, 2, 3, 5] },
    });
    expect(JSON.stringify(bad.fields)).toContain('more than the one before');
    const backwards = await o.fail('reports.sales', { by: 'month', period: { from: '2026-01-01', to: '2025-01-01' } });
    expect(JSON.stringify(backwards.fields)).toContain('ends before it starts');
    const vol = await o.ok('staff.create', { name: 'Vic Volunteer', role: 'volunteer', pin: '4826' });
    const signIn = await o.core.call(null, 'session.signIn', { user_id: vol.id, secret: '4826' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const volunteer = signedIn(o.core, signIn.value.token, o.file);
    expect((await volunteer.fail('reports.sales', { by: 'month' })).code).toBe('FORBIDDEN');
  });
});
