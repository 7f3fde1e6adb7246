// Crash safety, measured: real writer processes (crash/writer.ts) change a real encrypted file —
// counter edits through the dispatch, an import, a merge, an erasure, a passphrase change, a
// backup — and are killed with SIGKILL at random moments; after each kill the file is reopened
// as the app opens it and checked (crash/check.ts). Lanes run side by side, each on its own copy
// of a small template file, put back from the template when it has grown.
// SIGKILL stops the process, not the machine: what the kernel had been handed survives, so this
// proves the app's own ordering (transactions, journal modes, acknowledgements), not the disk's.
// Writes bench-results/crash.json.
// Usage: npm run bench -- crash [--kills 1000] [--customers 3000] [--lanes 2] [--seed S] [--kinds a,b]
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { createCore } from '../../electron/core/api';
import { insertCustomers } from '../../electron/core/customers/bulk';
import { openDatabase } from '../../electron/core/db/open';
import { type Findings, passphrasesAfter } from './crash/check';
import { KINDS, type Kind, readNotes } from './crash/notes';
import type { WriterConfig } from './crash/writer';
import { type BenchArgs, flag, writeResults } from './lib';
import { customerAt, makePools, prng } from './synthetic';

export const description = 'writers killed with SIGKILL at random moments; the file reopened and checked each time';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PASSPHRASES = ['crash bench passphrase one', 'crash bench passphrase two'] as const;

/**
 * The longest wait after the writer is ready before the kill, per kind, to start with: about one
 * pass of its loop or more. It adapts (stretched when a round acknowledged nothing, eased back when
 * it acknowledged plenty), so on a loaded machine a slow write (a rekey, an import) is still
 * killed after it was acknowledged some of the time, not only midway.
 */
const MAX_DELAY_MS: Record<Kind, number> = {
  counter: 1200,
  import: 10_000,
  merge: 1200,
  erasure: 1200,
  rekey: 3000,
  backup: 2000,
};
/** This share of kills lands while the writer is still opening the file (open-time recovery). */
const DURING_OPEN = 0.1;
const LONGEST_DELAY_MS = 60_000;

/** The next round's longest delay for a kind, from how many writes the last round acknowledged. */
function adaptDelay(delays: Record<Kind, number>, kind: Kind, acknowledged: number): void {
  if (acknowledged === 0) delays[kind] = Math.min(LONGEST_DELAY_MS, delays[kind] * 1.5);
  else if (acknowledged >= 3) delays[kind] = Math.max(MAX_DELAY_MS[kind], delays[kind] / 1.2);
}

type Tally = Omit<Findings, 'opened_with' | 'problems'> & { kills: number; writer_errors: number };

const emptyTally = (): Tally => ({
  kills: 0,
  acknowledged: 0,
  acknowledged_lost: 0,
  integrity_failures: 0,
  audit_failures: 0,
  index_mismatches: 0,
  unopenable: 0,
  import_partial: 0,
  writer_errors: 0,
});

/**
 * fontkit (PDF fonts) decompresses its tables as it loads, as much processor time as the key
 * derivation; no measured write makes a PDF, so the writer's bundle leaves it out. Anything that
 * reached it would throw and show as a writer error.
 */
const withoutFontkit: Plugin = {
  name: 'without-fontkit',
  setup(build) {
    build.onResolve({ filter: /^@pdf-lib\/fontkit$/ }, () => ({ path: 'fontkit', namespace: 'crash-left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'crash-left-out' }, () => ({
      contents: `module.exports = new Proxy({}, { get(_, key) {
        if (key === '__esModule' || typeof key === 'symbol') return undefined;
        throw new Error('The crash bench writer leaves out fontkit: no measured write makes a PDF.');
      } });`,
    }));
  },
};

/** The writer as one CommonJS bundle beside its import workers and the backup's own process: a start costs no TypeScript compile. */
export async function bundleWriter(outdir: string): Promise<string> {
  const esbuild = await import('esbuild');
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: {
      boot: 'tests/bench/crash/boot.ts',
      writer: 'tests/bench/crash/writer.ts',
      'parse-worker': 'electron/core/imports/parse-worker.ts',
      'read-worker': 'electron/core/imports/read-worker.ts',
      'backup-child': 'electron/core/backups/backup-child.ts',
    },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'playwright-core'],
    logLevel: 'warning',
    plugins: [withoutFontkit],
    define: { 'import.meta.url': '__custodianImportMetaUrl' },
    banner: { js: "const __custodianImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  return path.join(outdir, 'boot.cjs');
}

