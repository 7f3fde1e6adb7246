// Restoring a backup in place of the customer file. Nothing touches the file until the backup
// has been copied beside it and that copy has passed its check in a process of its own (so what
// is put in place is exactly what was checked), and until the file as it is now has been kept as
// a backup of its own. A backup made under an earlier passphrase is opened with that one, then
// given the current passphrase before it is put in place, so the owner's passphrase does not
// silently go back to one they replaced. The restore is written into the restored file's log.
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../../../shared/contract/result';
import { readMeta } from '../db/meta';
import { type DB, openDatabase, rekey } from '../db/open';
import type { FileCheck } from './check';
import { checkInChild } from './child';
import { readManifest } from './manifest';
import { syncPath } from './write';

type Prepared = { temp: string; check: FileCheck };

/** Remove a file quietly (a temporary copy on the way out). */
const discard = (file: string) => fs.rmSync(file, { force: true });

/**
 * Copy the backup beside `target` under a temporary name and check the copy with `passphrase`.
 * Refused in words (the copy removed) when the backup is missing, not ours, damaged, newer than
 * this Custodian, of another customer file, or not opened by the passphrase.
 */
export async function prepareRestore(
  backup: string,
  target: string,
  passphrase: string,
  options: { fileId?: string; passphraseGiven: boolean },
): Promise<Prepared> {
  if (!fs.existsSync(backup)) {
    throw new CoreError(
      'FILE_NOT_FOUND',
      `There is no backup at ${backup}: its folder or drive may have been removed. Nothing was restored.`,
    );
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.restoring-${process.pid}`);
  discard(temp);
  try {
    fs.copyFileSync(backup, temp, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(temp, 0o600);
  } catch (error) {
    discard(temp);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') {
      throw new CoreError(
        'DISK_FULL',
        `There is not enough room beside ${target} to restore the backup. Nothing was restored.`,
      );
    }
    if (code === 'ENOENT') {
      throw new CoreError(
        'FILE_NOT_FOUND',
        `The backup ${backup} could not be read: its folder or drive may have been removed. Nothing was restored.`,
      );
    }
    throw new CoreError(
      'FILE_READ_ONLY',
      `Custodian cannot write beside ${target} (${code ?? 'error'}). Nothing was restored.`,
    );
  }
  try {
    let check: FileCheck;
    try {
      check = await checkInChild(temp, passphrase);
    } catch (error) {
      if (error instanceof CoreError && error.code === 'WRONG_PASSPHRASE' && !options.passphraseGiven) {
        throw new CoreError(
          'WRONG_PASSPHRASE',
          'This backup does not open with the file’s current passphrase: it was made before the passphrase was changed. Enter the passphrase the file had then.',
        );
      }
      throw error;
    }
    if (!check.ok) {
      throw new CoreError('FILE_DAMAGED', `This backup is damaged: ${check.problem}. Nothing was restored.`);
    }
    const manifest = readManifest(backup);
    if (manifest && manifest.sha256 !== check.sha256) {
      throw new CoreError(
        'FILE_DAMAGED',
        'This backup was changed or cut short after it was written (it no longer matches its record). Nothing was restored.',
      );
    }
    if (options.fileId && check.file_id && check.file_id !== options.fileId) {
      throw new CoreError(
        'CONFLICT',
        'This backup is of a different customer file, not of the one open. Nothing was restored.',
      );
    }
    return { temp, check };
  } catch (error) {
    discard(temp);
    throw error;
  }
}

/** Give the checked copy the current passphrase when it was made under another. */
export function rekeyPrepared(prepared: Prepared, from: string, to: string): void {
  if (from === to) return;
  let db: DB | undefined;
  try {
    db = openDatabase(prepared.temp, from);
    const result = rekey(db, to);
    if (result !== 'ok')
      throw new CoreError('FILE_DAMAGED', `The restored copy failed its check after the passphrase change: ${result}`);
  } catch (error) {
    discard(prepared.temp);
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * Put the checked copy in place of `target` (closed by now): the old file's -wal and -shm go with
 * it (its contents were kept as a backup before), the rename is atomic, the folder synced.
 */
export function installPrepared(prepared: Prepared, target: string): void {
  try {
    syncPath(prepared.temp);
    for (const extra of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) discard(extra);
    fs.renameSync(prepared.temp, target);
    syncPath(path.dirname(target));
  } catch (error) {
    discard(prepared.temp);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CoreError(
      'FILE_READ_ONLY',
      `The backup could not be put in place of ${target} (${code ?? 'error'}). The file is as it was: open it again.`,
    );
  }
}

/** The file's identity, to refuse a backup of another customer file. */
export const fileIdOf = (db: DB) => readMeta(db, 'file_id') ?? '';
