// Duplicate detection, measured: quality on the FEBRL benchmark files (precision, recall and F1
// of the reported pairs against the ground truth, with exact family name + date of birth as the
// baseline), then speed and memory of the full scan on N generated UK customers with 5 % injected
// duplicates. Writes bench-results/dedupe.json.
// Usage: npm run bench -- dedupe [--size N] [--seed S] [--skip-scale] [--skip-febrl] [--file PATH]
// (--file keeps the generated scale file there, and reuses it when it exists: for repeated runs.)
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/api';
import { insertCustomer } from '../../electron/core/customers/customers.queries';
import { importRows } from '../../electron/core/customers/customers.service';
import { type DB, openDatabase } from '../../electron/core/db/open';
import { all } from '../../electron/core/db/sql';
import { buildProfile, comparePair } from '../../electron/core/duplicates/compare';
import { scanDuplicates } from '../../electron/core/duplicates/duplicates';
import { readSources } from '../../electron/core/duplicates/duplicates.queries';
import { nameVariants } from '../../electron/core/duplicates/nicknames';
import { MANAGERS } from '../../shared/contract/roles';
import type { CustomerData } from '../../shared/customer';
import { CustomerInput } from '../../shared/customer';
import { type BenchArgs, flag, writeResults } from './lib';
import { customerAt, makePools, type Pools, prng } from './synthetic';

export const description =
  'duplicate detection: FEBRL precision/recall/F1 vs baseline, then a full scan at N customers';

const PASSPHRASE = 'bench passphrase that is long enough';
const DATA_DIR = path.resolve(process.env.CUSTODIAN_DATA ?? '../shared/data/febrl');
const IMPORT_BATCH = 1000;

/* ---------------------------------------------------------------- FEBRL */

type FebrlRow = Record<string, string>;

