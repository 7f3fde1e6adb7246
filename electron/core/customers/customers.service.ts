// Recording and editing customers: validated input in, audited transaction, stored record out.
import { CUSTOMER_COLUMNS } from '../../../shared/columns';
import type { Output } from '../../../shared/contract';
import { CoreError, fieldErrors } from '../../../shared/contract/result';
import { type CustomerData, CustomerInput } from '../../../shared/customer';
import { changedFields } from '../../../shared/profile-details';
import { appendAudit, appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { draftFromValues, targetOf } from '../imports/rows';
import { withValues } from '../register/custom-values';
import { openRectification, recordCorrection } from '../requests/rectification';
import { insertCustomers } from './bulk';
import { findByRef, getCustomer, insertCustomer, setArchived, updateCustomer } from './customers.queries';
import { checkEditable, keepHidden, visibleCustomer } from './details.service';
import { afterCustomerSaved } from './hooks';
import { checkCustomer, ruleErrors, saveRules } from './save';

// The canonical columns live in shared/ (the contract and the renderer use them too).
const CSV_COLUMNS = CUSTOMER_COLUMNS;

export { CSV_COLUMNS };

function mustGet(ctx: Context, id: number) {
  const customer = getCustomer(ctx.db, id);
  if (!customer) throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may have been deleted).');
  return withValues(ctx, customer);
}

function refTaken(ctx: Context, ref: string, id?: number): boolean {
  if (!ref) return false;
  const holder = findByRef(ctx.db, ref);
  return holder !== undefined && holder !== id;
}

const refConflict = (ref: string) =>
  new CoreError('CONFLICT', `Customer number ${ref} is already used by another record.`, [
    { path: 'ref', message: 'Already used by another record.' },
  ]);

export function createCustomer(ctx: Context, data: CustomerData): Output<'customers.create'> {
  return ctx.db.transaction(() => {
    if (refTaken(ctx, data.ref)) throw refConflict(data.ref);
    checkCustomer(ctx, null, data, 'counter');
    const via = data.collected_via;
    const id = insertCustomer(
      ctx.db,
      data,
      ctx.session.user.id,
      ctx.now(),
      via ? { source: via, importId: null } : undefined,
    );
    afterCustomerSaved(ctx, id, data, true);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'customer.create',
      entity: 'customer',
      entityId: id,
    });
    ctx.session.created.add(id);
    return visibleCustomer(ctx, mustGet(ctx, id));
  })();
}

export function readCustomer(ctx: Context, { id }: { id: number }): Output<'customers.get'> {
  if (ctx.session.user.role === 'volunteer' && !ctx.session.created.has(id)) {
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'refused',
      entity: 'customer',
      entityId: id,
      detail: { method: 'customers.get' },
    });
    throw new CoreError('FORBIDDEN', 'Volunteers can see only the records they added in this sign-in.');
  }
  const customer = mustGet(ctx, id);
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customer.view',
    entity: 'customer',
    entityId: id,
  });
  return visibleCustomer(ctx, customer);
}

export function editCustomer(
  ctx: Context,
  input: { id: number; version: number; data: CustomerData; request_id?: number | undefined },
): Output<'customers.update'> {
  return ctx.db.transaction(() => {
    const stored = mustGet(ctx, input.id);
    if (input.request_id !== undefined) openRectification(ctx, input.request_id, input.id);
    // What this role may not see was shown blank: keep it as stored, then refuse changes it may not make.
    const data = keepHidden(ctx, stored, input.data);
    checkEditable(ctx, stored, data);
    if (refTaken(ctx, data.ref, input.id)) throw refConflict(data.ref);
    checkCustomer(ctx, stored, data, 'counter');
    if (!updateCustomer(ctx.db, input.id, input.version, data, ctx.session.user.id, ctx.now())) {
      throw new CoreError(
        'CONFLICT',
        'Someone else changed this record while you were editing. Reopen it to see their changes.',
      );
    }
    // A correction asked for: the request records which fields changed, by name only (the wrong
    // values are the personal data the customer asked to have put right), and the audit links both.
    const corrected = input.request_id === undefined ? [] : changedFields(stored, data);
    if (input.request_id !== undefined) recordCorrection(ctx, input.request_id, corrected);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'customer.update',
      entity: 'customer',
      entityId: input.id,
      ...(input.request_id === undefined ? {} : { detail: { request: input.request_id, fields: corrected } }),
    });
    afterCustomerSaved(ctx, input.id, data, false);
    return visibleCustomer(ctx, mustGet(ctx, input.id));
  })();
}

