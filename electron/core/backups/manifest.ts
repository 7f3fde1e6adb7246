// The record beside each backup (NAME.json): when it was made and why, by which account, its
// size and SHA-256, what it holds and what its check found. Kept beside the backup rather than in
// the customer file because the folder is the truth about backups: a copy carried to another
// computer, a backup removed by hand, or the customer file itself lost all leave the list right,
// and a restore does not roll the list back to the backup's own time. It holds nothing about any
// person (the account by number and role, never by name), since the folder may be a USB stick or
// a synced cloud folder; and it carries an HMAC under a key kept inside the encrypted file, so a
// record edited to say "checked" is caught when the list is read with the file open.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupCheck, BackupCounts, BackupItem, BackupReason } from '../../../shared/contract/backups';
import { readMeta } from '../db/meta';
import type { DB } from '../db/open';
import { accountState } from '../session/accounts.queries';

export const MANIFEST_FORMAT = 'custodian-backup/1';

export type Manifest = {
  format: typeof MANIFEST_FORMAT;
  file_id: string;
  name: string;
  created_at: string;
  reason: BackupReason;
  made_by: { id: number | null; role: string };
  bytes: number;
  sha256: string;
  schema_version: number;
  counts: BackupCounts;
  check: Pick<BackupCheck, 'ok' | 'problem' | 'cipher' | 'integrity' | 'audit'> & { at: string };
  mac: string;
};

const PATTERN = /^(.+)\.backup-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)\.custodian$/;

/** The name of a backup of `file` made at `at`: the file's own name, then the time in UTC. */
export function backupName(file: string, at: Date): string {
  const stem = path.basename(file).replace(/\.custodian$/i, '');
  return `${stem}.backup-${at.toISOString().replace(/[:.]/g, '-')}.custodian`;
}

const isBackupName = (name: string) => PATTERN.test(name);
export const manifestPath = (backup: string) => `${backup}.json`;

/** The key records are signed with: derived from the audit key kept inside the encrypted file. */
function manifestKey(db: DB): Buffer {
  const auditKey = readMeta(db, 'audit_key') ?? '';
  return crypto.createHmac('sha256', Buffer.from(auditKey, 'hex')).update('custodian backup manifest').digest();
}

function macOf(db: DB, manifest: Omit<Manifest, 'mac'>): string {
  return crypto.createHmac('sha256', manifestKey(db)).update(JSON.stringify(manifest)).digest('hex');
}

export function signManifest(db: DB, manifest: Omit<Manifest, 'mac'>): Manifest {
  return { ...manifest, mac: macOf(db, manifest) };
}

/** Write the record whole (a temporary name, synced, then renamed), readable by this user only. */
export function writeManifest(backup: string, manifest: Manifest): void {
  const target = manifestPath(backup);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.part-${process.pid}`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(manifest, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
}

/** The record beside a backup, or null when there is none or it cannot be read. */
export function readManifest(backup: string): Manifest | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(manifestPath(backup), 'utf8')) as Manifest;
    return parsed?.format === MANIFEST_FORMAT && typeof parsed.mac === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** Is the record the one Custodian signed for this file? */
function manifestSigned(db: DB, manifest: Manifest): boolean {
  const { mac, ...rest } = manifest;
  const expected = macOf(db, rest);
  return mac.length === expected.length && crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
}

/** The names of the backups in a folder (any file's), newest first. */
function backupNames(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter(isBackupName)
    .sort((a, b) => (PATTERN.exec(b)?.[2] ?? '').localeCompare(PATTERN.exec(a)?.[2] ?? ''));
}

/**
 * One backup as the list shows it, its record checked against this file's key and the file's
 * size on the disk. A backup of another customer file (a folder shared by two) is null.
 */
export function describeBackup(db: DB, folder: string, name: string): BackupItem | null {
  const file = path.join(folder, name);
  let bytes = 0;
  try {
    bytes = fs.statSync(file).size;
  } catch {
    return null;
  }
  const manifest = readManifest(file);
  const stamp = PATTERN.exec(name)?.[2] ?? '';
  const madeAt = stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
  if (!manifest) {
    return {
      name,
      created_at: madeAt,
      bytes,
      reason: 'manual',
      made_by: '',
      counts: null,
      schema_version: null,
      verified: 'unknown',
      problem: 'There is no record of a check of this backup beside it.',
    };
  }
  if (manifest.file_id !== (readMeta(db, 'file_id') ?? '')) return null;
  const signed = manifestSigned(db, manifest);
  const problem = !signed
    ? 'The record beside this backup was changed after Custodian wrote it.'
    : manifest.bytes !== bytes
      ? `This backup was cut short or changed after it was written (${bytes.toLocaleString('en-GB')} bytes, not ${manifest.bytes.toLocaleString('en-GB')}).`
      : manifest.check.ok
        ? ''
        : `Its check found a problem: ${manifest.check.problem}`;
  const who = manifest.made_by.id === null ? undefined : accountState(db, manifest.made_by.id);
  return {
    name,
    created_at: manifest.created_at,
    bytes,
    reason: manifest.reason,
    made_by: manifest.made_by.id === null ? '' : (who?.name ?? `account ${manifest.made_by.id}`),
    counts: manifest.counts,
    schema_version: manifest.schema_version,
    verified: problem === '' ? 'ok' : 'failed',
    problem,
  };
}

/** Every backup of this file in the folder, newest first. */
export function listBackups(db: DB, folder: string): BackupItem[] {
  return backupNames(folder)
    .map((name) => describeBackup(db, folder, name))
    .filter((item): item is BackupItem => item !== null);
}
