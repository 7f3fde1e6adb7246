// The one dispatch. Every host (Electron IPC, the Chromium host, the command line, the tests)
// calls `dispatch(token, method, input)`: validate input → check the session and its role
// against the contract → call the service → validate the output. Errors come back as values,
// never as thrown exceptions; refusals are written to the audit log.
import { contract, type Input, isMethod, type Method, type Output, type Parsed, rolesFor } from '../../shared/contract';
import { AppError, CoreError, fieldErrors, type Result } from '../../shared/contract/result';
import type { Role } from '../../shared/contract/roles';
import {
  createAccount,
  getSettings,
  listAccounts,
  setSecret,
  signIn,
  signInChoices,
  updateAccount,
  updateSettings,
} from './access/accounts.service';
import { appendAudit, verifyAudit } from './audit/audit';
import { listAuditEntries } from './audit/audit.service';
import { briefHandlers } from './briefs/handlers';
import { campaignHandlers } from './campaigns/handlers';
import type { Context } from './context';
import { archiveCustomer, createCustomer, editCustomer, readCustomer } from './customers/customers.service';
import { findOrganisations, readProvenance } from './customers/details.service';
import { eraseCustomer } from './customers/erase';
import { previewErasure } from './customers/erase-preview';
import { summaryPdf } from './customers/summary-pdf';
import { storageError } from './db/open';
import { runExport } from './exports/exports.service';
import {
  cancelImport,
  confirmImport,
  errorReport,
  listImports,
  previewUpload,
  readTemplates,
  saveTemplate,
  startImport,
  stepImport,
  undoImport,
} from './imports/imports.service';
import { completenessTable } from './profile/completeness.service';
import { consentHistory, getWording, recordConsent, setDoNotContact, setWording } from './profile/consent.service';
import {
  addInteraction,
  addPurchase,
  buyingSummary,
  listInteractions,
  listPurchases,
} from './profile/purchases.service';
import { importPurchases } from './profile/purchases-import';
import { checkDraft, dismissPair, scanForDuplicates } from './quality/duplicates.service';
import { listStale, verifyCustomer } from './quality/freshness';
import { listMergeHistory, mergeRecords, unmergeRecords } from './quality/merge';
import { mergeGroupRecords } from './quality/merge-group';
import { eraseExpiredValues, eraseRedundant, reviewRetention } from './quality/retention';
import { cancelScan, startScan, stepScan } from './quality/scan-job';
import {
  addField,
  exportRegister,
  listMissing,
  listRegister,
  removeField,
  updateRegister,
} from './register/register.service';
import { reportHandlers } from './reports/handlers';
import { accessPack } from './requests/access-pack';
import { handoverOptions, supplyRequest } from './requests/handover';
import {
  closeCorrected,
  confirmRequest,
  createRequest,
  decideRequest,
  listRequests,
} from './requests/requests.service';
import { searchWithAudit } from './search/search.service';
import { segmentHandlers } from './segments/handlers';
import { listSources, setSourceCost } from './sources/sources.service';
import { Vault } from './vault/vault.service';

type Awaitable<T> = T | Promise<T>;
type PublicMethod = { [M in Method]: (typeof contract)[M] extends { public: true } ? M : never }[Method];
type PrivateMethod = Exclude<Method, PublicMethod>;
type PublicHandler<M extends Method> = (vault: Vault, input: Parsed<M>) => Awaitable<Output<M>>;
type Handler<M extends Method> = (ctx: Context, input: Parsed<M>) => Awaitable<Output<M>>;

const publicHandlers: { [M in PublicMethod]: PublicHandler<M> } = {
  'vault.status': (vault) => vault.status(),
  'vault.create': (vault, input) => vault.create(input.passphrase, input.owner_name),
  'vault.unlock': (vault, input) => vault.unlock(input.passphrase),
  'session.accounts': (vault) => signInChoices(vault),
  'session.signIn': signIn,
};

