// The import preview's probable-duplicate check, measured: a file of N generated UK customers
// (100,000 by default) and a CSV of R rows (10,000) to import — mostly new people, 5 % exact
// copies of existing records (same email), 5 % changed copies with no email or phone in common
// (a typo, a nickname, a swapped date…) that only the scored comparison finds. Times
// `imports.preview` through the dispatch and counts what it flagged. Writes
// bench-results/import-dupes.json.
// Usage: npm run bench -- import-dupes [--size N] [--rows R] [--seed S] [--file PATH]
// (--file keeps the customers file there and reuses it when it exists.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/api';
import { CSV_COLUMNS } from '../../electron/core/customers/customers.service';
import { exportRow } from '../../electron/core/exports/rows';
import { toCsv } from '../../shared/csv';
import type { Customer, CustomerData } from '../../shared/customer';
import { mutate } from './dedupe.bench';
import { type BenchArgs, flag, writeResults } from './lib';
import { customerAt, fillSyntheticFile, makePools, prng } from './synthetic';

export const description = 'import preview with probable duplicates: R rows against N customers';

const PASSPHRASE = 'bench passphrase that is long enough';

/** The rows to import: new people, exact copies and changed copies (see the header). */
function importCsv(size: number, rows: number, seed: number): { csv: string; exact: number; changed: number } {
  const pools = makePools(seed);
  const rng = prng(seed ^ 0xbeef);
  const out: string[][] = [];
  let exact = 0;
  let changed = 0;
  for (let i = 0; i < rows; i++) {
    const r = rng();
    let c: CustomerData;
    if (r < 0.05) {
      c = { ...customerAt(pools, seed, Math.floor(rng() * size)), ref: '' };
      exact++;
    } else if (r < 0.1) {
      c = { ...mutate(rng, customerAt(pools, seed, Math.floor(rng() * size)), pools), ref: '', emails: [], phones: [] };
      changed++;
    } else c = { ...customerAt(pools, seed, size + i), ref: '' };
    out.push(exportRow(c as unknown as Customer, CSV_COLUMNS));
  }
  return { csv: toCsv([[...CSV_COLUMNS], ...out]), exact, changed };
}

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const size = Number(flag(args, 'size') ?? 100_000);
  const rows = Number(flag(args, 'rows') ?? 10_000);
  const seed = Number(flag(args, 'seed') ?? 7);
  const keep = flag(args, 'file');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-import-dupes-'));
  const dbPath = keep ?? path.join(dir, 'customers.custodian');
  if (keep && fs.existsSync(keep)) console.log(`  reusing ${keep} (built for --size ${size})`);
  else {
    const t0 = Date.now();
    await fillSyntheticFile(dbPath, size, seed, PASSPHRASE);
    console.log(`  ${size.toLocaleString()} customers written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const { csv, exact, changed } = importCsv(size, rows, seed);
  const core = createCore(dbPath);
  const opened = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
  if (!opened.ok) throw new Error(opened.error.message);
  const token = opened.value.token;
  const input = { filename: 'people.csv', content_base64: Buffer.from(csv).toString('base64'), sample_rows: 20 };
  const t0 = process.hrtime.bigint();
  const result = await core.call(token, 'imports.preview', input);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!result.ok) throw new Error(result.error.message);
  const m = result.value.matches as Record<string, number>;
  console.log(
    `  preview of ${rows.toLocaleString()} rows against ${size.toLocaleString()} customers: ${seconds.toFixed(2)} s; exact matches ${m.total?.toLocaleString()} (planted ${exact}), probable ${m.probable ?? 'not checked'} (planted changed copies ${changed})`,
  );
  core.close();
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  const results = {
    customers: size,
    rows,
    preview_s: seconds,
    exact_planted: exact,
    changed_planted: changed,
    matched: m.total ?? 0,
    probable: m.probable ?? 0,
  };
  writeResults('import-dupes', results);
  return results;
}
