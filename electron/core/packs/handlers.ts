// The packs capability's handlers, spread into the one dispatch (electron/core/api.ts). The
// window names a pack by its file name in the packs folder beside the main file; the command
// line passes paths through core.local (electron/cli/pack.ts, merge-pack.ts).
import path from 'node:path';
import { CoreError } from '../../../shared/contract/result';
import type { Handlers } from '../context';
import { makePack, packsFolder } from './make';
import { mergePackFile } from './merge';
import { decide, listChanges, listQueue } from './review';
import { listPacks, undoPack, wipePack } from './undo';

export const handlers: Handlers<'packs'> = {
  'packs.make': (ctx, input) => {
    const { path: _path, ...made } = makePack(ctx, input);
    return made;
  },
  'packs.list': listPacks,
  'packs.merge': (ctx, input) => {
    const file = path.join(packsFolder(ctx), input.file_name);
    if (path.dirname(file) !== packsFolder(ctx)) throw new CoreError('INVALID_INPUT', 'Choose a pack from the list.');
    return mergePackFile(ctx, file, input.passphrase, input.dry_run);
  },
  'packs.queue': listQueue,
  'packs.changes': listChanges,
  'packs.decide': decide,
  'packs.undo': undoPack,
  'packs.wipe': (ctx, input) => wipePack(ctx, input),
  'packs.current': (ctx) => ctx.vault.pack,
};