export function archiveCustomer(
  ctx: Context,
  input: { id: number; archived: boolean },
): Output<'customers.setArchived'> {
  return ctx.db.transaction(() => {
    if (!setArchived(ctx.db, input.id, input.archived, ctx.session.user.id, ctx.now())) mustGet(ctx, input.id);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: input.archived ? 'customer.archive' : 'customer.unarchive',
      entity: 'customer',
      entityId: input.id,
    });
    return visibleCustomer(ctx, mustGet(ctx, input.id));
  })();
}

/** What importRows was given and gives back: rows keyed by the canonical headers (CSV_COLUMNS). */
export type RowsImport = {
  rows: Record<string, string>[];
  /** Where the rows came from, as the sources register names it (recorded as `import:<source>`). */
  source: string;
  /** The number of the first row in the caller's file (2: after a header line). */
  first_row_number?: number;
};
export type RowsImported = { created: number; errors: { row: number; column: string; message: string }[] };

/** The column a field error is about: a register field by its key, a built-in by its header. */
const columnOf = (path: string) => (path.startsWith('fields.') ? path : (targetOf(path) ?? path));

/**
 * New records from rows with the canonical headers, for in-process hosts (benches, tests; through
 * core.local, never IPC: the window imports through imports.*). Each row passes the rules a
 * counter save passes (save.ts: must-haves excepted, as for every import) and is recorded as
 * collected by this import; a row that breaks one is reported by number and column, the others
 * are written together.
 */
export function importRows(ctx: Context, input: RowsImport): RowsImported {
  const errors: RowsImported['errors'] = [];
  const firstRow = input.first_row_number ?? 2;
  const valid: CustomerData[] = [];
  // Numbers taken by earlier rows of this import: those rows are written together at the end.
  const refs = new Set<string>();
  ctx.db.transaction(() => {
    const rules = saveRules(ctx);
    input.rows.forEach((row, i) => {
      const rowNumber = firstRow + i;
      // The same reading of a row as the import engine's, so both report the same columns.
      const parsed = CustomerInput.safeParse(draftFromValues(row));
      if (!parsed.success) {
        for (const f of fieldErrors(parsed.error)) {
          errors.push({ row: rowNumber, column: targetOf(f.path) ?? f.path, message: f.message });
        }
        return;
      }
      if (refs.has(parsed.data.ref) || refTaken(ctx, parsed.data.ref)) {
        errors.push({ row: rowNumber, column: 'ref', message: `Customer number ${parsed.data.ref} is already used.` });
        return;
      }
      const refused = ruleErrors(() => checkCustomer(ctx, null, parsed.data, 'import', rules));
      if (refused) {
        for (const f of refused) errors.push({ row: rowNumber, column: columnOf(f.path), message: f.message });
        return;
      }
      if (parsed.data.ref) refs.add(parsed.data.ref);
      valid.push(parsed.data);
    });
    insertCustomers(ctx.db, valid, ctx.session.user.id, ctx.now(), {
      source: `import:${input.source}`,
      importId: null,
    });
    const created = valid.length;
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'customers.import',
      detail: { source: input.source, rows: input.rows.length, created, rejected: input.rows.length - created },
    });
  })();
  return { created: valid.length, errors };
}
