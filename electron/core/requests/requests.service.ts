// Information requests, from asking to confirmed receipt. A request records who asks, why, how
// they were checked and the lawful basis; third-party requests wait for a manager's approval
// (never the person who recorded it); supplying chooses fields and a channel; the member of
// staff then records how receipt and understanding were confirmed. Every step is audited.
// A subject-access pack, complete by right, is prepared only by a role that may see every field
// the register holds. Refusals are audited as refused. Handing over is in handover.ts, the
// subject-access pack in access-pack.ts.

import { type Input, type Output, rolesFor } from '../../../shared/contract';
import { type InfoRequest, SUBJECT_ACCESS_BASES } from '../../../shared/contract/requests';
import { CoreError } from '../../../shared/contract/result';
import type { Role } from '../../../shared/contract/roles';
import { displayName } from '../../../shared/customer';
import { hiddenFor } from '../../../shared/profile-details';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { getCustomer } from '../customers/customers.queries';
import { readRegister } from '../register/register.queries';
import { closeCorrection } from './rectification';
import { insertRequest, markConfirmed, markDecided, type Row, requestRow, requestRows } from './requests.queries';

export function toRequest(r: Row): InfoRequest {
  return {
    id: r.id,
    customer_id: r.customer_id,
    customer_name: r.customer_id === null ? '(erased customer)' : displayName(r),
    kind: r.kind,
    requester_type: r.requester_type,
    requester_name: r.requester_name,
    requester_org: r.requester_org,
    reason: r.reason,
    identity_check: r.identity_check,
    lawful_basis: r.lawful_basis,
    status: r.status,
    received_at: r.received_at,
    due_at: r.due_at,
    created_by: r.created_by,
    decided_by: r.decided_by,
    decided_at: r.decided_at,
    decision_note: r.decision_note,
    fields: JSON.parse(r.fields) as string[],
    channel: r.channel,
    supplied_by: r.supplied_by,
    supplied_at: r.supplied_at,
    confirmed_at: r.confirmed_at,
    confirmation_method: r.confirmation_method,
    understood: r.understood === null ? null : r.understood === 1,
    confirmation_note: r.confirmation_note,
  };
}

export function findRow(ctx: Context, id: number): Row {
  const row = requestRow(ctx.db, id);
  if (!row) throw new CoreError('NOT_FOUND', 'That request does not exist.');
  return row;
}

/** One calendar month from the day received; the last day of the next month if there is no such day (ICO). */
export function subjectAccessDue(receivedOn: string): string {
  const [y, m, d] = receivedOn.split('-').map(Number) as [number, number, number];
  const lastDayNextMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, lastDayNextMonth))).toISOString().slice(0, 10);
}

function needsApproval(ctx: Context, requesterType: string): boolean {
  return requesterType === 'third_party' && ctx.vault.settings.third_party_needs_approval;
}

export function createRequest(ctx: Context, input: Input<'requests.create'>): Output<'requests.create'> {
  return ctx.db.transaction(() => {
    const customer = getCustomer(ctx.db, input.customer_id);
    if (!customer) throw new CoreError('NOT_FOUND', 'That customer record does not exist.');
    // Subject access is answered because the law says so (UK GDPR Art. 15): no other basis fits.
    if (input.kind === 'subject_access' && !SUBJECT_ACCESS_BASES.includes(input.lawful_basis)) {
      const message =
        'A subject-access request is answered because the law requires it: its lawful basis is legal obligation (UK GDPR Art. 15).';
      throw new CoreError('INVALID_INPUT', message, [{ path: 'lawful_basis', message }]);
    }
    const receivedOn = input.received_on ?? ctx.now().slice(0, 10);
    const due = input.kind === 'disclosure' ? '' : subjectAccessDue(receivedOn);
    const status = needsApproval(ctx, input.requester_type) ? 'awaiting_approval' : 'approved';
    const id = insertRequest(ctx.db, {
      customerId: input.customer_id,
      kind: input.kind,
      requesterType: input.requester_type,
      requesterName: input.requester_name,
      requesterOrg: input.requester_org ?? '',
      reason: input.reason,
      identityCheck: input.identity_check,
      lawfulBasis: input.lawful_basis,
      status,
      receivedOn,
      due,
      by: ctx.session.user.id,
      at: ctx.now(),
    });
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'request.create',
      entity: 'customer',
      entityId: input.customer_id,
      detail: { request: id, kind: input.kind, requester_type: input.requester_type, lawful_basis: input.lawful_basis },
    });
    return toRequest(findRow(ctx, id));
  })();
}

