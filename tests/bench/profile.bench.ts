// The full profile at scale: N synthetic customers (default 1,000,000) and 5 purchases each on
// average (5,000,000) in a real encrypted file. Measures the database-wide completeness table
// (quality.completeness through the dispatch, read from the counters the triggers keep; a full
// recount is timed too, for comparison) and opening one customer with its buying summary
// (customers.get + purchases.summary through the dispatch). Writes bench-results/profile.json.
// Usage: npm run bench -- profile [--size N] [--purchases M] [--seed S]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/api';
import { insertCustomer } from '../../electron/core/customers/customers.queries';
import { type DB, openDatabase } from '../../electron/core/db/open';
import { COMPLETENESS_FIELDS } from '../../shared/fields';
import { type BenchArgs, flag, ms, percentile, writeResults } from './lib';
import { customerAt, makePools, prng } from './synthetic';

export const description = 'completeness table and open-customer-with-summary latency at 1M customers, 5M purchases';

const PASSPHRASE = 'bench passphrase that is long enough';
const BATCH = 10_000;
const OPENS = 500;
const CATEGORIES = ['Theatre', 'Music', 'Comedy', 'Dance', 'Family', 'Talks', 'Film', 'Workshop', 'Gift', 'Membership'];
const SHOWS = [
  'Hamlet',
  'The Nutcracker',
  'Jazz Night',
  'Stand-up Saturday',
  'Panto',
  'Film Club',
  'Pottery',
  'Gift voucher',
];

