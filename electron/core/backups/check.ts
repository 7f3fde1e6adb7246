// Checking a backup file: run in processes of their own (backup-child.ts), never on the connection
// that wrote it, so what is checked is what a later opening will read from the disk. Two halves,
// each in its own process at the same time (child.ts checkInChild), since a computer has two cores
// or more and neither half needs the other: the structure (cipher, format version, SQLite's whole
// integrity_check) and the contents (the audit chain, the same walk as `custodian check`; the
// counts; a SHA-256 of the bytes for the record beside the backup). mergeChecks makes the one
// answer out of the two, as if they had run one after the other: a refusal or damage found by the
// structure half first. At a million customers the integrity_check is most of the time (about
// 13 s of processor time); a log of millions of entries makes the audit walk as long.
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

/** The structure half: cipher, format and SQLite's integrity_check. */
export type StructureCheck = {
  bytes: number;
  cipher: string;
  integrity: string;
  schema_version: number;
  /** '' when the structure is sound; the damage in words otherwise. */
  problem: string;
};

/** The contents half: the audit chain, the counts, the file's id and the SHA-256 of its bytes. */
export type ContentsCheck = Pick<FileCheck, 'sha256' | 'audit' | 'counts' | 'file_id'> & {
  /** '' when the pages it read opened; the damage in words otherwise. */
  problem: string;
};

const NOT_OURS = (file: string) =>
  new CoreError('NOT_A_DATABASE', `${file} is not a Custodian backup: it is not an encrypted customer file.`);

const EMPTY_COUNTS = { customers: 0, purchases: 0, accounts: 0, audit_entries: 0 };
const NOT_CHECKED = { ok: false, entries: 0, problem: 'not checked' };

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

/** The file there, ours by its first bytes, opened read-only with the passphrase: or a refusal. */
function openBackup(file: string, passphrase: string): { db: DB; bytes: number } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CoreError('FILE_NOT_FOUND', `There is no backup at ${file}: its folder or drive may have been removed.`);
  }
  if (!stat.isFile() || stat.size < 512 || !isEncryptedOnDisk(file)) throw NOT_OURS(file);
  try {
    return { db: openReadOnly(file, passphrase), bytes: stat.size };
  } catch (error) {
    const problem = storageError(error, file);
    if (!fs.existsSync(file))
      throw new CoreError(
        'FILE_NOT_FOUND',
        `The backup at ${file} went while it was read: its drive may have been removed.`,
      );
    // The key opened it but the engine would not read it read-only: a customer file copied as it
    // was in use (its write-ahead log left behind), never a copy Custodian writes.
    if (problem.code === 'DISK_ERROR' || problem.code === 'FILE_READ_ONLY')
      throw new CoreError(
        'NOT_A_DATABASE',
        `${file} is not a Custodian backup: it looks like a copy of a customer file taken while it was open. Choose a backup Custodian made, or open that copy as a file with its passphrase.`,
      );
    if (problem.code === 'WRONG_PASSPHRASE') {
      throw new CoreError(
        'WRONG_PASSPHRASE',
        `This backup does not open with that passphrase: it was made under another one (before a change of passphrase), or it is damaged or not a Custodian backup.`,
      );
    }
    throw problem;
  }
}

/** Refusals stay thrown; anything else the engine threw after the key opened page 1 is damage. */
function damage(error: unknown): string {
  if (error instanceof CoreError && error.code !== 'INTERNAL') throw error;
  // A page that fails its HMAC after page 1 opened with the key: the copy is damaged.
  const reason = (error as Error)?.message ?? String(error);
  return `the backup is damaged (${reason.slice(0, 200)})`;
}

/** The structure half (see above). Refusals thrown as CoreErrors, damage returned in `problem`. */
export function checkStructure(file: string, passphrase: string): StructureCheck {
  const { db, bytes } = openBackup(file, passphrase);
  const found: StructureCheck = { bytes, cipher: '', integrity: '', schema_version: 0, problem: '' };
  try {
    const settings = cipherSettings(db);
    found.cipher = `${settings.cipher} (legacy=${settings.legacy}), ${cipherVersion(db)}`;
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new CoreError(
        'FILE_TOO_NEW',
        `This backup was made by a newer version of Custodian (format ${version}; this version reads up to ${SCHEMA_VERSION}). Update Custodian to restore it.`,
      );
    }
    if (!hasCustodianTables(db)) throw NOT_OURS(file);
    found.schema_version = version;
    const checked = integrity(db);
    found.integrity = checked.slice(0, 300);
    if (checked !== 'ok') found.problem = `SQLite's integrity check failed: ${checked.slice(0, 300)}`;
    return found;
  } catch (error) {
    return { ...found, problem: damage(error) };
  } finally {
    db.close();
  }
}

/** The contents half (see above). Refusals thrown as CoreErrors, damage returned in `problem`. */
export function checkContents(file: string, passphrase: string): ContentsCheck {
  const { db } = openBackup(file, passphrase);
  const found: ContentsCheck = { sha256: '', audit: NOT_CHECKED, counts: EMPTY_COUNTS, file_id: '', problem: '' };
  try {
    found.sha256 = sha256Of(file);
    // A file of another program, or of a newer format, is refused by the structure half: its
    // tables are not walked here.
    if (!hasCustodianTables(db) || schemaVersion(db) > SCHEMA_VERSION) return found;
    found.audit = verifyAudit(db);
    found.counts = backupCounts(db);
    found.file_id = readMeta(db, 'file_id') ?? '';
    if (!found.audit.ok) found.problem = `the audit log of the backup does not check out: ${found.audit.problem}`;
    return found;
  } catch (error) {
    return { ...found, problem: damage(error) };
  } finally {
    db.close();
  }
}

/** The one answer of the two halves, as if the structure half had run first (see above). */
export function mergeChecks(structure: StructureCheck, contents: ContentsCheck): FileCheck {
  const base = {
    sha256: contents.sha256,
    bytes: structure.bytes,
    cipher: structure.cipher,
    integrity: structure.integrity,
    schema_version: structure.schema_version,
  };
  if (structure.problem) {
    return { ...base, ok: false, problem: structure.problem, audit: NOT_CHECKED, counts: EMPTY_COUNTS, file_id: '' };
  }
  return {
    ...base,
    ok: contents.problem === '',
    problem: contents.problem,
    audit: contents.audit,
    counts: contents.counts,
    file_id: contents.file_id,
  };
}
