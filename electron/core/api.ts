// The one dispatch. Every host (Electron IPC, the Chromium host, the command line, the tests)
// calls `dispatch(token, method, input)`: validate input → check the session and its role
// against the contract → call the service → validate the output. Errors come back as values,
// never as thrown exceptions; refusals are written to the audit log.
import { contract, type Input, isMethod, type Method, type Output, rolesFor } from '../../shared/contract';
import { AppError, CoreError, fieldErrors, type Result } from '../../shared/contract/result';
import type { Role } from '../../shared/contract/roles';
import { appendAudit } from './audit/audit';
import { handlers as auditHandlers } from './audit/handlers';
import { backupOnClose, startIfDue } from './backups/backups.service';
import { handlers as backupsHandlers } from './backups/handlers';
import { handlers as briefsHandlers } from './briefs/handlers';
import { handlers as campaignsHandlers } from './campaigns/handlers';
import { handlers as consentHandlers } from './consent/handlers';
import type { Context, Handler, PrivateMethod, PublicHandler } from './context';
import { handlers as customersHandlers } from './customers/handlers';
import { storageError } from './db/open';
import { handlers as duplicatesHandlers } from './duplicates/handlers';
import { handlers as exportsHandlers } from './exports/handlers';
import { handlers as importsHandlers } from './imports/handlers';
import { handlers as interactionsHandlers } from './interactions/handlers';
import { checkEventMethod, EVENT_METHODS } from './packs/event-mode';
import { handlers as packsHandlers } from './packs/handlers';
import { handlers as purchasesHandlers } from './purchases/handlers';
import { handlers as qualityHandlers } from './quality/handlers';
import { handlers as registerHandlers } from './register/handlers';
import { handlers as reportsHandlers } from './reports/handlers';
import { handlers as requestsHandlers } from './requests/handlers';
import { handlers as retentionHandlers } from './retention/handlers';
import { handlers as searchHandlers } from './search/handlers';
import { handlers as segmentsHandlers } from './segments/handlers';
import { handlers as sessionHandlers, publicHandlers as sessionPublic } from './session/handlers';
import { handlers as settingsHandlers } from './settings/handlers';
import { handlers as sourcesHandlers } from './sources/handlers';
import { handlers as staffHandlers } from './staff/handlers';
import { handlers as vaultHandlers, publicHandlers as vaultPublic } from './vault/handlers';
import { Vault } from './vault/vault.service';

type PublicMethod = Exclude<Method, PrivateMethod>;

// Each capability assembles its own table in electron/core/<capability>/handlers.ts; a table
// holds only its own prefix's methods (see Handlers), and these annotations refuse a missing one.
const publicHandlers: { [M in PublicMethod]: PublicHandler<M> } = { ...vaultPublic, ...sessionPublic };

const handlers: { [M in PrivateMethod]: Handler<M> } = {
  ...vaultHandlers,
  ...sessionHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...customersHandlers,
  ...searchHandlers,
  ...requestsHandlers,
  ...duplicatesHandlers,
  ...qualityHandlers,
  ...retentionHandlers,
  ...importsHandlers,
  ...sourcesHandlers,
  ...exportsHandlers,
  ...consentHandlers,
  ...purchasesHandlers,
  ...interactionsHandlers,
  ...registerHandlers,
  ...segmentsHandlers,
  ...campaignsHandlers,
  ...reportsHandlers,
  ...briefsHandlers,
  ...backupsHandlers,
  ...packsHandlers,
};

export type Core = {
  dispatch(token: string | null | undefined, method: unknown, input: unknown): Promise<Result<unknown>>;
  /** The same, typed for callers inside this process (CLI, tests). */
  call<M extends Method>(token: string | null | undefined, method: M, input: Input<M>): Promise<Result<Output<M>>>;
  /**
   * For in-process hosts only (the command line, benches, tests), never wired to IPC: run a
   * service function as the signed-in person, in turn with the dispatched calls. The command line
   * uses it to import from a path, which the contract deliberately does not accept.
   */
  local<T>(token: string, roles: readonly Role[], work: (ctx: Context) => T | Promise<T>): Promise<Result<T>>;
  close(): void;
  /**
   * The app closing: with automatic backups, a backup of what was recorded since the last one
   * (as "Close file" makes), waited for; then the file is closed.
   */
  shutdown(): Promise<void>;
  readonly path: string;
};

type CoreOptions = {
  now?: () => Date;
  /**
   * Backups by themselves (the app's core worker): every few minutes a backup starts when one is
   * due by the owner's hours, and closing the file makes one when anything was recorded since the
   * last. Off for the command line and tests unless asked: a `custodian search` makes no backup.
   */
  automaticBackups?: boolean;
  /** How often to look whether a backup is due (tests shorten it). */
  backupCheckMs?: number;
};

