// Buying patterns in SQL: one pass over the purchases in a period per report, grouped to a few
// hundred rows at most. Window functions (running sums) and julianday/strftime for days; where
// millions of rows fall into a few thousand groups, tally_pairs (db/functions.ts) counts them
// without SQLite's sort. The PostgreSQL store swaps julianday for date arithmetic,
// strftime('%w') for extract(dow), and tally_pairs for a plain GROUP BY (a hash aggregate there).
import type { SalesBy } from '../../../shared/contract/reports';
import { AGE_BANDS, AREA_REGIONS } from '../../../shared/geography';
import { birthBounds, type Period } from '../../../shared/segments';
import type { DB } from '../db/open';
import { all, get, type Query, sql } from '../db/sql';

const raw = (text: string): Query => ({ text, params: [] });

/** The cells of a query that returns one tally_pairs(…) AS t: [a, b, rows, sum] each, in no order. */
function tallied<A, B>(db: DB, query: Query): [A, B, number, number][] {
  return JSON.parse(get<{ t: string }>(db, query)?.t ?? '[]') as [A, B, number, number][];
}

/**
 * Rows of `purchases p` (or `q`, a second reading of the table) in the period, on the basis;
 * refunds kept (sales net them off). The alias is one of two fixed names, never a value. The
 * bookings test is written only for bookings: a bound "basis = 'purchases' OR …" would still read
 * each row's venue from the table, where the purchases_customer index alone answers the rest.
 */
function inScope(period: Period, basis: 'purchases' | 'bookings', p: 'p' | 'q' = 'p'): Query {
  const from = period.from ?? null;
  const to = period.to ?? null;
  const date = raw(`${p}.date`);
  return sql`(${from} IS NULL OR ${date} >= ${from}) AND (${to} IS NULL OR ${date} <= ${to})
    AND ${raw(basis === 'bookings' ? `${p}.venue <> ''` : '1')}`;
}

/**
 * R or F on rows `d` that each stand for `d.k` customers: quintiles of the cumulative share
 * (ties share a score, as cume_dist would give them, 1–5), or the owner's breaks.
 */
function score(breaks: number[] | undefined, value: string, recency: boolean): Query {
  if (!breaks) {
    const order = raw(recency ? `${value} DESC` : value);
    return sql`CAST(sum(d.k) OVER (ORDER BY ${order}) * 1.0 / sum(d.k) OVER () * 5 - 0.000001 AS INTEGER) + 1`;
  }
  const over = breaks.map((b) => sql`CASE WHEN ${raw(value)} > ${b} THEN 1 ELSE 0 END`);
  const sum = over.slice(1).reduce((acc, part) => sql`${acc} + ${part}`, over[0] as Query);
  return recency ? sql`5 - (${sum})` : sql`1 + (${sum})`;
}

/**
 * Each customer who bought in the period (live records only): id, last (day), n (purchases), m
 * (pence). Archived records are few: they are left out as a set read from their own partial
 * index (migration 0024), not by reading every buyer's record.
 */
function buyers(period: Period, basis: 'purchases' | 'bookings'): Query {
  return sql`SELECT g.id, g.last, g.n, g.m
    FROM (
      SELECT p.customer_id AS id, max(p.date) AS last, count(*) AS n, sum(p.amount_pence) AS m
      FROM purchases p WHERE p.amount_pence >= 0 AND ${inScope(period, basis)}
      GROUP BY p.customer_id) g
    WHERE g.id NOT IN (SELECT a.id FROM customers a WHERE a.archived <> 0)`;
}

/**
 * The scores of each (last day, purchases) pair the buyers have, with how many buyers have it
 * (k) and their money (m): columns last, n, k, m, r, f. Scores depend on nothing else, so the
 * windows run over a few thousand pairs rather than a row per buyer (634,000 at a million
 * customers, where the windows alone took two seconds). The pairs are counted by tally_pairs
 * (db/functions.ts), GROUP BY last, n without sorting every buyer first.
 */
function pairScores(buyersOf: Query, end: string, breaks?: { recency_days: number[]; frequency: number[] }): Query {
  return sql`SELECT d.last, d.n, d.k, d.m, ${score(breaks?.recency_days, 'd.days', true)} AS r,
      ${score(breaks?.frequency, 'd.n', false)} AS f
    FROM (
      SELECT t.value ->> 0 AS last, julianday(${end}) - julianday(t.value ->> 0) AS days, t.value ->> 1 AS n,
        t.value ->> 2 AS k, t.value ->> 3 AS m
      FROM json_each((SELECT tally_pairs(b.last, b.n, b.m) FROM ${buyersOf} b)) t) d`;
}

/**
 * Each customer who bought in the period (live records only) with their R and F scores and
 * money: columns id, r, f, m. The segment condition "RFM group" picks customers from it by
 * cell; the RFM report groups the same pair scores into the grid, so both read the same scores.
 */
