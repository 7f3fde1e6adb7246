// The one dispatch. Every host (Electron IPC, the Chromium host, the command line, the tests)
// calls `dispatch(token, method, input)`: validate input → check the session and role → call
// the service → validate the output. Errors come back as values, never as thrown exceptions.
import type { z } from 'zod';
import { contract, type Input, isMethod, type Method, type Output } from '../../shared/contract';
import { AppError, CoreError, fieldErrors, type Result } from '../../shared/contract/result';
import type { Context } from './context';
import {
  archiveCustomer,
  createCustomer,
  editCustomer,
  exportCustomers,
  importCustomers,
  readCustomer,
} from './customers/customers.service';
import { storageError } from './db/open';
import { searchCustomers } from './search/search.service';
import { Vault } from './vault/vault.service';

type Parsed<M extends Method> = z.output<(typeof contract)[M]['input']>;
type PublicHandler<M extends Method> = (vault: Vault, input: Parsed<M>) => Output<M>;
type Handler<M extends Method> = (ctx: Context, input: Parsed<M>, vault: Vault) => Output<M>;

type PublicMethod = { [M in Method]: (typeof contract)[M] extends { public: true } ? M : never }[Method];
type PrivateMethod = Exclude<Method, PublicMethod>;

const publicHandlers: { [M in PublicMethod]: PublicHandler<M> } = {
  'vault.status': (vault) => vault.status(),
  'vault.create': (vault, input) => vault.create(input.passphrase, input.owner_name),
  'vault.unlock': (vault, input) => vault.unlock(input.passphrase),
};

const handlers: { [M in PrivateMethod]: Handler<M> } = {
  'vault.lock': (ctx, _input, vault) => {
    vault.lock(ctx.session.token);
    return {};
  },
  'vault.changePassphrase': (ctx, input, vault) =>
    vault.changePassphrase(ctx.db, ctx.session.user.id, input.current, input.next),
  'vault.check': (ctx, _input, vault) => vault.check(ctx.db),
  'customers.create': createCustomer,
  'customers.get': readCustomer,
  'customers.update': editCustomer,
  'customers.setArchived': archiveCustomer,
  'customers.import': importCustomers,
  'customers.export': exportCustomers,
  'search.query': (ctx, input) => searchCustomers(ctx.db, input.q, input.limit, input.include_archived),
};

/** Who may call what. One role for now; every call already passes through this check. */
const ROLES_ALLOWED = Object.fromEntries(Object.keys(handlers).map((m) => [m, ['owner']])) as unknown as Record<
  PrivateMethod,
  readonly string[]
>;

export type Core = {
  dispatch(token: string | null | undefined, method: unknown, input: unknown): Promise<Result<unknown>>;
  /** The same, typed for callers inside this process (CLI, tests). */
  call<M extends Method>(token: string | null | undefined, method: M, input: Input<M>): Promise<Result<Output<M>>>;
  close(): void;
  readonly path: string;
};

export function createCore(path: string, options: { now?: () => Date } = {}): Core {
  const clock = options.now ?? (() => new Date());
  const vault = new Vault(path, clock);

  function run(token: string | null | undefined, method: unknown, rawInput: unknown): unknown {
    if (!isMethod(method)) throw new CoreError('UNKNOWN_METHOD', 'That action does not exist.');
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success)
      throw new CoreError('INVALID_INPUT', 'Some values need correcting.', fieldErrors(parsed.error));
    let output: unknown;
    if (method in publicHandlers) {
      output = (publicHandlers[method as PublicMethod] as PublicHandler<PublicMethod>)(vault, parsed.data as never);
    } else {
      const m = method as PrivateMethod;
      const { db, session } = vault.authenticate(token);
      if (!ROLES_ALLOWED[m].includes(session.user.role)) {
        throw new CoreError('FORBIDDEN', 'Your role does not allow this.');
      }
      const ctx: Context = { db, session, now: () => clock().toISOString() };
      output = (handlers[m] as Handler<PrivateMethod>)(ctx, parsed.data as never, vault);
    }
    const checked = spec.output.safeParse(output);
    if (!checked.success) throw new CoreError('INTERNAL', 'The result did not have the expected shape.');
    return checked.data;
  }

  function dispatch(token: string | null | undefined, method: unknown, input: unknown): Promise<Result<unknown>> {
    try {
      return Promise.resolve({ ok: true, value: run(token, method, input) });
    } catch (error) {
      return Promise.resolve({ ok: false, error: toAppError(error, path) });
    }
  }

  return {
    dispatch,
    call: (token, method, input) => dispatch(token, method, input) as never,
    close: () => vault.close(),
    path,
  };
}

export function toAppError(error: unknown, path: string): AppError {
  const core = error instanceof CoreError ? error : storageError(error, path);
  if (core.code === 'INTERNAL' && !(error instanceof CoreError)) {
    // The only place an unexpected failure is reported; the person sees plain words.
    console.error('[custodian] unexpected error:', (error as Error)?.name, (error as Error)?.message?.slice(0, 200));
  }
  return AppError.parse({ code: core.code, message: core.message, fields: core.fields });
}
