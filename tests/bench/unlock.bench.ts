// Unlocking and signing in, and what auditing every search costs. On a real encrypted file of N
// synthetic customers (default 100,000): the file unlock through the dispatch beside a bare
// SQLCipher 4 open with its default key derivation; staff sign-in (argon2id) by password and
// by PIN; and counter-search p95 with the audit log written for each query (through the
// dispatch) beside the same queries with no audit (the search function on a bare connection).
// Writes bench-results/unlock.json. Usage: npm run bench -- unlock [--size N] [--seed S]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createCore } from '../../electron/core/api';
import { insertCustomer } from '../../electron/core/customers/customers.queries';
import { openDatabase } from '../../electron/core/db/open';
import { searchCustomers, searchWithAudit } from '../../electron/core/search/search.service';
import { ARGON2 } from '../../electron/core/session/secrets';
import { Sessions } from '../../electron/core/session/sessions';
import { type BenchArgs, flag, ms, percentile, writeResults } from './lib';
import { customerAt, makePools, prng } from './synthetic';

export const description = 'unlock and sign-in times; search p95 with auditing on vs off';

const PASSPHRASE = 'bench passphrase that is long enough';
const ROUNDS = 7;
const QUERIES = 400;

const median = (xs: number[]) => percentile(xs, 50);
const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function bareSqlcipherOpen(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma(`key='${PASSPHRASE}'`);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.close();
}

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const size = Number(flag(args, 'size') ?? 100_000);
  const seed = Number(flag(args, 'seed') ?? 20240601);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-unlock-'));
  const file = path.join(dir, 'bench.custodian');
  try {
    console.log(
      `unlock: ${size.toLocaleString()} customers, argon2id m=${ARGON2.memorySize} KiB t=${ARGON2.iterations} p=${ARGON2.parallelism}`,
    );
    const pools = makePools(seed);
    const core = createCore(file);
    const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Bench Owner' });
    if (!created.ok) throw new Error(created.error.message);
    const token = created.value.token;
    const staff = await core.call(token, 'staff.create', {
      name: 'Bench Staff',
      role: 'staff',
      password: 'a staff password here',
      pin: '2468',
    });
    if (!staff.ok) throw new Error(staff.error.message);
    core.close();
    const db = openDatabase(file, PASSPHRASE);
    const now = new Date().toISOString();
    const insert = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insertCustomer(db, customerAt(pools, seed, i), 1, now);
    });
    for (let i = 0; i < size; i += 10_000) insert(i, Math.min(size, i + 10_000));
    db.close();

    // Unlock: the whole vault.unlock (key derivation, key check, migrations check, session, audit).
    const unlock: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t0 = process.hrtime.bigint();
      bareSqlcipherOpen(file);
      bare.push(since(t0));
      const c = createCore(file);
      t0 = process.hrtime.bigint();
      const opened = await c.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
      unlock.push(since(t0));
      if (!opened.ok) throw new Error(opened.error.message);
      c.close();
    }

    // Sign-in at the counter, with the file open: password and PIN (argon2id verify).
    const c = createCore(file);
    const opened = await c.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    if (!opened.ok) throw new Error(opened.error.message);
    const password: number[] = [];
    const pin: number[] = [];
    let staffToken = '';
    for (let r = 0; r < ROUNDS; r++) {
      for (const [secret, into] of [
        ['a staff password here', password],
        ['2468', pin],
      ] as const) {
        const t0 = process.hrtime.bigint();
        const s = await c.call(null, 'session.signIn', { user_id: staff.value.id, secret });
        into.push(since(t0));
        if (!s.ok) throw new Error(s.error.message);
        staffToken = s.value.token;
      }
    }

    // Search with auditing on (each query appends to the chained log) vs off: the same search
    // function on the same connection, with and without the audit entry; and, for the whole
    // picture, the same queries through the dispatch (validation, session check, audit).
    const rng = prng(seed ^ 0xa0d17);
    const queries = Array.from({ length: QUERIES }, (_, i) => {
      const cust = customerAt(pools, seed, Math.floor(rng() * size));
      return i % 2 === 0
        ? cust.family_name.slice(0, 3 + (i % 3))
        : `${cust.given_name} ${cust.family_name.slice(0, 3)}`;
    });
    const dispatched: number[] = [];
    for (const q of queries.slice(0, 50)) await c.call(staffToken, 'search.query', { q }); // warm-up
    for (const q of queries) {
      const t0 = process.hrtime.bigint();
      const r = await c.call(staffToken, 'search.query', { q });
      dispatched.push(since(t0));
      if (!r.ok) throw new Error(r.error.message);
    }
    c.close();
    const raw = openDatabase(file, PASSPHRASE);
    const session = new Sessions();
    const record = session.authenticate(
      raw,
      session.start({ id: staff.value.id, name: 'Bench Staff', role: 'staff' }, Date.now()).token,
      Date.now(),
      3600_000,
    );
    const ctx = { db: raw, session: record, now: () => new Date().toISOString(), vault: null as never };
    const on: number[] = [];
    const off: number[] = [];
    for (const q of queries.slice(0, 50)) searchCustomers(raw, q, 50, false);
    // Interleaved, so both see the same cache and machine state.
    for (const q of queries) {
      let t0 = process.hrtime.bigint();
      searchCustomers(raw, q, 50, false);
      off.push(since(t0));
      t0 = process.hrtime.bigint();
      searchWithAudit(ctx, { q, limit: 50, include_archived: false });
      on.push(since(t0));
    }
    raw.close();

    const results = {
      customers: size,
      unlock_ms: median(unlock),
      sqlcipher_default_unlock_ms: median(bare),
      unlock_to_default_ratio: median(unlock) / median(bare),
      password_signin_ms: median(password),
      pin_signin_ms: median(pin),
      search_audit_on_p95_ms: percentile(on, 95),
      search_audit_off_p95_ms: percentile(off, 95),
      audit_on_to_off_search_ratio: percentile(on, 95) / percentile(off, 95),
      search_dispatch_p95_ms: percentile(dispatched, 95),
    };
    console.log(`  unlock (vault.unlock, SQLCipher 4 default KDF)  ${ms(results.unlock_ms)} median of ${ROUNDS}`);
    console.log(`  bare SQLCipher 4 open, default KDF              ${ms(results.sqlcipher_default_unlock_ms)}`);
    console.log(`  staff sign-in: password ${ms(results.password_signin_ms)}, PIN ${ms(results.pin_signin_ms)}`);
    console.log(
      `  search p95: audit on ${ms(results.search_audit_on_p95_ms)}, off ${ms(results.search_audit_off_p95_ms)}, ratio ${results.audit_on_to_off_search_ratio.toFixed(2)} (target ≤ 1.2)`,
    );
    console.log(`  search p95 through the whole dispatch (audit on): ${ms(results.search_dispatch_p95_ms)}`);
    writeResults('unlock', results);
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
