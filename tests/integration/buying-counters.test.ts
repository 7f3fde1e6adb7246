// The buying counters (migration 0019) against the purchases themselves, on a real encrypted file,
// after every path that moves purchases: sales at the counter (refunds, bookings with a venue and
// sales without), a merge that moves one customer's purchases to another, its undo, and an
// erasure. Sales by month read from the counters must equal the same report worked out from every
// purchase row; each customer's first and last purchase, count and spend must equal their rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { all } from '../../electron/core/db/sql';
import { salesBy, salesByMonthCounted } from '../../electron/core/reports/reports.queries';
import { mergeThenUndo, type Owner, ownerCore } from '../support/core';

let o: Owner;
const ids: number[] = [];

let seed = 11;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

async function buySome(customers: number[], n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, Math.floor(rand() * 14), 1 + Math.floor(rand() * 28)));
    await o.ok('purchases.add', {
      customer_id: pick(customers),
      date: day.toISOString().slice(0, 10),
      item: pick(['Hamlet', 'Panto', 'Jazz Night']),
      category: pick(['Theatre', 'Music']),
      quantity: 1 + Math.floor(rand() * 3),
      amount_pence: (rand() < 0.15 ? -1 : 1) * (500 + Math.floor(rand() * 20) * 100),
      channel: pick(['online', 'box office']),
      venue: pick(['Main Hall', 'Studio', '']),
    });
  }
}

async function expectCountersTrue(when: string): Promise<void> {
  const found = await o.core.local(o.token, ['owner'], (ctx) => {
    const db = ctx.db;
    const sales = (['purchases', 'bookings'] as const).map((basis) => ({
      counted: salesByMonthCounted(db, { from: null, to: null }, basis),
      scanned: salesBy(db, 'month', {}, basis, '2026-12-06'),
      counted_spring: salesByMonthCounted(db, { from: '2025-03', to: '2025-05' }, basis),
      scanned_spring: salesBy(db, 'month', { from: '2025-03-01', to: '2025-05-31' }, basis, '2026-12-06'),
    }));
    const facts = all(db, {
      text: 'SELECT customer_id, first_date, last_date, purchases, spend_pence FROM customer_purchase_facts ORDER BY customer_id',
      params: [],
    });
    const fromRows = all(db, {
      text: `SELECT customer_id, min(CASE WHEN amount_pence >= 0 THEN date END) AS first_date,
               max(CASE WHEN amount_pence >= 0 THEN date END) AS last_date,
               sum(amount_pence >= 0) AS purchases, sum(amount_pence) AS spend_pence
             FROM purchases GROUP BY customer_id ORDER BY customer_id`,
      params: [],
    });
    return { sales, facts, fromRows };
  });
  if (!found.ok) throw new Error(found.error.message);
  for (const s of found.value.sales) {
    expect(s.scanned.length, when).toBeGreaterThan(0);
    expect(s.counted, when).toEqual(s.scanned);
    expect(s.counted_spring, when).toEqual(s.scanned_spring);
  }
  expect(found.value.facts, when).toEqual(found.value.fromRows);
}

beforeAll(async () => {
  o = await ownerCore();
  for (let i = 0; i < 8; i++) {
    const c = await o.ok('customers.create', { given_name: `Buyer${i}`, family_name: 'Counted' });
    ids.push(c.id);
  }
});

describe('buying counters agree with the purchases', () => {
  it('after sales, refunds and bookings at the counter', async () => {
    await buySome(ids, 120);
    await expectCountersTrue('after sales');
  });

  it('after a merge moves purchases to the kept record, and after its undo', async () => {
    await mergeThenUndo(o, ids[0] as number, ids[1] as number, expectCountersTrue);
  });

  it('after an erasure takes a customer’s purchases away', async () => {
    await o.ok('customers.erase', { id: ids[2] as number, reason: 'Asked to be forgotten.' });
    await expectCountersTrue('after the erasure');
    await buySome([ids[3] as number], 10);
    await expectCountersTrue('after more sales');
  });
});
