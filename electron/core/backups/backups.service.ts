// Backups for the open file: its status and warning, a backup started on demand or by itself
// (one at a time, run beside the dispatch so the counter goes on), the list, a restore's preview
// and the restore itself. The folder and timings are the owner's settings (settings capability:
// `backup_folder`, `backup_every_hours`, `backup_warn_after_days`, kept with the others in the
// file's meta), since they belong to the file and travel with it.
import fs from 'node:fs';
import path from 'node:path';
import type { Input, Output } from '../../../shared/contract';
import type { BackupItem, BackupReason, BackupStatus } from '../../../shared/contract/backups';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit, auditHead } from '../audit/audit';
import type { Context } from '../context';
import { readMeta } from '../db/meta';
import type { Vault } from '../vault/vault.service';
import { checkInChild } from './child';
import { describeBackup, listBackups } from './manifest';
import { fileIdOf, installPrepared, prepareRestore, rekeyPrepared } from './restore';
import { checkFolder, noteGoodBackup, writeBackup } from './write';

type Job = { phase: 'writing' | 'checking'; done: Promise<void> };
type Last = NonNullable<BackupStatus['last']>;

const jobs = new WeakMap<Vault, Job>();
const lastTried = new WeakMap<Vault, Last>();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The last good backup this file knows of: written by the file itself after each one. */
function lastGood(vault: Vault): { at: string; name: string; folder: string; seq: number } | null {
  const stored = readMeta(vault.openFile(), 'backup_last_good');
  if (!stored) return null;
  try {
    return JSON.parse(stored);
  } catch {
    return null;
  }
}

function folderProblem(folder: string): string {
  try {
    checkFolder(folder);
    return '';
  } catch (error) {
    return error instanceof CoreError ? error.message : 'The backup folder cannot be used.';
  }
}

const onDay = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Is a backup due by itself: a folder chosen and the last good one older than the owner's hours? */
function backupDue(everyHours: number, lastGoodAt: string | null, now: Date): boolean {
  return lastGoodAt === null || now.getTime() - new Date(lastGoodAt).getTime() >= everyHours * HOUR;
}

function statusOf(vault: Vault, now: Date): BackupStatus {
  const { backup_folder: folder, backup_warn_after_days: days } = vault.settings;
  const problem = folder ? folderProblem(folder) : '';
  const good = lastGood(vault);
  const job = jobs.get(vault);
  let warning = '';
  if (!folder) {
    warning =
      'No backup folder is chosen, so no copy of this file is kept anywhere else. Choose one on the Settings page.';
  } else if (problem) {
    warning = `${problem}${good ? ` The last good backup was made on ${onDay(good.at)}.` : ''}`;
  } else if (!good) {
    warning = 'No backup of this file has been made yet.';
  } else if (now.getTime() - new Date(good.at).getTime() > days * DAY) {
    const ago = Math.floor((now.getTime() - new Date(good.at).getTime()) / DAY);
    warning = `The last good backup was made on ${onDay(good.at)}, ${ago} days ago: longer ago than the ${days} days set.`;
  }
  return {
    folder,
    folder_problem: problem,
    running: job?.phase ?? null,
    last: lastTried.get(vault) ?? null,
    last_good_at: good?.at ?? null,
    warning,
  };
}

/**
 * Start a backup of the open file unless one is running: true when started. It runs beside the
 * dispatch (its copy and check are other processes'); its end is recorded for backups.status.
 */
function startBackup(
  vault: Vault,
  madeBy: { id: number | null; role: string },
  reason: BackupReason,
  now: () => Date,
): boolean {
  if (jobs.has(vault)) return false;
  const folder = vault.settings.backup_folder;
  checkFolder(folder);
  const job: Job = { phase: 'writing', done: Promise.resolve() };
  const source = { db: vault.openFile(), path: vault.path, passphrase: vault.passphrase() };
  job.done = writeBackup(source, folder, {
    reason,
    madeBy,
    now,
    onPhase: (phase) => {
      job.phase = phase;
    },
  })
    .then((written) => {
      lastTried.set(vault, { at: now().toISOString(), ok: true, name: written.name, message: '' });
    })
    .catch((error: unknown) => {
      const message = error instanceof CoreError ? error.message : 'The backup could not be made.';
      lastTried.set(vault, { at: now().toISOString(), ok: false, name: '', message });
    })
    .finally(() => {
      jobs.delete(vault);
    });
  jobs.set(vault, job);
  return true;
}

/** Wait for a running backup, if any (before the file closes, or a restore). */
export function backupFinished(vault: Vault): Promise<void> {
  return jobs.get(vault)?.done ?? Promise.resolve();
}

/** Started by itself: a folder there, nothing running, and the last good backup old enough. */
export function startIfDue(vault: Vault, now: () => Date): boolean {
  if (!vault.isOpen() || jobs.has(vault)) return false;
  const { backup_folder: folder, backup_every_hours: hours } = vault.settings;
  if (!folder || folderProblem(folder)) return false;
  if (!backupDue(hours, lastGood(vault)?.at ?? null, now())) return false;
  return startBackup(vault, { id: null, role: '' }, 'automatic', now);
}

/**
 * When the file is closed from the app: a backup if anything was recorded since the last one
 * (the log's end moved), waited for, so the file closes with a copy of what was done.
 */
export async function backupOnClose(vault: Vault, user: { id: number; role: string }, now: () => Date): Promise<void> {
  await backupFinished(vault);
  const folder = vault.settings.backup_folder;
  if (!vault.isOpen() || !folder || folderProblem(folder)) return;
  const good = lastGood(vault);
  if (good && (auditHead(vault.openFile())?.seq ?? 0) <= good.seq) return;
  if (startBackup(vault, { id: user.id, role: user.role }, 'on-close', now)) await backupFinished(vault);
}

