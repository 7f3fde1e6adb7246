// Stand-in for the backup module (electron/core/backups/, being written on another branch) until
// it lands: what it will do to the live file, so the crash bench can kill a backup midway now.
// `VACUUM INTO` writes an encrypted copy under the same key (db.backup() refuses an encrypted
// source; a file copy of a live WAL database is never safe); it goes to a temporary name in the
// target folder, is fsynced, then renamed over the target, and the folder is fsynced.
// [Note: crash backup adapter] Point the backup writer (writer.ts) at the real module at merge.
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../../../electron/core/db/open';

export function backupInto(db: DB, target: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  fs.rmSync(temp, { force: true });
  db.prepare('VACUUM INTO ?').run(temp);
  const fd = fs.openSync(temp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  const dir = fs.openSync(path.dirname(target), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
