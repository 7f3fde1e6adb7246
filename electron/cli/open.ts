// Opening a customer file through the core's one dispatch, and calling it as the signed-in person.
import type { Input, Method, Output } from '../../shared/contract';
import { MANAGERS } from '../../shared/contract/roles';
import { type Core, createCore } from '../core/api';
import type { Context } from '../core/context';
import { describe, err, Failure, type Options } from './common';
import { passphrase } from './passphrase';

/** Call the core; a refusal is printed in its own plain words and ends the command. */
export async function call<M extends Method>(
  core: Core,
  token: string | null,
  method: M,
  input: Input<M>,
): Promise<Output<M>> {
  const result = await core.call(token, method, input);
  if (!result.ok) throw new Failure(describe(result.error));
  return result.value;
}

/** Open FILE through the dispatch and run `work` with a session; always locks and closes. */
export async function withFile<T>(
  file: string,
  options: Options,
  work: (core: Core, token: string, secret: string) => Promise<T>,
): Promise<T> {
  const core = createCore(file);
  try {
    const status = await call(core, null, 'vault.status', {});
    if (!status.exists)
      throw new Failure(`There is no customer file at ${file}. Create one with: custodian init ${file}`);
    const secret = await passphrase(options);
    const session = await call(core, null, 'vault.unlock', { passphrase: secret });
    // An import cut off by a crash was taken back at this open: say so once, whatever the command.
    for (const notice of session.notices ?? []) err(`custodian: ${notice}`);
    try {
      return await work(core, session.token, secret);
    } finally {
      await core.call(session.token, 'vault.lock', {});
    }
  } finally {
    core.close();
  }
}

/** Run a service function in the open file as the signed-in person (import from a path). */
export async function local<T>(core: Core, token: string, work: (ctx: Context) => T | Promise<T>): Promise<T> {
  const result = await core.local(token, MANAGERS, work);
  if (!result.ok) throw new Failure(describe(result.error));
  return result.value;
}
