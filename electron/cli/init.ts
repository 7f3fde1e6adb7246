// custodian init FILE [--owner NAME]: a new encrypted customer file, with its owner.
import fs from 'node:fs';
import { createCore } from '../core/api';
import { Failure, needArgs, type Options, out } from './common';
import { call } from './open';
import { newPassphrase, promptLine } from './passphrase';

export async function init(options: Options): Promise<void> {
  const [file] = needArgs(options, 1, 'init FILE [--owner NAME]') as [string];
  if (fs.existsSync(file)) throw new Failure(`A file already exists at ${file}. Choose another name.`);
  const owner = options.values.get('owner') ?? (await promptLine('Your name (the owner of this file): '));
  const secret = await newPassphrase(options, 'CUSTODIAN_PASSPHRASE', 'passphrase-file');
  const core = createCore(file);
  try {
    const session = await call(core, null, 'vault.create', { passphrase: secret, owner_name: owner });
    await core.call(session.token, 'vault.lock', {});
    out(`Created ${file} for ${session.user.name}.`);
    out('Keep the passphrase safe: without it nobody, including you, can open this file.');
  } finally {
    core.close();
  }
}
