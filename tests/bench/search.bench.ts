// Counter search at scale: N synthetic customers in a real encrypted file, queried through the
// one dispatch (search.query), against a naive LIKE scan and the same data in a plain file.
// Writes bench-results/search.json. Usage: npm run bench -- search [--size N] [--seed S]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/api';
import { insertCustomers } from '../../electron/core/customers/bulk';
import { insertCustomer } from '../../electron/core/customers/customers.queries';
import { type DB, openDatabase, openPlainForBenchmark } from '../../electron/core/db/open';
import { searchCustomers } from '../../electron/core/search/search.service';
import { type CustomerData, CustomerInput } from '../../shared/customer';
import { type BenchArgs, flag, ms, percentile, writeResults } from './lib';
import { customerAt, draftOf, makePools, type Pools, prng } from './synthetic';

export const description = 'counter search latency (p50/p95) at N customers, encrypted vs plain vs LIKE scan';

const PASSPHRASE = 'bench passphrase that is long enough';
const BATCH = 10_000;
const QUERIES_PER_KIND = 200;
const LIKE_QUERIES = 20;
/** Rows inserted one by one (insertCustomer) into a scratch file, as the per-row baseline. */
const PER_ROW_SLICE = 100_000;

type Kind = 'family_prefix' | 'name_pair' | 'email' | 'phone' | 'postcode';
type Query = { kind: Kind; q: string; source: number };

function buildQueries(pools: Pools, seed: number, size: number): Query[] {
  const rng = prng(seed ^ 0x5eed);
  const out: Query[] = [];
  const sample = () => {
    const index = Math.floor(rng() * size);
    return { index, c: customerAt(pools, seed, index), id: index + 1 };
  };
  const between = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  for (let i = 0; i < QUERIES_PER_KIND; i++) {
    const { c, id } = sample();
    out.push({ kind: 'family_prefix', q: c.family_name.slice(0, between(2, 5)), source: id });
  }
  for (let i = 0; i < QUERIES_PER_KIND; i++) {
    const { c, id } = sample();
    out.push({ kind: 'name_pair', q: `${c.given_name} ${c.family_name.slice(0, between(2, 5))}`, source: id });
  }
  for (let i = 0; i < QUERIES_PER_KIND; i++) {
    const { c, id } = sample();
    const address = c.emails[0]?.address ?? '';
    const at = address.indexOf('@');
    const r = i % 3;
    // Whole address; the local part and the start of the domain; the local part up to '@'.
    const q = r === 0 ? address : r === 1 ? address.slice(0, at + 3) : address.slice(0, at + 1);
    out.push({ kind: 'email', q, source: id });
  }
  for (let i = 0; i < QUERIES_PER_KIND; i++) {
    const { c, id } = sample();
    const national = `0${(c.phones[0]?.e164 ?? '').slice(3)}`;
    // Last 6 digits (what people read off a screen), or the start as typed: "07700 9…".
    const q = i % 2 === 0 ? national.slice(-6) : national.slice(0, between(5, 8));
    out.push({ kind: 'phone', q, source: id });
  }
  for (let i = 0; i < QUERIES_PER_KIND; i++) {
    const { c, id } = sample();
    const postcode = c.addresses[0]?.postcode ?? '';
    const r = i % 3;
    const q = r === 0 ? postcode : r === 1 ? postcode.replace(' ', '').toLowerCase() : (postcode.split(' ')[0] ?? '');
    out.push({ kind: 'postcode', q, source: id });
  }
  return out;
}

type Writer = (db: DB, rows: CustomerData[], userId: number, now: string) => void;

/** The app's bulk path: one insertCustomers call (its own transaction) per BATCH rows. */
const bulk: Writer = (db, rows, userId, now) => {
  insertCustomers(db, rows, userId, now);
};

/** The per-row path: insertCustomer for each row, BATCH rows per transaction. */
const perRow: Writer = (db, rows, userId, now) => {
  db.transaction(() => {
    for (const row of rows) insertCustomer(db, row, userId, now);
  })();
};

/**
 * Insert customers [0, size) with the core's own writer, BATCH rows per transaction. The time
 * counted is everything the writer does (search terms, summaries, child rows, completeness
 * counters, search index, encryption, commit); only making up the synthetic rows is left out.
 */