function readFebrl(file: string): FebrlRow[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** YYYYMMDD → YYYY-MM-DD when it is a real date; otherwise empty (the record is kept without it). */
function febrlDate(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && y >= 1880 && date.getTime() <= Date.now() ? `${m[1]}-${m[2]}-${m[3]}` : '';
}

/** A FEBRL row as a canonical import row. soc_sec_id is deliberately not carried over. */
function importRow(r: FebrlRow): Record<string, string> {
  return {
    given_name: r.given_name ?? '',
    family_name: r.surname ?? '',
    address_line1: [r.street_number, r.address_1].filter(Boolean).join(' '),
    address_line2: r.address_2 ?? '',
    town: r.suburb ?? '',
    region: r.state ?? '',
    postcode: r.postcode ?? '',
    country: 'AU',
    date_of_birth: febrlDate(r.date_of_birth ?? ''),
  };
}

const clusterOf = (recId: string) => /^rec-(\d+)-/.exec(recId)?.[1] ?? recId;

type Quality = { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };

function quality(found: Iterable<[number, number]>, cluster: Map<number, string>): Quality {
  const sizes = new Map<string, number>();
  for (const c of cluster.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  let truePairs = 0;
  for (const s of sizes.values()) truePairs += (s * (s - 1)) / 2;
  let tp = 0;
  let fp = 0;
  const seen = new Set<string>();
  for (const [a, b] of found) {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (cluster.get(a) === cluster.get(b)) tp++;
    else fp++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = truePairs === 0 ? 0 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn: truePairs - tp };
}

/** Import a FEBRL file through the core (importRows, in process); returns customer id → cluster. */
async function importFebrl(file: string, dbPath: string): Promise<{ cluster: Map<number, string>; refused: number }> {
  const rows = readFebrl(file);
  const core = createCore(dbPath);
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Bench Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const token = created.value.token;
  const ownerId = created.value.user.id;
  const accepted: boolean[] = rows.map(() => true);
  for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
    const batch = rows.slice(start, start + IMPORT_BATCH).map(importRow);
    const r = await core.local(token, MANAGERS, (ctx) =>
      importRows(ctx, { rows: batch, source: 'FEBRL', first_row_number: start + 2 }),
    );
    if (!r.ok) throw new Error(r.error.message);
    for (const e of r.value.errors) accepted[e.row - 2] = false;
  }
  core.close();
  // Ids are given in row order to the accepted rows (a fresh file). A refused row is still a
  // record (FEBRL rec-3688 has no name at all): it is kept through the core's own insert.
  const db = openDatabase(dbPath, PASSPHRASE);
  const cluster = new Map<number, string>();
  const ids = all<{ id: number }>(db, { text: 'SELECT id FROM customers ORDER BY id', params: [] });
  let next = 0;
  let refused = 0;
  const now = new Date().toISOString();
  rows.forEach((row, i) => {
    if (accepted[i]) {
      cluster.set((ids[next++] as { id: number }).id, clusterOf(row.rec_id ?? ''));
      return;
    }
    refused++;
    const draft = importRow(row);
    // Validate every other field by the same rules; only the "needs a name" rule is waived.
    const parsed = CustomerInput.parse({
      ...toDraft(draft),
      family_name: draft.family_name || 'x',
    });
    const data: CustomerData = { ...parsed, family_name: draft.family_name ?? '' };
    cluster.set(insertCustomer(db, data, ownerId, now), clusterOf(row.rec_id ?? ''));
  });
  db.close();
  return { cluster, refused };
}

function toDraft(r: Record<string, string>) {
  const v = (k: string) => r[k] ?? '';
  const hasAddress = ['address_line1', 'address_line2', 'town', 'region', 'postcode'].some((k) => v(k) !== '');
  return {
    given_name: v('given_name'),
    family_name: v('family_name'),
    date_of_birth: v('date_of_birth'),
    addresses: hasAddress
      ? [
          {
            line1: v('address_line1'),
            line2: v('address_line2'),
            town: v('town'),
            region: v('region'),
            postcode: v('postcode'),
            country: v('country'),
          },
        ]
      : [],
  };
}

/** The baseline: every pair with exactly the same family name and date of birth (both present). */
function baselinePairs(db: DB): [number, number][] {
  const rows = all<{ id: number; family_name: string; date_of_birth: string }>(db, {
    text: "SELECT id, family_name, date_of_birth FROM customers WHERE family_name <> '' AND date_of_birth <> ''",
    params: [],
  });
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.family_name.toLowerCase()}|${r.date_of_birth}`;
    groups.set(key, [...(groups.get(key) ?? []), r.id]);
  }
  const out: [number, number][] = [];
  for (const ids of groups.values())
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push([ids[i], ids[j]] as never);
  return out;
}

async function runFebrl(name: string, file: string, dir: string) {
  const dbPath = path.join(dir, `${name}.custodian`);
  const { cluster, refused } = await importFebrl(file, dbPath);
  const db = openDatabase(dbPath, PASSPHRASE);
  try {
    const t0 = process.hrtime.bigint();
    const found: [number, number][] = [];
    const scan = scanDuplicates(db, { limit: 0, onPair: (a, b) => found.push([a, b]) });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const q = quality(found, cluster);
    const base = quality(baselinePairs(db), cluster);
    const pct = (x: number) => x.toFixed(4);
    console.log(
      `  ${name}: ${cluster.size} records (${refused} refused by importRows, kept), ${scan.compared.toLocaleString()} pairs compared in ${seconds.toFixed(2)} s`,
    );
    console.log(
      `    detection  precision ${pct(q.precision)}  recall ${pct(q.recall)}  F1 ${pct(q.f1)}  (tp ${q.tp}, fp ${q.fp}, fn ${q.fn})`,
    );
    console.log(
      `    baseline   precision ${pct(base.precision)}  recall ${pct(base.recall)}  F1 ${pct(base.f1)}  (exact family name + date of birth)`,
    );
    if (process.env.DEDUPE_DEBUG) debugMisses(db, found, cluster);
    return { q, base, seconds, compared: scan.compared };
  } finally {
    db.close();
  }
}

/** DEDUPE_DEBUG=1: print some missed and some wrong pairs with their reasons (tuning aid). */
function debugMisses(db: DB, found: [number, number][], cluster: Map<number, string>) {
  const foundSet = new Set(found.map(([a, b]) => `${Math.min(a, b)}:${Math.max(a, b)}`));
  const byCluster = new Map<string, number[]>();
  for (const [id, c] of cluster) byCluster.set(c, [...(byCluster.get(c) ?? []), id]);
  let shown = 0;
  for (const ids of byCluster.values()) {
    for (let i = 0; i < ids.length && shown < 25; i++)
      for (let j = i + 1; j < ids.length && shown < 25; j++) {
        const [a, b] = [ids[i] as number, ids[j] as number];
        if (foundSet.has(`${Math.min(a, b)}:${Math.max(a, b)}`)) continue;
        const [ra, rb] = readSources(db, [a, b]);
        if (!ra || !rb) continue;
        const c = comparePair(buildProfile(ra.source), buildProfile(rb.source), true);
        console.log('MISS', c.weight, JSON.stringify(ra.source), JSON.stringify(rb.source), c.reasons.join('; '));
        shown++;
      }
  }
  let wrong = 0;
  for (const [a, b] of found) {
    if (cluster.get(a) === cluster.get(b) || wrong++ >= 15) continue;
    const [ra, rb] = readSources(db, [a, b]);
    if (!ra || !rb) continue;
    const c = comparePair(buildProfile(ra.source), buildProfile(rb.source), true);
    console.log('FALSE', c.weight, JSON.stringify(ra.source), JSON.stringify(rb.source), c.reasons.join('; '));
  }
}

/* ---------------------------------------------------------------- scale */

const INWARD = [...'ABDEFGHJLNPQRSTUWXYZ'];

function typo(rng: () => number, word: string): string {
  if (word.length < 3) return word;
  const i = 1 + Math.floor(rng() * (word.length - 2));
  const kind = rng();
  const letter = String.fromCharCode(97 + Math.floor(rng() * 26));
  if (kind < 0.3) return word.slice(0, i) + letter + word.slice(i + 1);
  if (kind < 0.55) return word.slice(0, i) + word.slice(i + 1);
  if (kind < 0.8) return word.slice(0, i) + letter + word.slice(i);
  return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
}

/** A second record for the same person: one to three of the changes people really make. */
export function mutate(rng: () => number, c: CustomerData, pools: Pools): CustomerData {
  const d: CustomerData = structuredClone(c);
  d.ref = '';
  const changes = 1 + Math.floor(rng() * 3);
  for (let k = 0; k < changes; k++) {
    const r = rng();
    if (r < 0.18) d.family_name = typo(rng, d.family_name);
    else if (r < 0.33) d.given_name = typo(rng, d.given_name);
    else if (r < 0.43) [d.given_name, d.family_name] = [d.family_name, d.given_name];
    else if (r < 0.5) {
      const variants = nameVariants(d.given_name.toLowerCase()).filter((v) => v !== d.given_name.toLowerCase());
      const v = variants[Math.floor(rng() * variants.length)];
      d.given_name = v ? v.charAt(0).toUpperCase() + v.slice(1) : typo(rng, d.given_name);
    } else if (r < 0.68) {
      const local = `${d.given_name.toLowerCase().replace(/[^a-z]/g, '')}${Math.floor(rng() * 10000)}`;
      d.emails = [{ address: `${local}@example.net`, label: '' }];
    } else if (r < 0.86) {
      const outward = pools.outward[Math.floor(rng() * pools.outward.length)] ?? 'SW1A';
      const inward = `${Math.floor(rng() * 10)}${INWARD[Math.floor(rng() * 20)]}${INWARD[Math.floor(rng() * 20)]}`;
      d.addresses = [
        {
          line1: `${1 + Math.floor(rng() * 200)} ${pools.streets[Math.floor(rng() * pools.streets.length)]}`,
          line2: '',
          town: pools.towns[Math.floor(rng() * pools.towns.length)] ?? '',
          region: pools.counties[Math.floor(rng() * pools.counties.length)] ?? '',
          postcode: `${outward} ${inward}`,
          country: 'GB',
          label: '',
          kind: 'home',
          valid_from: '',
          valid_to: '',
        },
      ];
    } else if (r < 0.95) {
      const [y, m, day] = d.date_of_birth.split('-');
      d.date_of_birth =
        Number(day) <= 12 && day !== m
          ? `${y}-${day}-${m}`
          : `${y}-${m}-${String(day).slice(0, 1)}${(Number(String(day).slice(1)) + 1) % 10}`;
      if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d)$/.test(d.date_of_birth)) d.date_of_birth = c.date_of_birth;
    } else d.phones = [];
  }
  return d;
}

/** Write the scale file: originals 1…size−injected in order, then one mutated copy each of `injected` of them. */
async function buildScaleFile(dbPath: string, size: number, seed: number): Promise<void> {
  const core = createCore(dbPath);
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Bench Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const ownerId = created.value.user.id;
  core.close();
  const pools = makePools(seed);
  const injected = Math.round(size * 0.05);
  const originals = size - injected;
  const rng = prng(seed ^ 0xd00d);
  // Originals are customers 1…originals (in order); duplicate k is spread evenly over them.
  const db = openDatabase(dbPath, PASSPHRASE);
  const now = new Date().toISOString();
  const t0 = Date.now();
  const insert = db.transaction((rows: CustomerData[]) => {
    for (const row of rows) insertCustomer(db, row, ownerId, now);
  });
  for (let start = 0; start < originals; start += 10_000) {
    const rows: CustomerData[] = [];
    for (let i = start; i < Math.min(originals, start + 10_000); i++) rows.push(customerAt(pools, seed, i));
    insert(rows);
  }
  for (let start = 0; start < injected; start += 10_000) {
    const rows: CustomerData[] = [];
    for (let k = start; k < Math.min(injected, start + 10_000); k++) {
      const original = Math.floor((k * originals) / injected);
      rows.push(mutate(rng, customerAt(pools, seed, original), pools));
    }
    insert(rows);
  }
  console.log(
    `  scale: ${size.toLocaleString()} customers (${injected.toLocaleString()} injected duplicates) written in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  db.close();
}

