// An import cut off by a crash, a kill or a power cut leaves its committed steps in the file and
// its batch marked 'running'. The file is held by one process at a time (locking_mode=EXCLUSIVE),
// so at open such a batch has nobody stepping it: it is taken back there and then, as a cancel
// or a failed step would have, and whoever opened the file is told once, with the counts.
//
// Taken back rather than offered for undo: the person was never told the import finished, an
// import is all-or-nothing everywhere else (job.ts), and a half import left live until someone
// answers would be searched, edited and exported at the counter in the meantime.
import { CoreError } from '../../../shared/contract/result';
import { plural } from '../../../shared/format';
import type { DB } from '../db/open';
import { storageError } from '../db/open';
import { type BatchRow, batchLeftovers, runningBatches, setStatus } from './imports.queries';
import { takeBackBatch } from './rollback';

/** "6 Dec 2026 at 06:10 UTC": when a batch started, in words a person reads. */
function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${day} at ${d.toISOString().slice(11, 16)} UTC`;
}

/** Why a write failed, as a clause (storageError's own message says "Nothing was saved", true only of one transaction). */
export function whyNotWritten(error: unknown): string {
  const problem = error instanceof CoreError ? error : storageError(error, '');
  if (problem.code === 'DISK_FULL') return 'the disk is full';
  if (problem.code === 'FILE_READ_ONLY') return 'the file cannot be written to';
  return 'the file refused the change';
}

const describeBatch = (b: BatchRow) => `The import of ${b.file_name} started on ${when(b.started_at)}`;

/**
 * What a batch that could not be taken back still has in the file, in words: the one sentence
 * every path (a failed step, the next open, the command line) uses for it.
 */
export function stillInFile(db: DB, importId: number): string {
  const left = batchLeftovers(db, importId);
  if (left.created === 0 && left.changed === 0) return 'Nothing from it is in the file.';
  const parts = [
    left.created > 0 ? `${plural(left.created, 'record')} it added` : '',
    left.changed > 0 ? `${plural(left.changed, 'record')} it changed` : '',
  ].filter(Boolean);
  return `${parts.join(' and ')} ${left.created + left.changed === 1 ? 'is' : 'are'} still in the file.`;
}

/** Take back every batch left running; one notice per batch, for the person opening the file. */
export function takeBackCutOffImports(db: DB, userId: number, now: string): string[] {
  const notices: string[] = [];
  for (const batch of runningBatches(db)) {
    const cutOff = `${describeBatch(batch)} was cut off after ${plural(batch.rows, 'row')}`;
    try {
      const taken = takeBackBatch(db, batch.id, userId, now, 'import.fail');
      const kept =
        taken.kept > 0
          ? ` ${plural(taken.kept, 'record')} it had changed ${taken.kept === 1 ? 'was' : 'were'} edited since and kept as ${taken.kept === 1 ? 'it is' : 'they are'}.`
          : ' Nothing from it remains.';
      const done = [
        `${plural(taken.removed, 'record')} it had added removed`,
        ...(taken.restored > 0 ? [`${plural(taken.restored, 'record')} it had changed restored`] : []),
      ].join(', ');
      const message = `${cutOff}; it was taken back when the file was next opened (${done}).${kept}`;
      setStatus(db, batch.id, 'failed', { finished: now, closed: now }, message);
      notices.push(message);
    } catch (error) {
      // A full disk, say: the file still opens; the batch stays running and the next open tries again.
      notices.push(
        `${cutOff} and could not be taken back now (${whyNotWritten(error)}): ${stillInFile(db, batch.id)} It is taken back the next time the file is opened.`,
      );
    }
  }
  return notices;
}