async function buildTemplate(file: string, customers: number, seed: number): Promise<void> {
  const core = createCore(file);
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASES[0], owner_name: 'Crash Owner' });
  if (!created.ok) throw new Error(created.error.message);
  core.close();
  const db = openDatabase(file, PASSPHRASES[0]);
  try {
    const pools = makePools(seed);
    const rows = Array.from({ length: customers }, (_, i) => customerAt(pools, seed, i));
    insertCustomers(db, rows, created.value.user.id, new Date().toISOString());
  } finally {
    db.close();
  }
}

type Round = { kind: Kind; acks: string };
type Lane = { id: number; dir: string; file: string; stateDir: string; passphrase: string; pending: Round[] };

/** What one writer process did: whether it was killed, what its check of the last rounds found. */
type Outcome = { killed: boolean; error: string; findings: Findings | null };

/** Start a writer (it checks the rounds pending first) and, unless it only checks, kill it at a random moment. */
function runWriter(
  writer: string,
  kind: Kind | 'check',
  lane: Lane,
  acks: string,
  rng: () => number,
  delays: Record<Kind, number>,
): Promise<Outcome> {
  const notes = lane.pending.flatMap((r) => readNotes(r.acks));
  const config: WriterConfig = {
    kind,
    file: lane.file,
    acks,
    pending: lane.pending.map((r) => r.acks),
    passphrases: passphrasesAfter(notes, lane.passphrase),
    fallback: [...PASSPHRASES],
    tag: path.basename(acks, '.jsonl'),
  };
  // Not this process's tsx loader flags: the bundle needs none, and they cost a loader thread per start.
  const child: ChildProcess = fork(writer, [JSON.stringify(config)], {
    execArgv: [],
    cwd: ROOT,
    env: { ...process.env, CUSTODIAN_STATE_DIR: lane.stateDir },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let error = '';
  let findings: Findings | null = null;
  let timer: NodeJS.Timeout | undefined;
  const kill = () => child.kill('SIGKILL');
  if (kind !== 'check' && rng() < DURING_OPEN) timer = setTimeout(kill, rng() * 2000);
  child.on('message', (message: { ready?: boolean; error?: string; checked?: Findings }) => {
    if (message.error) error = message.error;
    if (message.checked) findings = message.checked;
    if (message.ready && !timer && kind !== 'check') timer = setTimeout(kill, rng() * delays[kind]);
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const killed = signal === 'SIGKILL';
      const stopped = killed || (kind === 'check' && code === 0);
      resolve({ killed, error: stopped ? '' : error || stderr.trim() || `exited by itself (${code})`, findings });
    });
  });
}

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const kills = Number(flag(args, 'kills') ?? 1000);
  const customers = Number(flag(args, 'customers') ?? 3000);
  const laneCount = Number(flag(args, 'lanes') ?? 2);
  const seed = Number(flag(args, 'seed') ?? 20261206);
  const kinds = (flag(args, 'kinds')?.split(',') ?? [...KINDS]) as Kind[];
  if (!Number.isInteger(kills) || kills < 1) throw new Error('--kills must be a whole number of at least 1');
  if (kinds.some((k) => !KINDS.includes(k))) throw new Error(`--kinds: some of ${KINDS.join(', ')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-crash-'));
  console.log(
    `crash bench: ${kills} kills over ${kinds.join(', ')}; ${customers} customers, ${laneCount} lanes, in ${dir}`,
  );
  const loads: number[] = [os.loadavg()[0] as number];
  const sampler = setInterval(() => loads.push(os.loadavg()[0] as number), 5000);
  const started = Date.now();
  const perKind = Object.fromEntries(kinds.map((k) => [k, emptyTally()])) as Record<Kind, Tally>;
  const problems: string[] = [];
  const delays = { ...MAX_DELAY_MS };
  // Inside the project, so the bundle finds node_modules; one per run, so two runs never share one.
  const bundleDir = path.join(ROOT, 'dist', `crash-bench-${process.pid}`);
  /** The figures so far, written every 50 kills too, so a run stopped early still leaves them. */
  const summarise = (complete: boolean) => {
    const total = (key: keyof Tally) => Object.values(perKind).reduce((sum, t) => sum + t[key], 0);
    const round1 = (x: number) => Math.round(x * 10) / 10;
    const results = {
      kills: total('kills'),
      acknowledged: total('acknowledged'),
      acknowledged_lost: total('acknowledged_lost'),
      integrity_failures: total('integrity_failures'),
      index_mismatches: total('index_mismatches'),
      unopenable: total('unopenable'),
      audit_failures: total('audit_failures'),
      import_partial: total('import_partial'),
      writer_errors: total('writer_errors'),
      customers,
      lanes: laneCount,
      duration_s: round1((Date.now() - started) / 1000),
      cores: os.cpus().length,
      load_1m_start: round1(loads[0] as number),
      load_1m_mean: round1(loads.reduce((a, b) => a + b, 0) / loads.length),
      load_1m_max: round1(Math.max(...loads)),
    };
    const delaysNow = Object.fromEntries(Object.entries(delays).map(([k, v]) => [k, Math.round(v)]));
    if (complete) {
      console.log(`  ${JSON.stringify(results)}`);
      for (const p of problems.slice(0, 30)) console.log(`  problem: ${p}`);
    }
    writeResults('crash', {
      ...results,
      complete,
      max_delay_ms: delaysNow,
      per_kind: perKind,
      problems: problems.slice(0, 100),
    });
    return results;
  };
  try {
    const writer = await bundleWriter(bundleDir);
    const template = path.join(dir, 'template.custodian');
    process.env.CUSTODIAN_STATE_DIR = path.join(dir, 'template-state');
    await buildTemplate(template, customers, seed);
    const templateBytes = fs.statSync(template).size;
    console.log(`  template: ${(templateBytes / 2 ** 20).toFixed(1)} MiB`);
    const rng = prng(seed);
    let issued = 0;

    /** A check's findings go to the kind whose writes it checked (the last pending round that wrote). */
    const record = (lane: Lane, outcome: Outcome) => {
      const findings = outcome.findings;
      if (!findings) return;
      const wrote = lane.pending.filter((r) => readNotes(r.acks).length > 0);
      const round = wrote.at(-1) ?? lane.pending.at(-1);
      if (!round) return;
      const tally = perKind[round.kind];
      for (const key of Object.keys(tally) as (keyof Tally)[])
        if (key in findings) tally[key] += findings[key as keyof Findings] as number;
      for (const p of findings.problems) problems.push(`${round.kind} ${path.basename(round.acks)}: ${p}`);
      if (findings.problems.length > 0) console.log(`  ${round.kind}: ${findings.problems.join('; ')}`);
      for (const r of lane.pending) fs.rmSync(r.acks, { force: true });
      lane.pending = [];
      lane.passphrase = findings.opened_with ?? lane.passphrase;
    };

    /** Check what is pending with a writer that only checks, then put the template back. */
    const resetLane = async (lane: Lane) => {
      if (lane.pending.length > 0) {
        const outcome = await runWriter(writer, 'check', lane, path.join(lane.dir, 'check.jsonl'), rng, delays);
        if (outcome.error) problems.push(`check: ${outcome.error.slice(0, 300)}`);
        record(lane, outcome);
      }
      for (const name of fs.readdirSync(lane.dir))
        fs.rmSync(path.join(lane.dir, name), { recursive: true, force: true });
      fs.copyFileSync(template, lane.file);
      fs.mkdirSync(lane.stateDir, { recursive: true });
      lane.passphrase = PASSPHRASES[0];
      lane.pending = [];
    };

    const runLane = async (lane: Lane) => {
      await resetLane(lane);
      for (;;) {
        const n = issued++;
        if (n >= kills) break;
        const kind = kinds[n % kinds.length] as Kind;
        const acks = path.join(lane.dir, `r${n}.jsonl`);
        const outcome = await runWriter(writer, kind, lane, acks, rng, delays);
        adaptDelay(delays, kind, readNotes(acks).filter((note) => note.k === 'ack').length);
        record(lane, outcome);
        lane.pending.push({ kind, acks });
        if (outcome.killed) perKind[kind].kills += 1;
        else {
          perKind[kind].writer_errors += 1;
          problems.push(`${kind} #${n}: writer stopped by itself: ${outcome.error.slice(0, 300)}`);
          console.log(`  ${kind} #${n}: writer stopped by itself: ${outcome.error.slice(0, 300)}`);
        }
        // An unopenable file was counted by record(): checking it again in resetLane would count it twice.
        if (outcome.findings?.unopenable) lane.pending = [];
        // A grown or unopenable file goes back to the template: the bench measures kills, not growth.
        if (outcome.findings?.unopenable || fs.statSync(lane.file).size > 3 * templateBytes) await resetLane(lane);
        if (n % 50 === 49) {
          const s = (Date.now() - started) / 1000;
          console.log(`  ${n + 1} kills, ${s.toFixed(0)} s, load ${(os.loadavg()[0] as number).toFixed(1)}`);
          summarise(false);
        }
      }
      await resetLane(lane);
    };
    const lanes: Lane[] = Array.from({ length: laneCount }, (_, id) => {
      const laneDir = path.join(dir, `lane-${id}`);
      fs.mkdirSync(laneDir);
      return {
        id,
        dir: laneDir,
        file: path.join(laneDir, 'customers.custodian'),
        stateDir: path.join(laneDir, 'state'),
        passphrase: PASSPHRASES[0],
        pending: [],
      };
    });
    await Promise.all(lanes.map(runLane));
  } finally {
    clearInterval(sampler);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(bundleDir, { recursive: true, force: true });
  }
  loads.push(os.loadavg()[0] as number);
  return summarise(true);
}
