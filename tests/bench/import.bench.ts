// Import at scale: a generated CSV of N customers on disk (seeded, canonical headers, UK data),
// imported end to end by the shipped command line — `custodian import FILE DATAFILE`, the bundle
// `npm run build` makes, in a process of its own (streamed from disk, read and validated in the
// import's worker thread, normalised, matched against existing records, indexed for search,
// chunked transactions with audit entries) — beside a raw bulk insert of the same rows
// (insertCustomers, already-valid data, 10,000 per transaction with the bulk settings an import
// step uses) into a second file in the same
// run, and the reading and validation alone (the CSV read, parsed and checked on one thread, as
// the worker does). Peak RSS is the import process's own high-water mark (worker included), as
// the kernel counts it. Then undo, through the core: a tenth as many rows again and 1,000 rows
// imported into the file just filled and taken back (the first by building the search index
// again, the second record by record: rollback.ts). Writes bench-results/import.json.
// Usage: npm run bench -- import [--size N] [--seed S] [--keep DIR]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/api';
import { insertCustomers, withBulkSettings } from '../../electron/core/customers/bulk';
import { openDatabase } from '../../electron/core/db/open';
import { readChunk } from '../../electron/core/imports/reading';
import { openTable } from '../../electron/core/imports/table';
import type { Output } from '../../shared/contract';
import type { CustomerData } from '../../shared/customer';
import { CustomerInput } from '../../shared/customer';
import { type BenchArgs, flag, writeResults } from './lib';

// The data generator (faker's pools) is loaded only after the import is measured.
type Synthetic = typeof import('./synthetic');

export const description = 'import N rows from a CSV on disk end to end vs raw bulk insert; rows/s and peak RSS';

const PASSPHRASE = 'bench passphrase that is long enough';
const RAW_BATCH = 10_000;
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.cjs');

