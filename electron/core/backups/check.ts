// Checking a backup file: run in a process of its own (backup-child.ts), never on the connection
// that wrote it, so what is checked is what a later opening will read from the disk. Cipher,
// SQLite's whole integrity_check, the format version, the audit chain (the same walk as
// `custodian check`), the counts, and a SHA-256 of the bytes for the record beside the backup.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { BackupCheck } from '../../../shared/contract/backups';
import { CoreError } from '../../../shared/contract/result';
import { verifyAudit } from '../audit/audit';
import { readMeta } from '../db/meta';
import { SCHEMA_VERSION, schemaVersion } from '../db/migrations';
import { cipherVersion, type DB, integrity, isEncryptedOnDisk, openReadOnly, storageError } from '../db/open';
import { cipherSettings } from '../db/pragmas';
import { backupCounts, hasCustodianTables } from './backups.queries';

export type FileCheck = BackupCheck & { sha256: string; bytes: number; file_id: string };

const NOT_OURS = (file: string) =>
  new CoreError('NOT_A_DATABASE', `${file} is not a Custodian backup: it is not an encrypted customer file.`);

/** The SHA-256 of a file, read in pieces (a backup can be larger than memory allows at once). */
function sha256Of(file: string): string {
  const hash = crypto.createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Check one backup with a passphrase. Refusals (no such file, not ours, a passphrase that does
 * not open it, a newer format) are thrown as CoreErrors; damage is returned as `ok: false` with
 * the problem in words, so a list can show it beside the others.
 */
export function checkBackupFile(file: string, passphrase: string): FileCheck {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CoreError('FILE_NOT_FOUND', `There is no backup at ${file}: its folder or drive may have been removed.`);
  }
  if (!stat.isFile() || stat.size < 512 || !isEncryptedOnDisk(file)) throw NOT_OURS(file);
  let db: DB;
  try {
    db = openReadOnly(file, passphrase);
  } catch (error) {
    const problem = storageError(error, file);
    if (problem.code === 'WRONG_PASSPHRASE') {
      throw new CoreError(
        'WRONG_PASSPHRASE',
        `This backup does not open with that passphrase: it was made under another one (before a change of passphrase), or it is damaged or not a Custodian backup.`,
      );
    }
    throw problem;
  }
  const sha256 = sha256Of(file);
  const empty = { customers: 0, purchases: 0, accounts: 0, audit_entries: 0 };
  const base = { sha256, bytes: stat.size, cipher: '', integrity: '', schema_version: 0, file_id: '' };
  try {
    const settings = cipherSettings(db);
    const cipher = `${settings.cipher} (legacy=${settings.legacy}), ${cipherVersion(db)}`;
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new CoreError(
        'FILE_TOO_NEW',
        `This backup was made by a newer version of Custodian (format ${version}; this version reads up to ${SCHEMA_VERSION}). Update Custodian to restore it.`,
      );
    }
    if (!hasCustodianTables(db)) throw NOT_OURS(file);
    const checked = integrity(db);
    if (checked !== 'ok') {
      const problem = `SQLite's integrity check failed: ${checked.slice(0, 300)}`;
      return {
        ...base,
        ok: false,
        problem,
        cipher,
        integrity: checked.slice(0, 300),
        schema_version: version,
        audit: { ok: false, entries: 0, problem: 'not checked' },
        counts: empty,
      };
    }
    const audit = verifyAudit(db);
    const counts = backupCounts(db);
    return {
      ...base,
      ok: audit.ok,
      problem: audit.ok ? '' : `the audit log of the backup does not check out: ${audit.problem}`,
      cipher,
      integrity: checked,
      schema_version: version,
      audit,
      counts,
      file_id: readMeta(db, 'file_id') ?? '',
    };
  } catch (error) {
    if (error instanceof CoreError && error.code !== 'INTERNAL') throw error;
    // A page that fails its HMAC after page 1 opened with the key: the copy is damaged.
    const reason = (error as Error)?.message ?? String(error);
    return {
      ...base,
      ok: false,
      problem: `the backup is damaged (${reason.slice(0, 200)})`,
      audit: { ok: false, entries: 0, problem: 'not checked' },
      counts: empty,
    };
  } finally {
    db.close();
  }
}
