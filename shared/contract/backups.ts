// Backups of the customer file: made on demand or by themselves, listed with their checks, and
// restored after a preview. The folder and timings are settings (shared/contract/settings.ts).
import { z } from 'zod';
import { MANAGERS, OWNER } from './roles';
import { Passphrase } from './vault';

/** Why a backup was made. */
export const BackupReason = z.enum(['manual', 'automatic', 'on-close', 'before-restore']);
export type BackupReason = z.infer<typeof BackupReason>;

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  manual: 'made on demand',
  automatic: 'made by itself',
  'on-close': 'made when the file was closed',
  'before-restore': 'the file as it was before a restore',
};

/** What a backup holds, counted by the process that checked it. */
export const BackupCounts = z.object({
  customers: z.number().int(),
  purchases: z.number().int(),
  accounts: z.number().int(),
  audit_entries: z.number().int(),
});
export type BackupCounts = z.infer<typeof BackupCounts>;

/** One backup in the folder, as its record beside it says (checked against the file's key and size). */
export const BackupItem = z.object({
  name: z.string(),
  created_at: z.string(),
  bytes: z.number().int(),
  reason: BackupReason,
  /** The account that made it, by name ('' when made by itself). */
  made_by: z.string(),
  counts: BackupCounts.nullable(),
  schema_version: z.number().int().nullable(),
  /** ok: checked in a separate process when written; failed: a check found a problem; unknown: no record of a check. */
  verified: z.enum(['ok', 'failed', 'unknown']),
  /** What is wrong, in words ('' when nothing is). */
  problem: z.string(),
});
export type BackupItem = z.infer<typeof BackupItem>;

/** A backup checked now, in a separate process: what a preview and `custodian backups` show. */
export const BackupCheck = z.object({
  ok: z.boolean(),
  problem: z.string(),
  cipher: z.string(),
  integrity: z.string(),
  schema_version: z.number().int(),
  audit: z.object({ ok: z.boolean(), entries: z.number().int(), problem: z.string() }),
  counts: BackupCounts,
});
export type BackupCheck = z.infer<typeof BackupCheck>;

export const BackupStatus = z.object({
  folder: z.string(),
  /** '' when the folder is there and writable. */
  folder_problem: z.string(),
  /** What a backup being made is doing now, or null. */
  running: z.enum(['writing', 'checking']).nullable(),
  /** The last backup tried while the file was open: when, and what came of it. */
  last: z.object({ at: z.string(), ok: z.boolean(), name: z.string(), message: z.string() }).nullable(),
  last_good_at: z.string().nullable(),
  /** A warning for the main screen and `custodian check`, or '' when backups are in order. */
  warning: z.string(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/** A file name in the backup folder, never a path. */
const BackupName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\u0000]/.test(n) && n !== '.' && n !== '..', 'Choose a backup from the list.');

export const backups = {
  'backups.status': { input: z.object({}), output: BackupStatus, roles: MANAGERS },
  // Starts a backup and returns at once: it is written and checked by processes of its own while
  // the counter goes on; backups.status says when it has finished.
  'backups.create': { input: z.object({}), output: z.object({ started: z.boolean() }), roles: MANAGERS },
  'backups.list': { input: z.object({}), output: z.object({ items: z.array(BackupItem) }), roles: MANAGERS },
  // What restoring a backup would bring back, checked now; `needs_passphrase` when the file's
  // current passphrase does not open it (it was made before a change of passphrase).
  'backups.preview': {
    input: z.object({ name: BackupName, passphrase: Passphrase.optional() }),
    output: z.object({ item: BackupItem, check: BackupCheck.nullable(), needs_passphrase: z.boolean() }),
    roles: OWNER,
  },
  // Put the backup in place of the file (the file as it is now is kept as a backup first); the
  // file is closed afterwards and opened again with the current passphrase.
  'backups.restore': {
    input: z.object({ name: BackupName, passphrase: Passphrase.optional() }),
    output: z.object({ restored_from: z.string(), kept_as: z.string() }),
    roles: OWNER,
  },
} as const;
