// The process a backup is written and checked in (started by child.ts with child_process.fork):
// one job a process, given over the IPC channel (never in arguments or the environment, where
// the passphrase could be read by other programs), answered once, then the process ends.
// 'write' opens the customer file on a connection of its own and copies it with VACUUM INTO
// while the app's own connection goes on serving the counter; 'structure' and 'contents' each open
// a written backup afresh, read-only, and check their half of it (check.ts), side by side.
import { CoreError } from '../../../shared/contract/result';
import { openReadOnly, storageError } from '../db/open';
import { leaveCopiesUnsynced } from '../db/pragmas';
import { vacuumInto } from './backups.queries';
import { checkContents, checkStructure } from './check';
import type { ChildJob, ChildReply } from './child';

function answer(reply: ChildReply): void {
  process.send?.(reply, () => process.exit(0));
}

function run(job: ChildJob): ChildReply {
  try {
    if (job.kind === 'write') {
      const db = openReadOnly(job.source, job.passphrase, { live: true });
      try {
        leaveCopiesUnsynced(db);
        vacuumInto(db, job.target);
      } finally {
        db.close();
      }
      return { ok: true, value: null };
    }
    if (job.kind === 'structure') return { ok: true, value: checkStructure(job.file, job.passphrase) };
    return { ok: true, value: checkContents(job.file, job.passphrase) };
  } catch (error) {
    const path = job.kind === 'write' ? job.target : job.file;
    const core = error instanceof CoreError ? error : storageError(error, path);
    return { ok: false, error: { code: core.code, message: core.message } };
  }
}

process.once('message', (job: ChildJob) => answer(run(job)));
// The parent went away (killed, or it gave up waiting): nothing is left running.
process.once('disconnect', () => process.exit(1));
