// Import at scale: a generated CSV of N customers on disk (seeded, canonical headers, UK data),
// imported end to end through the import service exactly as `custodian import` runs it
// (streamed from disk, read and validated in the import's worker thread, normalised, matched
// against existing records, indexed for search, chunked transactions with audit entries), beside
// a raw bulk insert of the same rows (insertCustomers, already-valid data, 10,000 per transaction)
// into a second file in the same run, and the reading and validation alone (the CSV read, parsed
// and checked on one thread, as the worker does). Peak RSS (of the whole process, worker
// included) is sampled throughout the import. Writes bench-results/import.json.
// Usage: npm run bench -- import [--size N] [--seed S] [--keep DIR]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/api';
import { insertCustomers } from '../../electron/core/customers/bulk';
import { openDatabase } from '../../electron/core/db/open';
import { previewPath } from '../../electron/core/imports/imports.service';
import { readChunk } from '../../electron/core/imports/reading';
import { openTable } from '../../electron/core/imports/table';
import { MANAGERS } from '../../shared/contract/roles';
import type { CustomerData } from '../../shared/customer';
import { CustomerInput } from '../../shared/customer';
import { type BenchArgs, flag, writeResults } from './lib';

// The data generator (faker's pools) is loaded only after the import is measured: its memory is
// not the import's.
type Synthetic = typeof import('./synthetic');

export const description = 'import N rows from a CSV on disk end to end vs raw bulk insert; rows/s and peak RSS';

const PASSPHRASE = 'bench passphrase that is long enough';
const RAW_BATCH = 10_000;

async function importEndToEnd(
  dbFile: string,
  csv: string,
): Promise<{ seconds: number; peakMb: number; peakAt: number; rows: number }> {
  const core = createCore(dbFile);
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Bench Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const token = created.value.token;
  let peak = process.memoryUsage().rss;
  // Rows done when the peak was seen: a peak at the start or end is not the import's steady state.
  let peakAt = 0;
  let done = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) [peak, peakAt] = [rss, done];
  }, 50);
  const t0 = performance.now();
  const preview = await core.local(token, MANAGERS, (ctx) =>
    previewPath(ctx, csv, path.basename(csv), { source: 'bench', sampleRows: 1, scan: false }),
  );
  if (!preview.ok) throw new Error(preview.error.message);
  const started = await core.call(token, 'imports.start', {
    preview_id: preview.value.preview_id,
    source: 'bench',
    mapping: preview.value.mapping,
    on_match: 'update-empty',
    mode: 'valid-rows',
  });
  if (!started.ok) throw new Error(started.error.message);
  let last = 0;
  for (;;) {
    const step = await core.call(token, 'imports.step', { import_id: started.value.import_id });
    if (!step.ok) throw new Error(step.error.message);
    done = step.value.done;
    const rss = process.memoryUsage().rss;
    if (rss > peak) [peak, peakAt] = [rss, done];
    if (step.value.done - last >= 100_000 || step.value.finished) {
      last = step.value.done;
      const m = process.memoryUsage();
      const mb = (n: number) => Math.round(n / 1048576);
      console.log(
        `  ${step.value.done} rows, ${step.value.rows_per_s} rows/s, eta ${step.value.eta_s} s; rss ${mb(m.rss)} MB (JS heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB)`,
      );
    }
    if (step.value.finished) {
      if (step.value.status !== 'finished') throw new Error(step.value.message);
      if (step.value.rejected > 0) throw new Error(`${step.value.rejected} rows rejected`);
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      core.close();
      return { seconds, peakMb: peak / 1048576, peakAt, rows: step.value.done };
    }
  }
}

function rawInsert(dbFile: string, size: number, seed: number, { makePools, customerAt }: Synthetic): number {
  const pools = makePools(seed);
  const db = openDatabase(dbFile, PASSPHRASE, { create: true });
  db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Bench', 'owner', ?)").run(new Date().toISOString());
  const now = new Date().toISOString();
  const insert = db.transaction((rows: CustomerData[]) => insertCustomers(db, rows, 1, now));
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
    if (!fs.existsSync(csv)) {
      const t0 = performance.now();
      // In a child process (with this one's tsx flags): see import-csv.ts.
      const writer = path.join(import.meta.dirname, 'import-csv.ts');
      execFileSync(process.execPath, [...process.execArgv, writer, csv, String(size), String(seed)], {
        stdio: 'inherit',
      });
      console.log(
        `  generated ${csv} (${(fs.statSync(csv).size / 1048576).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    for (const f of fs.readdirSync(dir))
      if (f.endsWith('.custodian') || f.includes('.custodian-')) fs.rmSync(path.join(dir, f));
    const imported = await importEndToEnd(path.join(dir, 'import.custodian'), csv);
    const rowsPerS = imported.rows / imported.seconds;
    console.log(
      `  end to end: ${imported.rows} rows in ${imported.seconds.toFixed(1)} s = ${Math.round(rowsPerS)} rows/s, peak RSS ${imported.peakMb.toFixed(0)} MB (at row ${imported.peakAt})`,
    );
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
    };
    writeResults('import', results);
    return results;
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
