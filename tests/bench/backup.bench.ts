// Backups at scale: N synthetic customers in a real encrypted file, the core in its worker
// thread as in the app. Measures counter searches idle, then the same searches while a backup
// is written (VACUUM INTO in a process of its own, the file shared for its length) and checked
// (a second process), then a restore of that backup. Writes bench-results/backup.json with
// backup_s, verify_s, restore_s, file_mb, search_p95_idle_ms and search_p95_during_backup_ms,
// and the processor seconds of the backup's own processes (backup_cpu_s, verify_cpu_s).
// Measured at 1,000,000 customers (897 MB), 6 Dec 2026 evening, load 3.4 at the start (a crash
// bench on the other core): backup 17.3 s + check 28.4 s = 45.7 s (processor 11.0 s + 20.1 s),
// restore 52.2 s, search p95 6.87 ms idle and 12.48 ms during the backup (10,110 searches).
// Earlier, at 1,000,000 customers (841 MB) on 2 cores shared with other work, load 8.8
// at the start and 10.3 at the end: backup 25.5 s + check 37.2 s = 62.7 s (processor 8.3 s +
// 11.9 s), restore 71.8 s, search p95 7.5 ms idle and 16.2 ms during the backup. Before the check
// ran its two halves side by side, at a load of 2.1 rising to 8.5: 42.9 s + 44.5 s = 87.4 s,
// restore 64.3 s, p95 32.2 ms idle and 21.7 ms during. Each step alone at a million (one
// process, load about 6): VACUUM INTO 11.5 s (9.8 s processor), SHA-256 1.0 s, integrity_check
// 14.9 s (13.3 s), counts 0.1 s, fsync 0.7 s; the wall times follow the machine's load.
// Usage: npm run bench -- backup [--size N] [--seed S] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCoreWorker } from '../../electron/core/worker-client';
import type { Result } from '../../shared/contract/result';
import { BUILT, ensureNodeBuild } from '../support/built';
import { type BenchArgs, flag, ms, percentile, writeResults } from './lib';
import { customerAt, fillSyntheticFile, makePools, prng } from './synthetic';

export const description =
  'backup, its check and a restore at N customers; counter search p95 idle vs during the backup';

const PASSPHRASE = 'bench passphrase that is long enough';

/**
 * Processor seconds of this process's finished children (Linux: cutime + cstime in
 * /proc/self/stat, in clock ticks of 1/100 s): the backup's writer and checker processes, which
 * are the bench's only children. On a shared machine the wall time says how busy it was; this
 * says what the backup itself cost. NaN where /proc is missing.
 */
function childrenCpuS(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export async function run(args: BenchArgs): Promise<Record<string, number>> {
  const size = Number(flag(args, 'size') ?? 1_000_000);
  const seed = Number(flag(args, 'seed') ?? 7);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-backup-'));
  const file = path.join(dir, 'bench.custodian');
  const folder = path.join(dir, 'backups');
  fs.mkdirSync(folder);
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(`backup bench: ${size.toLocaleString()} customers in ${dir} (load ${loadAtStart.toFixed(1)})`);
  try {
    const t0 = Date.now();
    await fillSyntheticFile(file, size, seed, PASSPHRASE, true);
    console.log(`  filled in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const fileMb = fs.statSync(file).size / 1_048_576;

    ensureNodeBuild();
    const worker = startCoreWorker(file, BUILT.worker);
    const session = unwrap<{ token: string }>(await worker.dispatch(null, 'vault.unlock', { passphrase: PASSPHRASE }));
    const call = async <T>(method: string, input: unknown) =>
      unwrap<T>(await worker.dispatch(session.token, method, input));
    await call('settings.update', { backup_folder: folder });

    const pools = makePools(seed);
    const rng = prng(seed ^ 0xbac);
    const query = () =>
      customerAt(pools, seed, Math.floor(rng() * size)).family_name.slice(0, 2 + Math.floor(rng() * 4));
    const timed = async () => {
      const started = performance.now();
      await call('search.query', { q: query() });
      return performance.now() - started;
    };
    for (let i = 0; i < 20; i++) await timed();
    const idle: number[] = [];
    for (let i = 0; i < 300; i++) idle.push(await timed());

    const during: number[] = [];
    const cpuAtStart = childrenCpuS();
    let cpuAtChecking = Number.NaN;
    const started = performance.now();
    if (!(await call<{ started: boolean }>('backups.create', {})).started)
      throw new Error('a backup was already running');
    let checkingAt = 0;
    for (;;) {
      for (let i = 0; i < 10; i++) during.push(await timed());
      const status = await call<{ running: string | null; last: { ok: boolean; message: string } | null }>(
        'backups.status',
        {},
      );
      if (status.running === 'checking' && checkingAt === 0) {
        checkingAt = performance.now();
        // The writer has answered and ends at once; its time is counted once it has been reaped.
        await new Promise((resolve) => setTimeout(resolve, 50));
        cpuAtChecking = childrenCpuS();
      }
      if (status.running === null) {
        if (!status.last?.ok) throw new Error(`the backup failed: ${status.last?.message}`);
        break;
      }
    }
    const ended = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cpuAtEnd = childrenCpuS();
    const { items } = await call<{ items: { name: string; counts: { customers: number } | null }[] }>(
      'backups.list',
      {},
    );
    const made = items[0];
    if (!made || made.counts?.customers !== size) throw new Error('the backup does not hold every customer');

    const restoreStarted = performance.now();
    await call('backups.restore', { name: made.name });
    const restoreS = (performance.now() - restoreStarted) / 1000;
    await worker.close();

    const results = {
      customers: size,
      file_mb: Math.round(fileMb),
      backup_s: Number((((checkingAt || ended) - started) / 1000).toFixed(1)),
      verify_s: Number(((ended - (checkingAt || ended)) / 1000).toFixed(1)),
      restore_s: Number(restoreS.toFixed(1)),
      backup_cpu_s: Number((cpuAtChecking - cpuAtStart).toFixed(1)),
      verify_cpu_s: Number((cpuAtEnd - cpuAtChecking).toFixed(1)),
      search_p95_idle_ms: Number(percentile(idle, 95).toFixed(2)),
      search_p95_during_backup_ms: Number(percentile(during, 95).toFixed(2)),
      searches_during_backup: during.length,
      load_average_start: Number(loadAtStart.toFixed(1)),
      load_average: Number((os.loadavg()[0] ?? 0).toFixed(1)),
    };
    console.log(
      `  file ${results.file_mb} MB; backup ${results.backup_s} s + check ${results.verify_s} s (processor ${results.backup_cpu_s} s + ${results.verify_cpu_s} s); restore ${results.restore_s} s`,
    );
    console.log(
      `  search p95 idle ${ms(results.search_p95_idle_ms)}, during the backup ${ms(results.search_p95_during_backup_ms)} (${during.length} searches)`,
    );
    writeResults('backup', results);
    return results;
  } finally {
    if (!args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
}