export function rfmScores(
  period: Period,
  basis: 'purchases' | 'bookings',
  end: string,
  breaks?: { recency_days: number[]; frequency: number[] },
): Query {
  // The buyers are grouped once and read twice (MATERIALIZED: SQLite and PostgreSQL alike).
  return sql`WITH b AS MATERIALIZED (${buyers(period, basis)})
    SELECT b.id, b.m, s.r, s.f FROM b JOIN (${pairScores(raw('b'), end, breaks)}) s ON s.last = b.last AND s.n = b.n`;
}

export function rfmGrid(
  db: DB,
  period: Period,
  basis: 'purchases' | 'bookings',
  end: string,
  breaks?: { recency_days: number[]; frequency: number[] },
): { r: number; f: number; customers: number; spend_pence: number }[] {
  return all(
    db,
    sql`SELECT r, f, sum(k) AS customers, sum(m) AS spend_pence FROM (${pairScores(sql`(${buyers(period, basis)})`, end, breaks)})
        GROUP BY r, f ORDER BY r, f`,
  );
}

function salesKey(by: SalesBy, today: string): Query {
  switch (by) {
    case 'month':
      return raw('substr(p.date, 1, 7)');
    case 'category':
      return raw('p.category');
    case 'item':
      return raw('p.item');
    case 'weekday':
      return raw(`strftime('%w', p.date)`);
    case 'channel':
      return raw('p.channel');
    case 'venue':
      return raw('p.venue');
    case 'region':
      // The customer's first address, by its postcode area (a UK postcode stored as "BS1 4DJ").
      return sql`coalesce(json_extract(${JSON.stringify(AREA_REGIONS)},
          '$."' || rtrim(substr(c.summary_postcode, 1, 2), '0123456789') || '"'), '')`;
    case 'age_band': {
      const cases = AGE_BANDS.map((band) => {
        const b = birthBounds(band, today);
        return sql`WHEN c.date_of_birth <= ${b.latest} AND (${b.after ?? null} IS NULL OR c.date_of_birth > ${b.after ?? null}) THEN ${band}`;
      });
      const whens = cases.slice(1).reduce((acc, part) => sql`${acc} ${part}`, cases[0] as Query);
      return sql`CASE WHEN length(c.date_of_birth) <> 10 THEN '' ${whens} ELSE '' END`;
    }
  }
}

type SalesRow = { key: string; customers: number; purchases: number; quantity: number; amount_pence: number };

/**
 * Only a region or an age band reads the customer: every purchase has one (a foreign key), so
 * the other keys leave the join out rather than look up a customer per purchase (5,000,000 of
 * them at a million customers).
 */
export function salesBy(
  db: DB,
  by: SalesBy,
  period: Period,
  basis: 'purchases' | 'bookings',
  today: string,
): SalesRow[] {
  return all<SalesRow>(
    db,
    sql`SELECT ${salesKey(by, today)} AS key, count(DISTINCT p.customer_id) AS customers,
          sum(CASE WHEN p.amount_pence >= 0 THEN 1 ELSE 0 END) AS purchases,
          sum(CASE WHEN p.amount_pence >= 0 THEN p.quantity ELSE 0 END) AS quantity,
          sum(p.amount_pence) AS amount_pence
        FROM purchases p ${by === 'region' || by === 'age_band' ? raw('JOIN customers c ON c.id = p.customer_id') : raw('')}
        WHERE ${inScope(period, basis)}
        GROUP BY key ORDER BY key`,
  );
}

/**
 * Sales by month from the counters migration 0019 keeps (sales_months): the same figures as
 * salesBy(…, 'month', …) over whole months, read from a row a month instead of every purchase.
 */
export function salesByMonthCounted(
  db: DB,
  months: { from: string | null; to: string | null },
  basis: 'purchases' | 'bookings',
): SalesRow[] {
  const b = basis === 'bookings' ? 'booked_' : '';
  return all<SalesRow>(
    db,
    sql`SELECT month AS key, ${raw(`${b}customers`)} AS customers, ${raw(`${b}purchases`)} AS purchases,
          ${raw(`${b}quantity`)} AS quantity, ${raw(`${b}amount_pence`)} AS amount_pence
        FROM sales_months
        WHERE ${raw(`${b}customers`)} > 0 AND (${months.from} IS NULL OR month >= ${months.from})
          AND (${months.to} IS NULL OR month <= ${months.to})
        ORDER BY month`,
  );
}

/** Erased customers' sales, kept by month, category and item only (no day, venue or person). */
export function erasedSales(db: DB, period: Period): { purchases: number; quantity: number; amount_pence: number } {
  const from = period.from?.slice(0, 7) ?? null;
  const to = period.to?.slice(0, 7) ?? null;
  return (
    get(
      db,
      sql`SELECT coalesce(sum(purchases), 0) AS purchases, coalesce(sum(quantity), 0) AS quantity,
            coalesce(sum(amount_pence), 0) AS amount_pence
          FROM erased_sales WHERE (${from} IS NULL OR month >= ${from}) AND (${to} IS NULL OR month <= ${to})`,
    ) ?? { purchases: 0, quantity: 0, amount_pence: 0 }
  );
}