/** Run the built command line; its peak RSS is reported on exit by peak-rss.cjs. */
function custodian(args: string[]): { stdout: string; peakMb: number } {
  const result = spawnSync(
    process.execPath,
    ['--require', path.join(import.meta.dirname, 'peak-rss.cjs'), CLI, ...args],
    {
      env: { ...process.env, CUSTODIAN_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  if (result.status !== 0) throw new Error(`custodian ${args[0]} failed: ${result.stderr || result.stdout}`);
  const peak = /PEAK_RSS_KB (\d+)/.exec(result.stderr);
  return { stdout: result.stdout, peakMb: peak ? Number(peak[1]) / 1024 : Number.NaN };
}

function importEndToEnd(dbFile: string, csv: string): { seconds: number; peakMb: number; rows: number } {
  custodian(['init', dbFile, '--owner', 'Bench Owner']);
  const t0 = performance.now();
  const run = custodian(['import', dbFile, csv, '--source', 'bench', '--on-match', 'update-empty', '--json']);
  const seconds = (performance.now() - t0) / 1000;
  const progress = JSON.parse(run.stdout) as Output<'imports.step'>;
  if (progress.status !== 'finished') throw new Error(progress.message);
  if (progress.rejected > 0) throw new Error(`${progress.rejected} rows rejected`);
  console.log(`  ${progress.created} created; ${progress.matched} matched a record from earlier in the file`);
  return { seconds, peakMb: run.peakMb, rows: progress.rows };
}

function rawInsert(dbFile: string, size: number, seed: number, { makePools, customerAt }: Synthetic): number {
  const pools = makePools(seed);
  const db = openDatabase(dbFile, PASSPHRASE, { create: true });
  db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Bench', 'owner', ?)").run(new Date().toISOString());
  const now = new Date().toISOString();
  // As an import step commits: in one transaction, with the bulk settings.
  const insert = (rows: CustomerData[]) =>
    withBulkSettings(
      db,
      db.transaction(() => insertCustomers(db, rows, 1, now)),
    );
  let seconds = 0;
  for (let start = 0; start < size; start += RAW_BATCH) {
    const rows: CustomerData[] = [];
    for (let i = start; i < Math.min(size, start + RAW_BATCH); i++) rows.push(customerAt(pools, seed, i));
    const t0 = performance.now();
    insert(rows);
    seconds += (performance.now() - t0) / 1000;
  }
  db.close();
  return size / seconds;
}

/** Generate a CSV in a child process (with this one's tsx flags): see import-csv.ts. */
function writeCsv(csv: string, size: number, seed: number, first = 0): void {
  const t0 = performance.now();
  const writer = path.join(import.meta.dirname, 'import-csv.ts');
  execFileSync(process.execPath, [...process.execArgv, writer, csv, String(size), String(seed), String(first)], {
    stdio: 'inherit',
  });
  console.log(
    `  generated ${csv} (${(fs.statSync(csv).size / 1048576).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

/** Import `csv` into the file with the command line, then time its undo through the core. */
async function undoSeconds(dbFile: string, csv: string): Promise<{ rows: number; seconds: number }> {
  const run = custodian(['import', dbFile, csv, '--source', 'bench undo', '--json']);
  const progress = JSON.parse(run.stdout) as Output<'imports.step'>;
  const core = createCore(dbFile);
  try {
    const unlocked = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const t0 = performance.now();
    const undone = await core.call(unlocked.value.token, 'imports.undo', { import_id: progress.import_id });
    if (!undone.ok) throw new Error(undone.error.message);
    return { rows: undone.value.removed, seconds: (performance.now() - t0) / 1000 };
  } finally {
    core.close();
  }
}

/** Rows/s of what the import's worker does for each row: read, decode, parse the CSV, check the row. */
async function readingRate(csv: string, maxRows: number): Promise<number> {
  const table = await openTable({ kind: 'path', name: path.basename(csv), path: csv });
  const spec = {
    width: table.header.length,
    reader: { headers: table.header, mapping: table.header as never, restoreFormulas: true, fields: [] },
  };
  const t0 = performance.now();
  let rows = 0;
  for (;;) {
    const chunk = await readChunk(table, spec);
    rows += chunk.rows.length;
    if (chunk.end || rows >= maxRows) break;
  }
  table.close();
  return rows / ((performance.now() - t0) / 1000);
}

/** What validation alone costs per row (CustomerInput.safeParse, libphonenumber included). */
function validationCost(seed: number, { makePools, customerAt, draftOf }: Synthetic): number {
  const pools = makePools(seed);
  const drafts = Array.from({ length: 20_000 }, (_, i) => draftOf(customerAt(pools, seed, i)));
  const t0 = performance.now();
  for (const d of drafts) CustomerInput.safeParse(d);
  return ((performance.now() - t0) * 1000) / drafts.length;
}

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const size = Number(flag(args, 'size') ?? 1_000_000);
  const seed = Number(flag(args, 'seed') ?? 42);
  const keep = flag(args, 'keep');
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-import-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    const csv = path.join(dir, `customers-${size}.csv`);
    if (!fs.existsSync(csv)) writeCsv(csv, size, seed);
    for (const f of fs.readdirSync(dir))
      if (f.endsWith('.custodian') || f.includes('.custodian-')) fs.rmSync(path.join(dir, f));
    // The command line as shipped: bundled from the current sources first.
    execFileSync(process.execPath, [path.join(ROOT, 'build', 'build.mjs'), '--only-node'], { stdio: 'ignore' });
    const imported = importEndToEnd(path.join(dir, 'import.custodian'), csv);
    const rowsPerS = imported.rows / imported.seconds;
    console.log(
      `  end to end: ${imported.rows} rows in ${imported.seconds.toFixed(1)} s = ${Math.round(rowsPerS)} rows/s, peak RSS ${imported.peakMb.toFixed(0)} MB`,
    );
    // Customers from past the first file (their own numbers), a tenth as many, then 1,000.
    const undo: Record<string, number> = {};
    for (const rows of [Math.round(size / 10), 1000]) {
      const more = path.join(dir, `more-${rows}.csv`);
      if (!fs.existsSync(more)) writeCsv(more, rows, seed + 1, size);
      const taken = await undoSeconds(path.join(dir, 'import.custodian'), more);
      console.log(`  undo of ${taken.rows} rows imported into ${imported.rows}: ${taken.seconds.toFixed(1)} s`);
      undo[`undo_${rows}_s`] = Number(taken.seconds.toFixed(1));
    }
    const synthetic = await import('./synthetic');
    const raw = rawInsert(path.join(dir, 'raw.custodian'), size, seed, synthetic);
    console.log(`  raw insertCustomers: ${Math.round(raw)} rows/s`);
    const reading = await readingRate(csv, 100_000);
    console.log(`  reading + validation alone (one thread): ${Math.round(reading)} rows/s`);
    const parseUs = validationCost(seed, synthetic);
    console.log(
      `  CustomerInput.safeParse alone: ${parseUs.toFixed(1)} µs/row (at most ${Math.round(1e6 / parseUs)} rows/s)`,
    );
    const results = {
      rows: imported.rows,
      rows_per_s: Math.round(rowsPerS),
      raw_insert_rows_per_s: Math.round(raw),
      peak_rss_mb: Math.round(imported.peakMb),
      seconds: Number(imported.seconds.toFixed(1)),
      validation_us_per_row: Number(parseUs.toFixed(1)),
      reading_validation_rows_per_s: Math.round(reading),
      ...undo,
    };
    writeResults('import', results);
    return results;
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