/** Customers through the core's own insert (so the completeness triggers run as in the app). */
function populateCustomers(db: DB, size: number, seed: number, userId: number): number {
  const pools = makePools(seed);
  const now = new Date().toISOString();
  const insertBatch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = customerAt(pools, seed, i);
      // Not everyone gives everything: leave some fields empty so completeness has something to say.
      const r = (i * 2654435761) >>> 0;
      if (r % 5 === 0) c.emails = [];
      if (r % 7 === 0) c.phones = [];
      if (r % 11 === 0) c.date_of_birth = '';
      insertCustomer(db, c, userId, now);
    }
  });
  const t0 = process.hrtime.bigint();
  for (let start = 0; start < size; start += BATCH) {
    insertBatch(start, Math.min(size, start + BATCH));
    if ((start / BATCH) % 20 === 19) process.stdout.write(`  ${(start + BATCH).toLocaleString()} customers\n`);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Purchases straight in with one prepared statement, customer by customer (as they accrue). */
function populatePurchases(db: DB, customers: number, total: number, seed: number, userId: number): number {
  const rng = prng(seed ^ 0xb0b);
  const insert = db.prepare(
    `INSERT INTO purchases (customer_id, date, item, category, quantity, amount_pence, channel, venue, seat, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  const perCustomer = total / customers;
  let made = 0;
  const base = Date.UTC(2018, 0, 1);
  const span = Date.UTC(2025, 11, 31) - base;
  const insertBatch = db.transaction((from: number, to: number) => {
    for (let id = from; id <= to && made < total; id++) {
      // 0 … 2×average purchases each, so the average is `perCustomer`.
      const n = Math.min(total - made, Math.floor(rng() * (2 * perCustomer + 1)));
      for (let k = 0; k < n; k++) {
        const date = new Date(base + rng() * span).toISOString().slice(0, 10);
        const qty = 1 + Math.floor(rng() * 4);
        const refund = rng() < 0.03;
        const amount = (refund ? -1 : 1) * qty * (500 + Math.floor(rng() * 40) * 50);
        const seat =
          rng() < 0.6 ? `${String.fromCharCode(65 + Math.floor(rng() * 20))}${1 + Math.floor(rng() * 30)}` : '';
        insert.run(
          id,
          date,
          SHOWS[Math.floor(rng() * SHOWS.length)],
          CATEGORIES[Math.floor(rng() * CATEGORIES.length)],
          qty,
          amount,
          rng() < 0.5 ? 'online' : 'box office',
          seat,
          now,
          userId,
        );
      }
      made += n;
    }
  });
  const t0 = process.hrtime.bigint();
  const step = 20_000;
  for (let from = 1; from <= customers && made < total; from += step) {
    insertBatch(from, Math.min(customers, from + step - 1));
    if (((from - 1) / step) % 10 === 9) process.stdout.write(`  ${made.toLocaleString()} purchases\n`);
  }
  // Whatever the random counts left short goes to the first customers, so the total is exact.
  const topUp = db.transaction(() => {
    for (let id = 1; made < total; id = (id % customers) + 1, made++) {
      insert.run(id, '2024-06-01', 'Gift voucher', 'Gift', 1, 2000, 'online', '', now, userId);
    }
  });
  topUp();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const size = Number(flag(args, 'size') ?? 1_000_000);
  const purchases = Number(flag(args, 'purchases') ?? size * 5);
  const seed = Number(flag(args, 'seed') ?? 20240601);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-'));
  const file = path.join(dir, 'profile.custodian');
  console.log(`profile bench: ${size.toLocaleString()} customers, ${purchases.toLocaleString()} purchases, in ${dir}`);
  try {
    const setup = createCore(file);
    const created = await setup.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Bench Owner' });
    if (!created.ok) throw new Error(created.error.message);
    const ownerId = created.value.user.id;
    setup.close();

    const db = openDatabase(file, PASSPHRASE);
    const customersS = populateCustomers(db, size, seed, ownerId);
    console.log(`  customers in ${customersS.toFixed(1)} s`);
    const purchasesS = populatePurchases(db, size, purchases, seed, ownerId);
    console.log(`  purchases in ${purchasesS.toFixed(1)} s`);
    const stored = (db.prepare('SELECT count(*) AS n FROM purchases').get() as { n: number }).n;
    // The baseline the counters replace: one full scan counting every field.
    const tRecount = process.hrtime.bigint();
    const recount = db
      .prepare(
        `SELECT count(*) AS records, ${COMPLETENESS_FIELDS.map((f) => `sum(coalesce(${f.column}, '') <> '') AS ${f.key}`).join(', ')} FROM customers`,
      )
      .get() as Record<string, number>;
    // Fields defined in the register (custom and profile): their values, counted the same way.
    for (const r of db
      .prepare(
        'SELECT r.key, (SELECT count(*) FROM customer_values v WHERE v.field_key = r.key) AS n FROM register_fields r WHERE r.kind IS NOT NULL',
      )
      .all() as { key: string; n: number }[])
      recount[r.key] = r.n;
    const recountS = Number(process.hrtime.bigint() - tRecount) / 1e9;
    db.close();

    const core = createCore(file);
    const session = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    if (!session.ok) throw new Error(session.error.message);
    const token = session.value.token;

    const tTable = process.hrtime.bigint();
    const table = await core.call(token, 'quality.completeness', {});
    const tableS = Number(process.hrtime.bigint() - tTable) / 1e9;
    if (!table.ok) throw new Error(table.error.message);
    for (const f of table.value.fields) {
      if (f.filled !== recount[f.field])
        throw new Error(`counter ${f.field} = ${f.filled}, recount ${recount[f.field]}`);
    }
    if (table.value.records !== size) throw new Error(`counter records = ${table.value.records}`);

    const rng = prng(seed ^ 0x0be);
    const open = async (id: number) => {
      const t0 = process.hrtime.bigint();
      const c = await core.call(token, 'customers.get', { id });
      const s = await core.call(token, 'purchases.summary', { id });
      if (!c.ok || !s.ok) throw new Error(`open ${id} failed`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    for (let i = 0; i < 50; i++) await open(1 + Math.floor(rng() * size));
    const times: number[] = [];
    for (let i = 0; i < OPENS; i++) times.push(await open(1 + Math.floor(rng() * size)));
    core.close();

    const results = {
      customers: size,
      purchases: stored,
      completeness_table_s: Number(tableS.toFixed(4)),
      completeness_recount_s: Number(recountS.toFixed(3)),
      open_customer_p50_ms: Number(percentile(times, 50).toFixed(3)),
      open_customer_p95_ms: Number(percentile(times, 95).toFixed(3)),
      open_customer_max_ms: Number(Math.max(...times).toFixed(3)),
      opens_measured: OPENS,
      customers_insert_s: Number(customersS.toFixed(1)),
      purchases_insert_s: Number(purchasesS.toFixed(1)),
      file_mb: Math.round(fs.statSync(file).size / 1e6),
    };
    console.log(
      `  completeness table ${tableS.toFixed(4)} s (full recount ${recountS.toFixed(2)} s); open customer + summary p50 ${ms(results.open_customer_p50_ms)}, p95 ${ms(results.open_customer_p95_ms)}`,
    );
    writeResults('profile', results);
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