async function runScale(size: number, seed: number, dir: string, keep?: string) {
  const dbPath = keep ?? path.join(dir, 'scale.custodian');
  const injected = Math.round(size * 0.05);
  if (keep && fs.existsSync(keep)) console.log(`  scale: reusing ${keep} (built for --size ${size})`);
  else await buildScaleFile(dbPath, size, seed);
  // The scan runs in a fresh process, as it would in the app's core: its peak memory is the
  // scan's own, not the leftovers of building a million-record file in this one.
  const child = await scanInChild(dbPath, size);
  console.log(
    `    full scan: ${child.seconds.toFixed(1)} s (read ${child.read.toFixed(1)}, sort ${child.sort.toFixed(1)}, compare ${child.compare.toFixed(1)}), ${child.compared.toLocaleString()} pairs compared, ${child.total.toLocaleString()} above the threshold`,
  );
  console.log(
    `    injected pairs found ${child.found.toLocaleString()} / ${injected.toLocaleString()} (recall ${(child.found / injected).toFixed(4)}); other pairs reported ${child.other.toLocaleString()}; large groups ${child.large}`,
  );
  const buildPeak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `    peak RSS: scan process ${child.peakMb.toFixed(0)} MB (opens the file and scans); bench process ${buildPeak.toFixed(0)} MB (builds the file)`,
  );
  return { ...child, recall: child.found / injected, buildPeakMb: buildPeak };
}

