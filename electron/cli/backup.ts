// custodian backup FILE [DEST], custodian backups FILE, custodian restore BACKUP FILE: a checked
// backup into DEST (or the folder chosen in Settings), the backups listed and each checked again
// in a process of its own, and a backup restored in place of FILE (the file as it was kept as a
// backup first) or onto a new computer where FILE does not exist yet.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_REASON_LABELS } from '../../shared/contract/backups';
import { CoreError } from '../../shared/contract/result';
import { plural as formatCount } from '../../shared/format';
import { createCore } from '../core/api';
import { recordRestore, restoreFromBackup } from '../core/backups/backups.service';
import { checkInChild } from '../core/backups/child';
import { installPrepared, prepareRestore } from '../core/backups/restore';
import { writeBackup } from '../core/backups/write';
import { err, Failure, needArgs, type Options, out } from './common';
import { call, local, withFile } from './open';
import { passphrase, promptHidden, readSecretFile } from './passphrase';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const when = (iso: string) => iso.slice(0, 19).replace('T', ' ');

export async function backup(options: Options): Promise<void> {
  const args = options.positional.slice(1);
  if (args.length < 1 || args.length > 2) throw new Failure('Usage: custodian backup FILE [DEST]');
  const [file, dest] = args as [string, string | undefined];
  await withFile(file, options, async (core, token, secret) => {
    const folder = dest ? path.resolve(dest) : (await call(core, token, 'settings.get', {})).backup_folder;
    if (!folder) throw new Failure('No backup folder is chosen for this file: give one, custodian backup FILE DEST.');
    const written = await local(core, token, (ctx) =>
      writeBackup({ db: ctx.db, path: core.path, passphrase: secret }, folder, {
        reason: 'manual',
        madeBy: { id: ctx.session.user.id, role: ctx.session.user.role },
        now: () => new Date(),
      }),
    );
    const m = written.manifest;
    out(`Backup written and checked: ${written.path}`);
    out(
      `  ${mb(m.bytes)}; ${formatCount(m.counts.customers, 'customer')}, ${formatCount(m.counts.purchases, 'purchase')}; integrity ${m.check.integrity}; audit log ok (${m.check.audit.entries} entries)`,
    );
  });
}

export async function backups(options: Options): Promise<number> {
  const [file] = needArgs(options, 1, 'backups FILE [--json]') as [string];
  return withFile(file, options, async (core, token, secret) => {
    const { items } = await call(core, token, 'backups.list', {});
    const folder = (await call(core, token, 'settings.get', {})).backup_folder;
    const rows = [];
    for (const item of items) {
      let check: { ok: boolean; problem: string } = { ok: false, problem: item.problem };
      if (item.problem === '') {
        try {
          const c = await checkInChild(path.join(folder, item.name), secret);
          check = { ok: c.ok, problem: c.problem };
        } catch (error) {
          check = { ok: false, problem: error instanceof CoreError ? error.message : 'it could not be checked' };
        }
      }
      rows.push({ ...item, check_now: check });
    }
    if (options.switches.has('json')) out(JSON.stringify({ folder, backups: rows }, null, 2));
    else {
      out(`${formatCount(rows.length, 'backup')} in ${folder}`);
      for (const r of rows) {
        const counts = r.counts ? formatCount(r.counts.customers, 'customer') : 'counts unknown';
        const who = r.made_by ? `by ${r.made_by}` : 'by Custodian';
        out(`${when(r.created_at)}  ${mb(r.bytes)}  ${counts}  ${BACKUP_REASON_LABELS[r.reason]} ${who}`);
        out(`    ${r.check_now.ok ? 'checked now: ok' : `PROBLEM: ${r.check_now.problem}`}  ${r.name}`);
      }
    }
    return rows.every((r) => r.check_now.ok) ? 0 : 1;
  });
}

/** The passphrase a backup was made under, when it is not the file's current one. */
async function backupPassphrase(options: Options): Promise<string> {
  const file = options.values.get('backup-passphrase-file');
  if (file !== undefined) return readSecretFile(file, 'backup passphrase');
  if (process.env.CUSTODIAN_BACKUP_PASSPHRASE) return process.env.CUSTODIAN_BACKUP_PASSPHRASE;
  return promptHidden('The passphrase the file had when this backup was made: ');
}

export async function restore(options: Options): Promise<void> {
  const [backupFile, file] = needArgs(options, 2, 'restore BACKUP FILE') as [string, string];
  const source = path.resolve(backupFile);
  if (!fs.existsSync(file)) return restoreOntoNew(source, file, options);
  await withFile(file, options, async (core, token) => {
    const keepIn = (await call(core, token, 'settings.get', {})).backup_folder || path.dirname(source);
    const attempt = (given?: string) =>
      core.local(token, ['owner'], (ctx) => restoreFromBackup(ctx, { file: source, passphrase: given, keepIn }));
    let result = await attempt();
    if (!result.ok && result.error.code === 'WRONG_PASSPHRASE' && !options.values.has('backup-passphrase-file')) {
      err(`custodian: ${result.error.message}`);
      result = await attempt(await backupPassphrase(options));
    } else if (!result.ok && result.error.code === 'WRONG_PASSPHRASE') {
      result = await attempt(await backupPassphrase(options));
    }
    if (!result.ok) throw new Failure(result.error.message);
    out(`Restored ${file} from ${result.value.restored_from}.`);
    out(`The file as it was is kept as ${path.join(keepIn, result.value.kept_as)}.`);
  });
}

/** No file at FILE (a new computer): the backup is checked, put there, and its log told. */
async function restoreOntoNew(source: string, file: string, options: Options): Promise<void> {
  const secret = await passphrase(options);
  let prepared: Awaited<ReturnType<typeof prepareRestore>>;
  try {
    prepared = await prepareRestore(source, path.resolve(file), secret, { passphraseGiven: true });
  } catch (error) {
    throw new Failure(error instanceof CoreError ? error.message : 'The backup could not be restored.');
  }
  try {
    installPrepared(prepared, path.resolve(file));
  } catch (error) {
    throw new Failure(error instanceof CoreError ? error.message : 'The backup could not be put in place.');
  }
  const core = createCore(file);
  try {
    const session = await call(core, null, 'vault.unlock', { passphrase: secret });
    await local(core, session.token, (ctx) => recordRestore(ctx, source, prepared.check.counts.customers));
    await core.call(session.token, 'vault.lock', {});
  } finally {
    core.close();
  }
  out(`Restored ${file} from ${path.basename(source)} (${formatCount(prepared.check.counts.customers, 'customer')}).`);
}
