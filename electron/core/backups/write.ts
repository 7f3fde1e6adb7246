// Writing one backup: `writeBackup(source, folder, options)`, the one way a backup is made (the
// app's button and timer, the file being closed, `custodian backup`, a restore keeping the file as
// it was, the crash harness). Never a copy of the live file's bytes (a WAL database copied
// mid-write is not a database): SQLite's VACUUM INTO writes a consistent, encrypted copy under
// the same key, from a process of its own reading beside the app (db/pragmas.ts, [Note: backup
// beside the counter]), into a temporary name in the backup folder. A second new process opens
// that copy and checks it (check.ts); only then is it synced, the folder synced, renamed to its
// name, the folder synced again, and its record written beside it (manifest.ts). Then the folder
// is rotated (rotation.ts). Anything that fails leaves no half-written backup and the customer
// file as it was.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupReason } from '../../../shared/contract/backups';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit, auditHead, flushAudit } from '../audit/audit';
import { writeMeta } from '../db/meta';
import type { DB } from '../db/open';
import { ownAgain, shareForBackup } from '../db/pragmas';
import { checkInChild, runChild } from './child';
import {
  backupName,
  listBackups,
  MANIFEST_FORMAT,
  type Manifest,
  manifestPath,
  signManifest,
  writeManifest,
} from './manifest';
import { rotate } from './rotation';

/** The open customer file a backup is made of. The passphrase opens the copy for its check. */
type BackupSource = { db: DB; path: string; passphrase: string };

type WriteOptions = {
  reason: BackupReason;
  /** The account that asked for it; null when Custodian made it by itself. */
  madeBy: { id: number | null; role: string };
  now: () => Date;
  /** Prune the folder afterwards (not while a restore needs the backup it is restoring). */
  rotate?: boolean;
  /** Told when the copy has been written and its check begins. */
  onPhase?: (phase: 'writing' | 'checking') => void;
};

type Written = { name: string; path: string; manifest: Manifest };