type ChildResult = {
  seconds: number;
  read: number;
  sort: number;
  compare: number;
  compared: number;
  total: number;
  found: number;
  other: number;
  large: number;
  peakMb: number;
};

function scanInChild(dbPath: string, size: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, DEDUPE_SCAN_CHILD: JSON.stringify({ dbPath, size }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as ChildResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`scan process exited with ${code}`));
    });
  });
}

/** In the child: open the file, scan it, score the injected pairs, report. */
function runScanChild(spec: { dbPath: string; size: number }): void {
  const injected = Math.round(spec.size * 0.05);
  const originals = spec.size - injected;
  // The injected duplicate k is customer originals+k+1; its original is floor(k·originals/injected)+1.
  const originalOf = (id: number) =>
    id > originals ? Math.floor(((id - originals - 1) * originals) / injected) + 1 : undefined;
  const db = openDatabase(spec.dbPath, PASSPHRASE);
  let found = 0;
  let other = 0;
  const t0 = process.hrtime.bigint();
  const scan = scanDuplicates(db, {
    limit: 500,
    onPair: (a, b) => {
      if (originalOf(b) === a || originalOf(a) === b) found++;
      else other++;
    },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  db.close();
  const result: ChildResult = {
    seconds,
    ...scan.phases,
    compared: scan.compared,
    total: scan.total,
    found,
    other,
    large: scan.largeGroups.length,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
  process.send?.(result, () => process.exit(0));
}

if (process.env.DEDUPE_SCAN_CHILD) runScanChild(JSON.parse(process.env.DEDUPE_SCAN_CHILD));

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const size = Number(flag(args, 'size') ?? 1_000_000);
  const seed = Number(flag(args, 'seed') ?? 20240601);
  if (!Number.isInteger(size) || size < 1000) throw new Error('--size must be a whole number of at least 1000');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-dedupe-'));
  const results: Record<string, number> = {};
  const round = (x: number) => Math.round(x * 10000) / 10000;
  try {
    if (!args.includes('--skip-febrl')) {
      for (const [key, file] of [
        ['febrl1', 'dataset1.csv'],
        ['febrl2', 'dataset2.csv'],
      ] as const) {
        const r = await runFebrl(key, path.join(DATA_DIR, file), dir);
        results[`${key}_f1`] = round(r.q.f1);
        results[`${key}_precision`] = round(r.q.precision);
        results[`${key}_recall`] = round(r.q.recall);
        results[`baseline_${key}_f1`] = round(r.base.f1);
        results[`${key}_pairs_compared`] = r.compared;
        results[`${key}_seconds`] = round(r.seconds);
      }
    }
    if (!args.includes('--skip-scale')) {
      const s = await runScale(size, seed, dir, flag(args, 'file'));
      results.scale_customers = size;
      results.scale_seconds = round(s.seconds);
      results.scale_peak_rss_mb = Math.round(s.peakMb);
      results.scale_build_peak_rss_mb = Math.round(s.buildPeakMb);
      results.scale_recall = round(s.recall);
      results.scale_other_pairs = s.other;
      results.scale_pairs_compared = s.compared;
    }
    writeResults('dedupe', results);
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