function populate(db: DB, pools: Pools, seed: number, size: number, userId: number, write: Writer = bulk) {
  let insertNs = 0n;
  let generateNs = 0n;
  // Processor time of the writer too: on a shared machine it moves less than the wall clock.
  let cpuUs = 0;
  const now = new Date().toISOString();
  for (let start = 0; start < size; start += BATCH) {
    const t0 = process.hrtime.bigint();
    const rows = [];
    for (let i = start; i < Math.min(size, start + BATCH); i++) rows.push(customerAt(pools, seed, i));
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage();
    write(db, rows, userId, now);
    const t2 = process.hrtime.bigint();
    const cpu = process.cpuUsage(c1);
    cpuUs += cpu.user + cpu.system;
    generateNs += t1 - t0;
    insertNs += t2 - t1;
    if (size >= 100_000 && (start / BATCH) % 10 === 9) {
      const done = start + rows.length;
      process.stdout.write(`  ${done.toLocaleString()} rows, ${Math.round(done / (Number(insertNs) / 1e9))} rows/s\n`);
    }
  }
  return { insertS: Number(insertNs) / 1e9, generateS: Number(generateNs) / 1e9, cpuUsPerRow: cpuUs / size };
}

/** How fast the realistic path validates: CustomerInput.parse on each draft. */
function validationRate(pools: Pools, seed: number, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const c = customerAt(pools, seed, i);
    const parsed = CustomerInput.parse(draftOf(c));
    // The synthetic data must be what validation would have stored, or the bulk path is unfair.
    if (parsed.phones[0]?.e164 !== c.phones[0]?.e164 || parsed.addresses[0]?.postcode !== c.addresses[0]?.postcode) {
      throw new Error(`Synthetic customer ${i} does not survive validation: ${JSON.stringify(c)}`);
    }
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** A new encrypted file, created through the dispatch, opened directly for filling. */
async function newEncryptedFile(file: string): Promise<{ db: DB; ownerId: number }> {
  const setup = createCore(file);
  const created = await setup.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Bench Owner' });
  if (!created.ok) throw new Error(created.error.message);
  setup.close();
  return { db: openDatabase(file, PASSPHRASE), ownerId: created.value.user.id };
}

type Timed = { ms: number; ids: number[]; capped: boolean };

async function timeAll(queries: Query[], search: (q: string) => Promise<{ ids: number[]; capped: boolean }>) {
  const out: Timed[] = [];
  for (const query of queries) {
    const t0 = process.hrtime.bigint();
    const r = await search(query.q);
    out.push({ ms: Number(process.hrtime.bigint() - t0) / 1e6, ...r });
  }
  return out;
}

function summarise(queries: Query[], timed: Timed[], kinds: readonly Kind[]) {
  const pick = (k: Kind[]) => timed.filter((_, i) => k.includes((queries[i] as Query).kind)).map((t) => t.ms);
  return Object.fromEntries(
    kinds.map((k) => {
      const xs = pick([k]);
      return [k, { p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs), n: xs.length }];
    }),
  ) as Record<Kind, { p50: number; p95: number; max: number; n: number }>;
}

