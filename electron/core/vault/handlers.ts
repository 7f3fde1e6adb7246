// The vault's methods: opening and creating the file (before anyone signs in), locking it,
// changing its passphrase and checking it.
import { backupFinished, backupOnClose } from '../backups/backups.service';
import type { Handlers, PublicHandlers } from '../context';

export const publicHandlers: PublicHandlers<'vault'> = {
  'vault.status': (vault) => vault.status(),
  'vault.create': (vault, input) => vault.create(input.passphrase, input.owner_name),
  'vault.unlock': (vault, input) => vault.unlock(input.passphrase),
};

export const handlers: Handlers<'vault'> = {
  'vault.lock': async (ctx) => {
    // In the app, the file closes with a backup of what was done (a failure shows as a warning
    // the next time it is opened); a backup already running is finished first either way.
    if (ctx.vault.options.backupOnClose) await backupOnClose(ctx.vault, ctx.session.user, () => new Date(ctx.now()));
    else await backupFinished(ctx.vault);
    ctx.vault.lock(ctx.session.token);
    return {};
  },
  'vault.changePassphrase': (ctx, input) =>
    ctx.vault.changePassphrase(ctx.db, ctx.session.user.id, input.current, input.next),
  'vault.rekeyEstimate': (ctx) => ctx.vault.rekeyEstimate(),
  'vault.check': (ctx) => ctx.vault.check(ctx.db),
};