/**
 * Purchase days per customer: how many buyers, how many came back, the days between one purchase
 * day and the customer's next (their total telescopes to last day minus first), and how those
 * gaps are spread, a row per length in days (a few thousand rows, never a row per visit: at a
 * million customers there are four million gaps). Each customer's distinct days come in the
 * customer index's own order, each with the one before it found in the same index; tally_pairs
 * (db/functions.ts) counts the gaps by length without sorting them. A window (lag) over the
 * same rows, grouped by length, took 9-13 s of processor time over all time at a million
 * customers; this, about 6 s.
 */
export function repeatFigures(
  db: DB,
  period: Period,
  basis: 'purchases' | 'bookings',
): { buyers: number; repeat_buyers: number; gaps: number; gap_days: number; spread: { days: number; n: number }[] } {
  const counts = get<{ buyers: number; repeat_buyers: number; gap_days: number }>(
    db,
    sql`SELECT count(*) AS buyers, coalesce(sum(CASE WHEN first <> last THEN 1 ELSE 0 END), 0) AS repeat_buyers,
          coalesce(sum(julianday(last) - julianday(first)), 0) AS gap_days
        FROM (SELECT min(p.date) AS first, max(p.date) AS last FROM purchases p
              WHERE p.amount_pence >= 0 AND ${inScope(period, basis)} GROUP BY p.customer_id) x`,
  ) ?? { buyers: 0, repeat_buyers: 0, gap_days: 0 };
  // A customer's first day has no day before it: its gap is NULL, tallied and then left out.
  const cells = tallied<number | null, number>(
    db,
    sql`SELECT tally_pairs(julianday(v.day) - julianday((
            SELECT max(q.date) FROM purchases q
            WHERE q.customer_id = v.id AND q.date < v.day AND q.amount_pence >= 0 AND ${inScope(period, basis, 'q')})), 0, 0) AS t
          FROM (SELECT DISTINCT p.customer_id AS id, p.date AS day FROM purchases p
                WHERE p.amount_pence >= 0 AND ${inScope(period, basis)}) v`,
  );
  const spread = cells
    .filter((cell): cell is [number, number, number, number] => cell[0] !== null)
    .map(([days, , n]) => ({ days, n }))
    .sort((a, b) => a.days - b.days);
  return { ...counts, gaps: spread.reduce((sum, row) => sum + row.n, 0), spread };
}

/**
 * Customers by month of first purchase (ever; the period chooses the months), and who bought
 * again 1–12 months later. Only the chosen months' newcomers are followed: on purchases their
 * first day is kept (customer_purchase_facts, migration 0019) and read from its index; on
 * bookings it is found from the bookings, newcomers picked before their visits are read. Each
 * newcomer's months are counted by tally_pairs rather than sorted: over all time at a million
 * customers that is millions of (month, offset) rows, 3.3 s against 4.1-5.3 s for GROUP BY.
 */
export function cohorts(
  db: DB,
  period: Period,
  basis: 'purchases' | 'bookings',
): { month: string; offset: number; customers: number }[] {
  const from = period.from?.slice(0, 7) ?? null;
  const to = period.to?.slice(0, 7) ?? null;
  const first =
    basis === 'purchases'
      ? sql`SELECT f.customer_id AS id, substr(f.first_date, 1, 7) AS month FROM customer_purchase_facts f
            WHERE f.first_date IS NOT NULL AND (${from} IS NULL OR f.first_date >= ${from} || '-01')
              AND (${to} IS NULL OR f.first_date <= ${to} || '-31')`
      : sql`SELECT p.customer_id AS id, min(substr(p.date, 1, 7)) AS month FROM purchases p
            WHERE p.amount_pence >= 0 AND ${inScope({}, basis)} GROUP BY p.customer_id
            HAVING (${from} IS NULL OR month >= ${from}) AND (${to} IS NULL OR month <= ${to})`;
  const cells = tallied<string, number>(
    db,
    sql`WITH first AS (${first}),
        visits AS (
          SELECT DISTINCT f.id, f.month,
            (CAST(substr(p.date, 1, 4) AS INTEGER) - CAST(substr(f.month, 1, 4) AS INTEGER)) * 12
              + CAST(substr(p.date, 6, 2) AS INTEGER) - CAST(substr(f.month, 6, 2) AS INTEGER) AS offset
          -- The newcomers first, then each one's purchases (SQLite keeps a CROSS JOIN's order).
          FROM first f CROSS JOIN purchases p
          WHERE p.customer_id = f.id AND p.amount_pence >= 0 AND ${inScope({}, basis)})
        SELECT tally_pairs(month, offset, 0) AS t FROM visits WHERE offset BETWEEN 0 AND 12`,
  );
  return cells
    .map(([month, offset, customers]) => ({ month, offset, customers }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.offset - b.offset);
}
