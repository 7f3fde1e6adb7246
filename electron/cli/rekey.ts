// custodian rekey FILE: a new file passphrase.
import { needArgs, type Options, out } from './common';
import { call, withFile } from './open';
import { newPassphrase } from './passphrase';

export async function rekeyFile(options: Options): Promise<void> {
  const [file] = needArgs(options, 1, 'rekey FILE') as [string];
  await withFile(file, options, async (core, token, current) => {
    // Asked only once the current passphrase has opened the file.
    const next = await newPassphrase(options, 'CUSTODIAN_NEW_PASSPHRASE', 'new-passphrase-file');
    const result = await call(core, token, 'vault.changePassphrase', { current, next });
    out(`Passphrase changed. Integrity check: ${result.integrity}.`);
  });
}
