// The organisation's settings, kept in the file's meta table and cached on the open vault.
import type { Input, Output } from '../../../shared/contract';
import { Settings } from '../../../shared/contract/settings';
import { appendAudit } from '../audit/audit';
import { checkBackupFolder } from '../backups/write';
import type { Context } from '../context';
import { writeMeta } from '../db/meta';

export function getSettings(ctx: Context): Output<'settings.get'> {
  return ctx.vault.settings;
}

export function updateSettings(ctx: Context, input: Input<'settings.update'>): Output<'settings.update'> {
  const next = Settings.parse({ ...ctx.vault.settings, ...input });
  if (input.backup_folder) checkBackupFolder(next.backup_folder);
  ctx.db.transaction(() => {
    writeMeta(ctx.db, 'settings', JSON.stringify(next));
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), { action: 'settings.update', detail: input });
  })();
  ctx.vault.settings = next;
  return getSettings(ctx);
}