/** Sync a file or a folder to the disk (a folder cannot be opened for syncing on Windows). */
export function syncPath(target: string): void {
  let fd: number;
  try {
    fd = fs.openSync(target, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    fs.fsyncSync(fd);
  } catch (error) {
    if (process.platform !== 'win32') throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/** The folder is there, a folder, and ours to write in: or a refusal that says what to do. */
export function checkFolder(folder: string): void {
  if (!folder) {
    throw new CoreError('INVALID_INPUT', 'No backup folder is chosen. Choose one on the Settings page.');
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new CoreError(
      'FILE_NOT_FOUND',
      `The backup folder ${folder} cannot be found. If it is on a USB stick or another drive, connect it and try again.`,
    );
  }
  if (!stat.isDirectory()) throw new CoreError('INVALID_INPUT', `${folder} is a file, not a folder.`);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new CoreError(
      'FILE_READ_ONLY',
      `Custodian cannot write to the backup folder ${folder}: it is read-only. Choose another folder, or check its permissions.`,
    );
  }
}

/** The words for a failure while the copy was written into the backup folder. */
function inFolder(error: unknown, folder: string): unknown {
  if (!(error instanceof CoreError)) return error;
  switch (error.code) {
    case 'DISK_FULL':
      return new CoreError(
        'DISK_FULL',
        `The backup folder ${folder} is full: the backup was not made. Free some space there, or choose another folder. The customer file is unchanged.`,
      );
    case 'FILE_READ_ONLY':
      return new CoreError(
        'FILE_READ_ONLY',
        `Custodian cannot write to the backup folder ${folder}: it is read-only. The backup was not made; the customer file is unchanged.`,
      );
    case 'DISK_ERROR':
    case 'FILE_NOT_FOUND':
      return new CoreError(
        'DISK_ERROR',
        `The backup folder ${folder} went away while the backup was written (a USB stick taken out?). The backup was not made; the customer file is unchanged.`,
      );
    default:
      return error;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Temporary copies left by a backup that was cut off (a crash, a kill): never a finished backup. */
function removeLeftovers(folder: string): void {
  for (const name of fs.readdirSync(folder)) {
    const pid = /^\..+\.part-(\d+)$/.exec(name)?.[1];
    if (pid && (Number(pid) === process.pid ? false : !alive(Number(pid)))) {
      fs.rmSync(path.join(folder, name), { force: true });
    }
  }
}

/** Remove the backups of this file the rotation does not keep, with their records. */
function prune(db: DB, folder: string): void {
  const mine = listBackups(db, folder).filter((b) => b.verified !== 'unknown');
  for (const old of rotate(mine).remove) {
    const file = path.join(folder, old.name);
    fs.rmSync(manifestPath(file), { force: true });
    fs.rmSync(file, { force: true });
  }
}

/**
 * The last good backup, kept in the file with the log's end at that moment: the warning reads its
 * time, and closing the file makes a new one only when the log has moved on since.
 */
export function noteGoodBackup(db: DB, backup: { at: string; name: string; folder: string }): void {
  writeMeta(db, 'backup_last_good', JSON.stringify({ ...backup, seq: auditHead(db)?.seq ?? 0 }));
}

/** A folder the owner chooses for backups: a full path to a folder Custodian can write in. */
export function checkBackupFolder(folder: string): void {
  if (!path.isAbsolute(folder)) {
    throw new CoreError('INVALID_INPUT', 'Some values need correcting.', [
      { path: 'backup_folder', message: 'Give the full path of the folder, e.g. /media/usb/backups or D:\\Backups.' },
    ]);
  }
  try {
    checkFolder(folder);
  } catch (error) {
    const message = error instanceof CoreError ? error.message : 'This folder cannot be used.';
    throw new CoreError('INVALID_INPUT', 'Some values need correcting.', [{ path: 'backup_folder', message }]);
  }
}

/** Make one backup of the open file into `folder`, checked, named and recorded (see above). */
export async function writeBackup(source: BackupSource, folder: string, options: WriteOptions): Promise<Written> {
  checkFolder(folder);
  removeLeftovers(folder);
  const at = options.now();
  const name = backupName(source.path, at);
  const final = path.join(folder, name);
  const temp = path.join(folder, `.${name}.part-${process.pid}`);
  if (fs.existsSync(final)) throw new CoreError('ALREADY_EXISTS', `A backup named ${name} is already there.`);
  try {
    try {
      // Made first, empty and readable by this user only: VACUUM INTO writes into an empty file.
      fs.closeSync(fs.openSync(temp, 'wx', 0o600));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw inFolder(
        new CoreError(
          code === 'ENOSPC' ? 'DISK_FULL' : code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_READ_ONLY',
          String(code),
        ),
        folder,
      );
    }
    options.onPhase?.('writing');
    flushAudit(source.db);
    shareForBackup(source.db);
    try {
      await runChild({ kind: 'write', source: source.path, passphrase: source.passphrase, target: temp });
    } catch (error) {
      throw inFolder(error, folder);
    } finally {
      ownAgain(source.db);
    }
    options.onPhase?.('checking');
    let check: Awaited<ReturnType<typeof checkInChild>>;
    try {
      check = await checkInChild(temp, source.passphrase);
    } catch (error) {
      throw inFolder(error, folder);
    }
    if (!check.ok) {
      throw new CoreError(
        'FILE_DAMAGED',
        `The backup was written but failed its check (${check.problem}), so it was not kept. The disk holding ${folder} may be failing.`,
      );
    }
    try {
      syncPath(temp);
      syncPath(folder);
      fs.renameSync(temp, final);
      syncPath(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw inFolder(new CoreError(code === 'ENOSPC' ? 'DISK_FULL' : 'DISK_ERROR', String(code)), folder);
    }
    const manifest = signManifest(source.db, {
      format: MANIFEST_FORMAT,
      file_id: check.file_id,
      name,
      created_at: at.toISOString(),
      reason: options.reason,
      made_by: options.madeBy,
      bytes: check.bytes,
      sha256: check.sha256,
      schema_version: check.schema_version,
      counts: check.counts,
      check: {
        ok: check.ok,
        problem: check.problem,
        cipher: check.cipher,
        integrity: check.integrity,
        audit: check.audit,
        at: options.now().toISOString(),
      },
    });
    writeManifest(final, manifest);
    source.db.transaction(() => {
      appendAudit(source.db, options.madeBy.id, options.now().toISOString(), {
        action: 'backup.create',
        detail: { name, reason: options.reason, customers: check.counts.customers },
      });
      noteGoodBackup(source.db, { at: manifest.created_at, name, folder });
    })();
    if (options.rotate !== false) prune(source.db, folder);
    return { name, path: final, manifest };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