export function backupStatus(ctx: Context): Output<'backups.status'> {
  return statusOf(ctx.vault, new Date(ctx.now()));
}

export function createBackup(ctx: Context): Output<'backups.create'> {
  const now = () => new Date(ctx.now());
  const user = ctx.session.user;
  return { started: startBackup(ctx.vault, { id: user.id, role: user.role }, 'manual', now) };
}

export function listFolder(ctx: Context): Output<'backups.list'> {
  const folder = ctx.vault.settings.backup_folder;
  checkFolder(folder);
  return { items: listBackups(ctx.db, folder) };
}

function itemNamed(ctx: Context, name: string): { file: string; item: BackupItem } {
  const folder = ctx.vault.settings.backup_folder;
  checkFolder(folder);
  const item = describeBackup(ctx.db, folder, name);
  if (!item) throw new CoreError('NOT_FOUND', `There is no backup of this file called ${name} in ${folder}.`);
  return { file: path.join(folder, name), item };
}

export async function previewRestore(
  ctx: Context,
  input: Input<'backups.preview'>,
): Promise<Output<'backups.preview'>> {
  const { file, item } = itemNamed(ctx, input.name);
  try {
    const check = await checkInChild(file, input.passphrase ?? ctx.vault.passphrase());
    if (check.file_id && check.file_id !== fileIdOf(ctx.db)) {
      throw new CoreError('CONFLICT', 'This backup is of a different customer file, not of the one open.');
    }
    const { sha256, bytes, file_id, ...shown } = check;
    const changed = item.verified !== 'unknown' && item.problem === '' && bytes !== item.bytes;
    return {
      item: check.ok ? { ...item, counts: check.counts, schema_version: check.schema_version } : item,
      check: changed ? { ...shown, ok: false, problem: 'it changed while it was being checked' } : shown,
      needs_passphrase: false,
    };
  } catch (error) {
    if (error instanceof CoreError && error.code === 'WRONG_PASSPHRASE' && input.passphrase === undefined) {
      return { item, check: null, needs_passphrase: true };
    }
    throw error;
  }
}

/**
 * Restore a backup in place of the open file (see restore.ts): the copy checked, the file as it
 * is kept as a backup, the copy given the current passphrase, put in place, the restore written
 * into its log, and the file closed for everyone to open again.
 */
export async function restoreFromBackup(
  ctx: Context,
  input: { file: string; passphrase?: string; keepIn: string },
): Promise<Output<'backups.restore'>> {
  const vault = ctx.vault;
  await backupFinished(vault);
  const current = vault.passphrase();
  const from = input.passphrase ?? current;
  const prepared = await prepareRestore(input.file, vault.path, from, {
    fileId: fileIdOf(ctx.db),
    passphraseGiven: input.passphrase !== undefined,
  });
  let kept: string;
  try {
    kept = (
      await writeBackup({ db: ctx.db, path: vault.path, passphrase: current }, input.keepIn, {
        reason: 'before-restore',
        madeBy: { id: ctx.session.user.id, role: ctx.session.user.role },
        now: () => new Date(ctx.now()),
        rotate: false,
      })
    ).name;
  } catch (error) {
    fs.rmSync(prepared.temp, { force: true });
    const why = error instanceof CoreError ? error.message : 'it could not be written';
    throw new CoreError(
      error instanceof CoreError ? error.code : 'INTERNAL',
      `The file as it is now could not be kept as a backup first, so nothing was restored. ${why}`,
    );
  }
  rekeyPrepared(prepared, from, current);
  vault.close();
  installPrepared(prepared, vault.path);
  // The restored file, opened as its owner: its log says it was restored, from what and by whom.
  // Opening it finds its log shorter than this computer last saw (true: an older copy was put
  // back); that is recorded in the log and acknowledged here, on purpose, by the restore.
  const session = vault.unlock(current);
  const db = vault.openFile();
  appendAudit(db, session.user.id, ctx.now(), {
    action: 'backup.restore',
    detail: {
      name: path.basename(input.file),
      made_at: readMadeAt(input.file),
      kept_as: kept,
      customers: prepared.check.counts.customers,
    },
  });
  vault.acknowledgeAudit(session.user.id);
  noteGoodBackup(db, { at: readMadeAt(path.join(input.keepIn, kept)), name: kept, folder: input.keepIn });
  vault.close();
  return { restored_from: path.basename(input.file), kept_as: kept };
}

/**
 * A backup put in place of a file that was not open (the command line restoring onto a new
 * computer): the restore written into its log, and the log's shorter end accepted on purpose.
 */
export function recordRestore(ctx: Context, backup: string, customers: number): void {
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'backup.restore',
    detail: { name: path.basename(backup), made_at: readMadeAt(backup), kept_as: '', customers },
  });
  ctx.vault.acknowledgeAudit(ctx.session.user.id);
}

/** When the backup was made, from its name (its record may be gone). */
function readMadeAt(file: string): string {
  const stamp = /\.backup-(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.custodian$/.exec(path.basename(file));
  return stamp ? `${stamp[1]}:${stamp[2]}:${stamp[3]}.${stamp[4]}Z` : '';
}

export async function restoreNamed(ctx: Context, input: Input<'backups.restore'>): Promise<Output<'backups.restore'>> {
  const { file } = itemNamed(ctx, input.name);
  return restoreFromBackup(ctx, { file, passphrase: input.passphrase, keepIn: ctx.vault.settings.backup_folder });
}