export function decideRequest(ctx: Context, input: Input<'requests.decide'>): Output<'requests.decide'> {
  return ctx.db.transaction(() => {
    const row = findRow(ctx, input.id);
    if (row.status !== 'awaiting_approval')
      throw new CoreError('CONFLICT', 'This request is not waiting for approval.');
    if (row.created_by_id === ctx.session.user.id) {
      throw new CoreError('FORBIDDEN', 'You recorded this request, so someone else must approve it.');
    }
    markDecided(ctx.db, row.id, {
      approve: input.approve,
      by: ctx.session.user.id,
      at: ctx.now(),
      note: input.note ?? '',
    });
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: input.approve ? 'request.approve' : 'request.refuse',
      entity: 'customer',
      entityId: row.customer_id,
      detail: { request: row.id },
    });
    return toRequest(findRow(ctx, row.id));
  })();
}

export function listRequests(ctx: Context, input: Input<'requests.list'>): Output<'requests.list'> {
  return requestRows(ctx.db, { customerId: input.customer_id, openOnly: input.open_only }).map(toRequest);
}

// ---------------------------------------------------------------------------------------------
// Who may hand over what: the register's "who may see"

const ASK: Record<Role, string> = {
  owner: 'the owner',
  manager: 'a manager',
  staff: 'a member of staff',
  volunteer: 'a volunteer',
  readonly: 'a read-only account',
};

/** "a, b and c" */
export function inWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Who may prepare a subject-access pack: a role that may see every field the register holds,
 * custom and retired ones too. Decided by role, not by which values this customer happens to
 * hold: a refusal that depended on the record would tell the member of staff it holds a value
 * they may not see.
 */
export function packAccess(ctx: Context): Output<'requests.options'>['pack'] {
  const register = readRegister(ctx.db);
  const roles = rolesFor('requests.accessPack').filter((role) => hiddenFor(role, register).length === 0);
  if (roles.includes(ctx.session.user.role)) return { allowed: true, roles, message: '' };
  const message =
    roles.length === 0
      ? 'A subject-access pack must be complete, but the register hides a field from every role: a manager or the owner must change who may see it first.'
      : `A subject-access pack must be complete: ask ${[...roles]
          .reverse()
          .map((r) => ASK[r])
          .join(' or ')} to prepare it.`;
  return { allowed: false, roles, message };
}

/** Audit a refused attempt as refused (with what was asked, never a value), then refuse it. */
export function refuse(ctx: Context, row: Row, error: CoreError, detail: Record<string, unknown>): never {
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'refused',
    entity: 'customer',
    entityId: row.customer_id,
    detail: { ...detail, request: row.id },
  });
  throw error;
}

/** A subject-access request is answered complete, by a role that may see everything, or not at all. */
export function requireCompletePack(ctx: Context, row: Row, method: string): void {
  const pack = packAccess(ctx);
  if (!pack.allowed) refuse(ctx, row, new CoreError('FORBIDDEN', pack.message), { method, reason: 'incomplete pack' });
}

export function confirmRequest(ctx: Context, input: Input<'requests.confirm'>): Output<'requests.confirm'> {
  return ctx.db.transaction(() => {
    const row = findRow(ctx, input.id);
    if (row.status !== 'supplied' && row.status !== 'confirmed') {
      throw new CoreError('CONFLICT', 'Nothing has been handed over for this request yet.');
    }
    markConfirmed(ctx.db, row.id, {
      at: ctx.now(),
      method: input.method,
      understood: input.understood,
      note: input.note ?? '',
    });
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'request.confirm',
      entity: 'customer',
      entityId: row.customer_id,
      detail: { request: row.id, method: input.method, understood: input.understood },
    });
    return toRequest(findRow(ctx, row.id));
  })();
}

export function closeCorrected(
  ctx: Context,
  input: Input<'requests.closeCorrected'>,
): Output<'requests.closeCorrected'> {
  return ctx.db.transaction(() => {
    const row = findRow(ctx, input.id);
    const fields = closeCorrection(ctx, row.id, input.note ?? '');
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'request.corrected',
      entity: 'customer',
      entityId: row.customer_id,
      detail: { request: row.id, fields },
    });
    return toRequest(findRow(ctx, row.id));
  })();
}