const LIKE_SQL = `
  SELECT c.id FROM customers c
  LEFT JOIN customer_emails e ON e.customer_id = c.id AND e.position = 0
  LEFT JOIN customer_phones p ON p.customer_id = c.id AND p.position = 0
  LEFT JOIN customer_addresses a ON a.customer_id = c.id AND a.position = 0
  WHERE c.archived = 0 AND (c.given_name LIKE @q OR c.family_name LIKE @q OR e.address LIKE @q OR p.number LIKE @q
    OR a.postcode LIKE @q)
  ORDER BY c.family_name, c.given_name LIMIT 50`;

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const size = Number(flag(args, 'size') ?? 1_000_000);
  const seed = Number(flag(args, 'seed') ?? 20240601);
  if (!Number.isInteger(size) || size < 1000) throw new Error('--size must be a whole number of at least 1000');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-'));
  const encPath = path.join(dir, 'encrypted.custodian');
  const plainPath = path.join(dir, 'plain.sqlite');
  console.log(`search bench: ${size.toLocaleString()} customers, seed ${seed}, files in ${dir}`);
  try {
    const pools = makePools(seed);
    const validateRowsPerS = validationRate(pools, seed, 3000);
    console.log(`  CustomerInput.parse (realistic path): ${Math.round(validateRowsPerS)} rows/s`);

    // The per-row baseline and the bulk path on the same first rows, each into a new encrypted file.
    const slice = Math.min(size, PER_ROW_SLICE);
    console.log(`  baseline: the first ${slice.toLocaleString()} rows per row (insertCustomer) and in bulk…`);
    const sliceRate = async (name: string, write: Writer) => {
      const file = path.join(dir, name);
      const { db: scratch, ownerId: scratchOwner } = await newEncryptedFile(file);
      const { insertS, cpuUsPerRow } = populate(scratch, pools, seed, slice, scratchOwner, write);
      scratch.close();
      fs.rmSync(file, { force: true });
      return { rate: Math.round(slice / insertS), cpuUsPerRow };
    };
    const perRowRate = await sliceRate('per-row.custodian', perRow);
    const bulkSliceRate = await sliceRate('bulk-slice.custodian', bulk);

    // The encrypted file: created through the dispatch, filled through the core's own bulk insert.
    let { db, ownerId } = await newEncryptedFile(encPath);
    console.log('  building the encrypted file…');
    const enc = populate(db, pools, seed, size, ownerId);
    db.close();
    const encBytes = fs.statSync(encPath).size;

    console.log('  building the plain file…');
    const plain = openPlainForBenchmark(plainPath);
    plain
      .prepare("INSERT INTO users (id, name, role, created_at) VALUES (?, 'Bench Owner', 'owner', ?)")
      .run(ownerId, new Date().toISOString());
    const plainBuild = populate(plain, pools, seed, size, ownerId);

    const queries = buildQueries(pools, seed, size);
    const warm = queries.filter((_, i) => i % 10 === 0);
    const kinds: Kind[] = ['family_prefix', 'name_pair', 'email', 'phone', 'postcode'];

    // 1. Through the dispatch, on the encrypted file, as the app and the CLI do it.
    const core = createCore(encPath);
    const tUnlock = process.hrtime.bigint();
    const session = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    const unlockMs = Number(process.hrtime.bigint() - tUnlock) / 1e6;
    if (!session.ok) throw new Error(session.error.message);
    const token = session.value.token;
    const viaDispatch = async (q: string) => {
      const r = await core.call(token, 'search.query', { q, limit: 50 });
      if (!r.ok) throw new Error(`search failed for ${q}: ${r.error.message}`);
      return { ids: r.value.items.map((i) => i.id), capped: r.value.capped };
    };
    const [first] = await timeAll(queries.slice(0, 1), viaDispatch);
    await timeAll(warm, viaDispatch);
    const dispatchTimed = await timeAll(queries, viaDispatch);
    core.close();

    // 2. The same service function without the dispatch, on the encrypted and on the plain file.
    const direct = (handle: DB) => async (q: string) => {
      const r = searchCustomers(handle, q, 50, false);
      return { ids: r.items.map((i) => i.id), capped: r.capped };
    };
    db = openDatabase(encPath, PASSPHRASE);
    await timeAll(warm, direct(db));
    const encTimed = await timeAll(queries, direct(db));
    await timeAll(warm, direct(plain));
    const plainTimed = await timeAll(queries, direct(plain));

    // 3. The naive scan on the encrypted file.
    const likeRng = prng(seed ^ 0x11ce);
    const likeQueries = Array.from(
      { length: LIKE_QUERIES },
      () => queries[Math.floor(likeRng() * queries.length)] as Query,
    );
    const like = db.prepare(LIKE_SQL);
    const likeMs = likeQueries.map((query) => {
      const t0 = process.hrtime.bigint();
      like.all({ q: `%${query.q}%` });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    });
    db.close();
    plain.close();

    // Same answers from both files, and how often the customer a query came from is found.
    const digest = (ts: Timed[]) =>
      crypto
        .createHash('sha256')
        .update(JSON.stringify(ts.map((t) => t.ids)))
        .digest('hex');
    if (digest(encTimed) !== digest(plainTimed) || digest(encTimed) !== digest(dispatchTimed)) {
      throw new Error('The encrypted and plain files gave different search results.');
    }
    const foundRate = (k: Kind) => {
      let hit = 0;
      let uncapped = 0;
      dispatchTimed.forEach((t, i) => {
        const query = queries[i] as Query;
        if (query.kind !== k || t.capped) return;
        uncapped++;
        if (t.ids.includes(query.source)) hit++;
      });
      return { hit, uncapped };
    };

    const viaD = summarise(queries, dispatchTimed, kinds);
    const encD = summarise(queries, encTimed, kinds);
    const pl = summarise(queries, plainTimed, kinds);
    const nameMs = dispatchTimed
      .filter((_, i) => (queries[i] as Query).kind.startsWith('name') || (queries[i] as Query).kind === 'family_prefix')
      .map((t) => t.ms);
    const allEnc = encTimed.map((t) => t.ms);
    const allPlain = plainTimed.map((t) => t.ms);

    console.log('');
    console.log(
      `  ${'kind'.padEnd(14)} ${'dispatch p50'.padStart(12)} ${'p95'.padStart(8)} ${'max'.padStart(8)} │ ${'direct enc p95'.padStart(14)} ${'plain p95'.padStart(10)} ${'ratio'.padStart(6)} │ found (uncapped)`,
    );
    for (const k of kinds) {
      const f = foundRate(k);
      console.log(
        `  ${k.padEnd(14)} ${ms(viaD[k].p50).padStart(12)} ${ms(viaD[k].p95).padStart(8)} ${ms(viaD[k].max).padStart(8)} │ ${ms(encD[k].p95).padStart(14)} ${ms(pl[k].p95).padStart(10)} ${(encD[k].p95 / pl[k].p95).toFixed(2).padStart(6)} │ ${f.hit}/${f.uncapped}`,
      );
    }
    console.log(
      `  LIKE scan (${LIKE_QUERIES} queries, encrypted): p50 ${ms(percentile(likeMs, 50))}, p95 ${ms(percentile(likeMs, 95))}`,
    );

    const round = (x: number) => Math.round(x * 1000) / 1000;
    const results: Record<string, number> = {
      customers: size,
      name_prefix_p50_ms: round(percentile(nameMs, 50)),
      name_prefix_p95_ms: round(percentile(nameMs, 95)),
      family_prefix_p50_ms: round(viaD.family_prefix.p50),
      family_prefix_p95_ms: round(viaD.family_prefix.p95),
      name_pair_p50_ms: round(viaD.name_pair.p50),
      name_pair_p95_ms: round(viaD.name_pair.p95),
      email_p50_ms: round(viaD.email.p50),
      email_p95_ms: round(viaD.email.p95),
      phone_p50_ms: round(viaD.phone.p50),
      phone_p95_ms: round(viaD.phone.p95),
      postcode_p50_ms: round(viaD.postcode.p50),
      postcode_p95_ms: round(viaD.postcode.p95),
      max_ms: round(Math.max(...dispatchTimed.map((t) => t.ms))),
      queries_per_kind: QUERIES_PER_KIND,
      like_baseline_p50_ms: round(percentile(likeMs, 50)),
      like_baseline_p95_ms: round(percentile(likeMs, 95)),
      like_baseline_queries: LIKE_QUERIES,
      direct_encrypted_p95_ms: round(percentile(allEnc, 95)),
      direct_plain_p95_ms: round(percentile(allPlain, 95)),
      encrypted_to_plain_p95_ratio: round(percentile(allEnc, 95) / percentile(allPlain, 95)),
      dispatch_to_plain_p95_ratio: round(
        percentile(
          dispatchTimed.map((t) => t.ms),
          95,
        ) / percentile(allPlain, 95),
      ),
      unlock_ms: round(unlockMs),
      first_query_ms: round(first?.ms ?? 0),
      insert_rows_per_s: Math.round(size / enc.insertS),
      plain_insert_rows_per_s: Math.round(size / plainBuild.insertS),
      insert_cpu_us_per_row: round(enc.cpuUsPerRow),
      plain_insert_cpu_us_per_row: round(plainBuild.cpuUsPerRow),
      per_row_insert_rows_per_s: perRowRate.rate,
      per_row_insert_cpu_us_per_row: round(perRowRate.cpuUsPerRow),
      bulk_same_slice_rows_per_s: bulkSliceRate.rate,
      bulk_same_slice_cpu_us_per_row: round(bulkSliceRate.cpuUsPerRow),
      per_row_slice_rows: slice,
      generate_rows_per_s: Math.round(size / enc.generateS),
      validate_rows_per_s: Math.round(validateRowsPerS),
      encrypted_file_mb: round(encBytes / 1e6),
    };
    console.log(
      `  insert: ${results.insert_rows_per_s} rows/s encrypted, ${results.plain_insert_rows_per_s} plain (insertCustomers, ${BATCH} rows per call and transaction; includes search terms, summaries, child rows, completeness counters, search index, encryption and commit; excludes making up the synthetic rows); file ${results.encrypted_file_mb} MB`,
    );
    console.log(
      `  first ${slice.toLocaleString()} rows into a new encrypted file: ${perRowRate.rate} rows/s per row (insertCustomer, ${BATCH} per transaction) vs ${bulkSliceRate.rate} rows/s in bulk (insertCustomers); processor time per row ${perRowRate.cpuUsPerRow.toFixed(1)} µs vs ${bulkSliceRate.cpuUsPerRow.toFixed(1)} µs (all ${size.toLocaleString()} rows in bulk: ${enc.cpuUsPerRow.toFixed(1)} µs encrypted, ${plainBuild.cpuUsPerRow.toFixed(1)} µs plain)`,
    );
    console.log(`  encrypted/plain p95 ratio (all queries, same function): ${results.encrypted_to_plain_p95_ratio}`);
    writeResults('search', results);
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
