// The whole-file duplicate scan run in steps, like an import job: scanStart sets it going, each
// scanStep runs it for about scanTuning.stepMs and says how far it got, scanCancel stops it. The scan itself
// is the generator in duplicates.ts (one scan, however it is driven); what lives between calls is
// that generator, per open file and signed-in person, forgotten when the app restarts. A
// cancelled scan wrote nothing; a finished one is audited as the one-call scan is.
import crypto from 'node:crypto';
import type { Input, Output } from '../../../shared/contract';
import type { ScanProgress as Progress, ScanOutput } from '../../../shared/contract/duplicates';
import { CoreError } from '../../../shared/contract/result';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { type ScanProgress, type ScanResult, scanSteps, withScanCache } from './duplicates';
import { scanOutput } from './duplicates.service';

/** How long one step runs before it reports back (the window redraws its progress bar between); tests shorten it. */
export const scanTuning = { stepMs: 250 };
/** Scans kept per file: a window that went away without cancelling does not hold memory for long. */
const MAX_SCANS = 2;

type ScanJob = {
  id: string;
  userId: number;
  steps: Generator<ScanProgress, ScanResult>;
  last: ScanProgress;
  startedMs: number;
  result: ScanOutput | null;
  cancelled: boolean;
};

const jobs = new WeakMap<DB, Map<string, ScanJob>>();

function jobsOf(db: DB): Map<string, ScanJob> {
  let m = jobs.get(db);
  if (!m) {
    m = new Map();
    jobs.set(db, m);
  }
  return m;
}

const PHASES: Record<ScanProgress['phase'], { label: string; from: number; to: number }> = {
  read: { label: 'Reading the records', from: 0, to: 0.45 },
  compare: { label: 'Comparing records that could be the same person', from: 0.45, to: 0.97 },
  explain: { label: 'Explaining the likely pairs', from: 0.97, to: 1 },
};

function progressOf(job: ScanJob): Progress {
  const phase = PHASES[job.last.phase];
  const within = job.last.total > 0 ? Math.min(1, job.last.done / job.last.total) : 0;
  const finished = job.result !== null || job.cancelled;
  return {
    scan_id: job.id,
    phase: job.cancelled ? 'Cancelled' : job.result ? 'Finished' : phase.label,
    fraction: job.result ? 1 : Math.round((phase.from + (phase.to - phase.from) * within) * 1000) / 1000,
    finished,
    cancelled: job.cancelled,
    result: job.result,
  };
}

function mustFind(ctx: Context, scanId: string): ScanJob {
  const job = jobsOf(ctx.db).get(scanId);
  // Another person's scan is not theirs to see or stop: the same answer as no scan.
  if (!job || job.userId !== ctx.session.user.id) {
    throw new CoreError('NOT_FOUND', 'That scan is no longer running: start it again.');
  }
  return job;
}

export function startScan(ctx: Context, input: Input<'duplicates.scanStart'>): Output<'duplicates.scanStart'> {
  const all = jobsOf(ctx.db);
  for (const [id, old] of all) {
    if (all.size < MAX_SCANS) break;
    old.steps.return(undefined as never);
    all.delete(id);
  }
  const job: ScanJob = {
    id: crypto.randomUUID(),
    userId: ctx.session.user.id,
    steps: scanSteps(ctx.db, { limit: input.limit, includeArchived: input.include_archived }),
    last: { phase: 'read', done: 0, total: 0 },
    startedMs: Date.now(),
    result: null,
    cancelled: false,
  };
  all.set(job.id, job);
  return progressOf(job);
}

export function stepScan(ctx: Context, input: Input<'duplicates.scanStep'>): Output<'duplicates.scanStep'> {
  const job = mustFind(ctx, input.scan_id);
  if (job.result || job.cancelled) return progressOf(job);
  const until = Date.now() + scanTuning.stepMs;
  const result = withScanCache(ctx.db, () => {
    for (;;) {
      const next = job.steps.next();
      if (next.done) return next.value;
      job.last = next.value;
      if (Date.now() >= until) return null;
    }
  });
  if (result) {
    job.result = scanOutput(ctx, result, (Date.now() - job.startedMs) / 1000);
    // Kept until the window reads it once more; the next scan's start drops it.
  }
  return progressOf(job);
}

export function cancelScan(ctx: Context, input: Input<'duplicates.scanCancel'>): Output<'duplicates.scanCancel'> {
  const job = mustFind(ctx, input.scan_id);
  if (!job.result) {
    job.steps.return(undefined as never);
    job.cancelled = true;
  }
  const progress = progressOf(job);
  jobsOf(ctx.db).delete(job.id);
  return progress;
}
