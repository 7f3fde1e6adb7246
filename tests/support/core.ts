// A real core on a real encrypted file, signed in as the owner.
import { expect } from 'vitest';
import { type Core, createCore } from '../../electron/core/api';
import { importRows, type RowsImport, type RowsImported } from '../../electron/core/customers/customers.service';
import type { Input, Method, Output } from '../../shared/contract';
import type { AppError } from '../../shared/contract/result';
import { MANAGERS } from '../../shared/contract/roles';
import { tempFile } from './files';

export const PASSPHRASE = 'correct horse battery staple';

export type Owner = {
  core: Core;
  token: string;
  file: string;
  /** Call and expect success. */
  ok<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Call and expect a refusal. */
  fail<M extends Method>(method: M, input: Input<M>): Promise<AppError>;
  /** New records from rows with the canonical headers (importRows through core.local); the source defaults to 'rows'. */
  importRows(rows: Record<string, string>[], options?: Partial<Omit<RowsImport, 'rows'>>): Promise<RowsImported>;
};

export async function ownerCore(file = tempFile()): Promise<Owner> {
  const core = createCore(file);
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  return signedIn(core, created.value.token, file);
}

/** Open an existing file with the passphrase, signed in as its owner. */
export async function reopenAsOwner(file: string): Promise<Owner> {
  const core = createCore(file);
  const opened = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
  if (!opened.ok) throw new Error(opened.error.message);
  return signedIn(core, opened.value.token, file);
}

/**
 * Merge `gone` into `keep` at the versions they have now, check, undo the merge, check again:
 * the round trip every kept table must survive.
 */
export async function mergeThenUndo(
  o: Owner,
  keep: number,
  gone: number,
  check: (when: string) => Promise<void>,
): Promise<void> {
  const a = await o.ok('customers.get', { id: keep });
  const b = await o.ok('customers.get', { id: gone });
  const merged = await o.ok('duplicates.merge', {
    keep_id: keep,
    merge_id: gone,
    keep_version: a.version,
    merge_version: b.version,
  });
  await check('after the merge');
  await o.ok('duplicates.unmerge', { merge_id: merged.merge_id });
  await check('after the undo');
}

export function signedIn(core: Core, token: string, file: string): Owner {
  return {
    core,
    token,
    file,
    async ok(method, input) {
      const result = await core.call(token, method, input);
      if (!result.ok)
        expect.fail(
          `${method} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? [])}`,
        );
      return result.value;
    },
    async fail(method, input) {
      const result = await core.call(token, method, input);
      if (result.ok) expect.fail(`${method} was expected to fail`);
      return result.error;
    },
    async importRows(rows, options = {}) {
      const result = await core.local(token, MANAGERS, (ctx) => importRows(ctx, { source: 'rows', ...options, rows }));
      if (!result.ok) expect.fail(`importRows failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}