const handlers: { [M in PrivateMethod]: Handler<M> } = {
  'vault.lock': (ctx) => {
    ctx.vault.lock(ctx.session.token);
    return {};
  },
  'vault.changePassphrase': (ctx, input) =>
    ctx.vault.changePassphrase(ctx.db, ctx.session.user.id, input.current, input.next),
  'vault.rekeyEstimate': (ctx) => ctx.vault.rekeyEstimate(),
  'vault.check': (ctx) => ctx.vault.check(ctx.db),
  'session.signOut': (ctx) => {
    ctx.vault.signOut(ctx.session.token);
    return {};
  },
  'staff.list': listAccounts,
  'staff.create': createAccount,
  'staff.update': updateAccount,
  'staff.setSecret': setSecret,
  'settings.get': getSettings,
  'settings.update': updateSettings,
  'audit.list': listAuditEntries,
  'audit.verify': (ctx) => verifyAudit(ctx.db),
  'audit.warnings': (ctx) => ({ warnings: ctx.vault.auditWarnings() }),
  'audit.acknowledge': (ctx) => ({ warnings: ctx.vault.acknowledgeAudit(ctx.session.user.id) }),
  'customers.create': createCustomer,
  'customers.get': readCustomer,
  'customers.update': editCustomer,
  'customers.setArchived': archiveCustomer,
  'customers.erase': eraseCustomer,
  'customers.erasePreview': previewErasure,
  'customers.summaryPdf': summaryPdf,
  'search.query': searchWithAudit,
  'requests.create': createRequest,
  'requests.decide': decideRequest,
  'requests.list': listRequests,
  'requests.options': handoverOptions,
  'requests.supply': supplyRequest,
  'requests.confirm': confirmRequest,
  'requests.closeCorrected': closeCorrected,
  'requests.accessPack': accessPack,
  'duplicates.scan': scanForDuplicates,
  'duplicates.scanStart': startScan,
  'duplicates.scanStep': stepScan,
  'duplicates.scanCancel': cancelScan,
  'duplicates.check': checkDraft,
  'duplicates.dismiss': dismissPair,
  'duplicates.merge': mergeRecords,
  'duplicates.mergeGroup': mergeGroupRecords,
  'duplicates.unmerge': unmergeRecords,
  'duplicates.history': listMergeHistory,
  'customers.verify': verifyCustomer,
  'quality.staleList': listStale,
  'retention.review': reviewRetention,
  'retention.erase': eraseRedundant,
  'retention.eraseValues': eraseExpiredValues,
  'imports.preview': previewUpload,
  'imports.errorReport': errorReport,
  'imports.start': startImport,
  'imports.step': stepImport,
  'imports.cancel': cancelImport,
  'imports.undo': undoImport,
  'imports.confirm': confirmImport,
  'imports.list': listImports,
  'imports.templates': readTemplates,
  'imports.saveTemplate': saveTemplate,
  'sources.list': listSources,
  'sources.setCost': setSourceCost,
  'exports.run': runExport,
  'consent.record': recordConsent,
  'consent.history': consentHistory,
  'consent.setDoNotContact': setDoNotContact,
  'consent.wording.get': getWording,
  'consent.wording.set': setWording,
  'purchases.add': addPurchase,
  'purchases.list': listPurchases,
  'purchases.import': importPurchases,
  'interactions.add': addInteraction,
  'interactions.list': listInteractions,
  'customers.summary': buyingSummary,
  'quality.completeness': completenessTable,
  'register.list': listRegister,
  'register.update': updateRegister,
  'register.add': addField,
  'register.remove': removeField,
  'register.export': exportRegister,
  'customers.missing': listMissing,
  'customers.provenance': readProvenance,
  'customers.organisations': findOrganisations,
  ...segmentHandlers,
  ...campaignHandlers,
  ...reportHandlers,
  ...briefHandlers,
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
  readonly path: string;
};

export function createCore(path: string, options: { now?: () => Date } = {}): Core {
  const clock = options.now ?? (() => new Date());
  const vault = new Vault(path, clock);

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

  return {
    dispatch,
    call: (token, method, input) => dispatch(token, method, input) as never,
    local,
    close: () => vault.close(),
    path,
  };
}

export function toAppError(error: unknown, path: string): AppError {
  const core = error instanceof CoreError ? error : storageError(error, path);
  if (core.code === 'INTERNAL' && !(error instanceof CoreError)) {
    // The only place an unexpected failure is reported; the person sees plain words. The
    // message is cut short and never includes input values (they could be personal).
    console.error('[custodian] unexpected error:', (error as Error)?.name, (error as Error)?.message?.slice(0, 200));
  }
  return AppError.parse({ code: core.code, message: core.message, fields: core.fields });
}