export function createCore(path: string, options: CoreOptions = {}): Core {
  const clock = options.now ?? (() => new Date());
  const vault = new Vault(path, clock, { backupOnClose: options.automaticBackups === true });

  /** Refusals of signed-in calls are evidence too: who tried what. */
  function auditRefusal(method: Method, token: unknown, error: CoreError): void {
    if (!vault.isOpen() || (error.code !== 'FORBIDDEN' && error.code !== 'UNAUTHENTICATED')) return;
    if (error.code === 'UNAUTHENTICATED' && (token === null || token === undefined)) return;
    const db = vault.openFile();
    appendAudit(db, null, clock().toISOString(), { action: 'refused', detail: { method, code: error.code } });
  }

  /** The signed-in context for a call, or a refusal (audited) when the role may not make it. */
  function contextFor(token: string | null | undefined, method: string, roles: readonly Role[]): Context {
    try {
      const { db, session } = vault.authenticate(token);
      // An event pack does sign-ups, look-ups and sales only, for every account (audited as a refusal).
      if (vault.pack && !EVENT_METHODS.has(method as Method)) {
        appendAudit(db, session.user.id, clock().toISOString(), { action: 'refused', detail: { method, event: true } });
        checkEventMethod(vault.pack, method);
      }
      if (!roles.includes(session.user.role)) {
        const who = session.user.role;
        appendAudit(db, session.user.id, clock().toISOString(), {
          action: 'refused',
          detail: { method, role: who },
        });
        throw new CoreError('FORBIDDEN', `A ${who} account cannot do this. Ask a manager or the owner.`);
      }
      return { db, session, vault, now: () => clock().toISOString() };
    } catch (error) {
      if (error instanceof CoreError && error.code === 'UNAUTHENTICATED') auditRefusal(method as Method, token, error);
      throw error;
    }
  }

  async function run(token: string | null | undefined, method: unknown, rawInput: unknown): Promise<unknown> {
    if (!isMethod(method)) throw new CoreError('UNKNOWN_METHOD', 'That action does not exist.');
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success)
      throw new CoreError('INVALID_INPUT', 'Some values need correcting.', fieldErrors(parsed.error));
    let output: unknown;
    if (method in publicHandlers) {
      output = await (publicHandlers[method as PublicMethod] as PublicHandler<PublicMethod>)(
        vault,
        parsed.data as never,
      );
    } else {
      const m = method as PrivateMethod;
      const ctx = contextFor(token, m, rolesFor(m));
      output = await (handlers[m] as Handler<PrivateMethod>)(ctx, parsed.data as never);
    }
    const checked = spec.output.safeParse(output);
    if (!checked.success) throw new CoreError('INTERNAL', 'The result did not have the expected shape.');
    return checked.data;
  }

  // Calls run one at a time, in arrival order: a handler that awaits (password hashing, PDF
  // rendering) must never interleave with another call on the same connection and sessions.
  let queue: Promise<unknown> = Promise.resolve();

  function dispatch(token: string | null | undefined, method: unknown, input: unknown): Promise<Result<unknown>> {
    const result = queue.then(async (): Promise<Result<unknown>> => {
      try {
        return { ok: true, value: await run(token, method, input) };
      } catch (error) {
        return { ok: false, error: toAppError(error, path) };
      }
    });
    queue = result;
    return result;
  }

  function local<T>(token: string, roles: readonly Role[], work: (ctx: Context) => T | Promise<T>): Promise<Result<T>> {
    const result = queue.then(async (): Promise<Result<T>> => {
      try {
        return { ok: true, value: await work(contextFor(token, 'local', roles)) };
      } catch (error) {
        return { ok: false, error: toAppError(error, path) };
      }
    });
    queue = result;
    return result;
  }

  // Looked at in turn with the calls, so a backup never starts in the middle of one.
  const timer = options.automaticBackups
    ? setInterval(
        () => {
          queue = queue.then(() => {
            try {
              startIfDue(vault, clock);
            } catch {
              // A folder gone or a file closed: backups.status carries the warning.
            }
          });
        },
        options.backupCheckMs ?? 5 * 60_000,
      ).unref()
    : null;

  function close(): void {
    if (timer) clearInterval(timer);
    vault.close();
  }

  return {
    dispatch,
    call: (token, method, input) => dispatch(token, method, input) as never,
    local,
    close,
    shutdown: async () => {
      const user = vault.sessions.lastUser;
      if (options.automaticBackups && vault.isOpen() && user) {
        try {
          await backupOnClose(vault, user, clock);
        } catch {
          // A folder gone or a disk full: the warning shows when the file is next opened.
        }
      }
      close();
    },
    path,
  };
}

function toAppError(error: unknown, path: string): AppError {
  const core = error instanceof CoreError ? error : storageError(error, path);
  if (core.code === 'INTERNAL' && !(error instanceof CoreError)) {
    // The only place an unexpected failure is reported; the person sees plain words. The
    // message is cut short and never includes input values (they could be personal).
    console.error('[custodian] unexpected error:', (error as Error)?.name, (error as Error)?.message?.slice(0, 200));
  }
  return AppError.parse({ code: core.code, message: core.message, fields: core.fields });
}
