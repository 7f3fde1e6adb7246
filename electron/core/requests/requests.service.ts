// Information requests, from asking to confirmed receipt. A request records who asks, why, how
// they were checked and the lawful basis; third-party requests wait for a manager's approval
// (never the person who recorded it); supplying chooses fields and a channel; the member of
// staff then records how receipt and understanding were confirmed. Every step is audited.
// What may be handed over follows the register's "who may see", as on the record itself: a role
// hands over only fields it may see, and a subject-access pack, complete by right, is prepared
// only by a role that may see every field the register holds. Refusals are audited as refused.

import { type Input, type Output, rolesFor } from '../../../shared/contract';
import type { InfoRequest } from '../../../shared/contract/requests';
import { CoreError } from '../../../shared/contract/result';
import type { Role } from '../../../shared/contract/roles';
import { fieldText } from '../../../shared/custom-fields';
import { displayName } from '../../../shared/customer';
import {
  HANDOVER_FIELD_KEYS,
  HANDOVER_FIELDS,
  type HandoverField,
  selectFields,
  withheldFields,
} from '../../../shared/handover';
import { hiddenFor } from '../../../shared/profile-details';
import { INTERACTION_KIND_LABELS } from '../../../shared/purchases';
import { appendAudit, listAudit } from '../audit/audit';
import { consentHistory } from '../consent/consent.service';
import type { Context } from '../context';
import { getCustomer } from '../customers/customers.queries';
import { hiddenFields } from '../customers/details.service';
import { all, get, run, sql } from '../db/sql';
import { listInteractions } from '../interactions/interactions.service';
import { listPurchases } from '../purchases/purchases.service';
import { readValues, valueFields } from '../register/custom-values';
import { readRegister } from '../register/register.service';
import { buildPack, encryptWithPassphrase, toHandoverCsv, toSummaryPdf, toVcard } from './formats';
import { renderPdf } from './pdf';
import { closeCorrection } from './rectification';

type Row = Omit<InfoRequest, 'fields' | 'understood' | 'customer_name' | 'customer_id'> & {
  customer_id: number | null;
  fields: string;
  understood: number | null;
  given_name: string;
  family_name: string;
  preferred_name: string;
  title: string;
  created_by_id: number;
};

const SELECT = `
  SELECT r.*, r.created_by AS created_by_id,
    coalesce(cb.name, '') AS created_by, coalesce(db.name, '') AS decided_by, coalesce(sb.name, '') AS supplied_by,
    coalesce(c.given_name, '') AS given_name, coalesce(c.family_name, '') AS family_name,
    coalesce(c.preferred_name, '') AS preferred_name, coalesce(c.title, '') AS title
  FROM info_requests r
  LEFT JOIN customers c ON c.id = r.customer_id
  LEFT JOIN users cb ON cb.id = r.created_by
  LEFT JOIN users db ON db.id = r.decided_by
  LEFT JOIN users sb ON sb.id = r.supplied_by`;

function toRequest(r: Row): InfoRequest {
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

function findRow(ctx: Context, id: number): Row {
  const row = get<Row>(ctx.db, { text: `${SELECT} WHERE r.id = ?`, params: [id] });
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
    const receivedOn = input.received_on ?? ctx.now().slice(0, 10);
    const due = input.kind === 'disclosure' ? '' : subjectAccessDue(receivedOn);
    const status = needsApproval(ctx, input.requester_type) ? 'awaiting_approval' : 'approved';
    const { lastInsertRowid } = run(
      ctx.db,
      sql`INSERT INTO info_requests (customer_id, kind, requester_type, requester_name, requester_org, reason,
            identity_check, lawful_basis, status, received_at, due_at, created_by, created_at)
          VALUES (${input.customer_id}, ${input.kind}, ${input.requester_type}, ${input.requester_name},
            ${input.requester_org ?? ''}, ${input.reason}, ${input.identity_check}, ${input.lawful_basis}, ${status},
            ${receivedOn}, ${due}, ${ctx.session.user.id}, ${ctx.now()})`,
    );
    const id = Number(lastInsertRowid);
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
    run(
      ctx.db,
      sql`UPDATE info_requests SET status = ${input.approve ? 'approved' : 'refused'}, decided_by = ${ctx.session.user.id},
            decided_at = ${ctx.now()}, decision_note = ${input.note ?? ''} WHERE id = ${row.id}`,
    );
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
  const where = [
    input.customer_id ? 'r.customer_id = ?' : '',
    input.open_only ? "r.status NOT IN ('confirmed','refused')" : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  const params = input.customer_id ? [input.customer_id] : [];
  return all<Row>(ctx.db, {
    text: `${SELECT} ${where ? `WHERE ${where}` : ''} ORDER BY r.id DESC LIMIT 500`,
    params,
  }).map(toRequest);
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
function inWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Who may prepare a subject-access pack: a role that may see every field the register holds,
 * custom and retired ones too. Decided by role, not by which values this customer happens to
 * hold: a refusal that depended on the record would tell the member of staff it holds a value
 * they may not see.
 */
function packAccess(ctx: Context): Output<'requests.options'>['pack'] {
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

/** The fields this role may hand over (the others are withheld), and whether it may prepare a pack. */
export function handoverOptions(ctx: Context): Output<'requests.options'> {
  const withheld = withheldFields(hiddenFields(ctx, 0));
  return {
    fields: HANDOVER_FIELD_KEYS.filter((k) => !withheld.includes(k)),
    withheld,
    pack: packAccess(ctx),
  };
}

/** Audit a refused attempt as refused (with what was asked, never a value), then refuse it. */
function refuse(ctx: Context, row: Row, error: CoreError, detail: Record<string, unknown>): never {
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'refused',
    entity: 'customer',
    entityId: row.customer_id,
    detail: { ...detail, request: row.id },
  });
  throw error;
}

/** A subject-access request is answered complete, by a role that may see everything, or not at all. */
function requireCompletePack(ctx: Context, row: Row, method: string): void {
  const pack = packAccess(ctx);
  if (!pack.allowed) refuse(ctx, row, new CoreError('FORBIDDEN', pack.message), { method, reason: 'incomplete pack' });
}

/** Refuse (naming them) the chosen fields that carry a value this role may not see. */
function requireVisible(ctx: Context, row: Row, customerId: number, fields: readonly HandoverField[]): void {
  const withheld = withheldFields(hiddenFields(ctx, customerId));
  const refused = fields.filter((f) => withheld.includes(f));
  if (refused.length === 0) return;
  const labels = HANDOVER_FIELDS.filter((f) => refused.includes(f.key)).map((f) => f.label);
  const message = `Your role may not see ${inWords(labels)}: leave ${refused.length === 1 ? 'it' : 'them'} out of the handover.`;
  const error = new CoreError('FORBIDDEN', message, [{ path: 'fields', message }]);
  refuse(ctx, row, error, { method: 'requests.supply', fields: refused });
}

const MIME: Record<string, string> = {
  screen: 'application/json',
  pdf: 'application/pdf',
  csv: 'text/csv',
  vcard: 'text/vcard',
  json: 'application/json',
  encrypted: 'application/pgp-encrypted',
};

export async function supplyRequest(ctx: Context, input: Input<'requests.supply'>): Promise<Output<'requests.supply'>> {
  const row = findRow(ctx, input.id);
  if (row.status === 'awaiting_approval')
    throw new CoreError('FORBIDDEN', 'This request needs a manager’s approval first.');
  if (row.status === 'refused')
    throw new CoreError('FORBIDDEN', 'This request was refused: nothing can be handed over.');
  if (input.channel === 'encrypted' && !input.file_passphrase) {
    throw new CoreError('INVALID_INPUT', 'Give the passphrase for the encrypted file.', [
      { path: 'file_passphrase', message: 'Give the passphrase for the encrypted file.' },
    ]);
  }
  const customer = row.customer_id === null ? undefined : getCustomer(ctx.db, row.customer_id);
  if (!customer) throw new CoreError('NOT_FOUND', 'That customer record no longer exists.');
  // A partial handover must not answer (and close) a subject-access request.
  if (row.kind === 'subject_access') requireCompletePack(ctx, row, 'requests.supply');
  const fields = HANDOVER_FIELD_KEYS.filter((k) => input.fields.includes(k)) as HandoverField[];
  requireVisible(ctx, row, customer.id, fields);
  const requester = [row.requester_name, row.requester_org].filter(Boolean).join(', ');
  const pack = buildPack(
    customer,
    fields,
    { id: row.id, requester, reason: row.reason, lawful_basis: row.lawful_basis },
    ctx.now(),
  );
  const stem = `custodian-request-${row.id}`;
  let content: Uint8Array | string;
  let filename = `${stem}.json`;
  switch (input.channel) {
    case 'pdf':
      content = await toSummaryPdf(
        customer,
        fields,
        `Supplied to ${requester} on ${ctx.now().slice(0, 10)}. Request ${row.id}.`,
      );
      filename = `${stem}.pdf`;
      break;
    case 'csv':
      content = toHandoverCsv(customer, fields);
      filename = `${stem}.csv`;
      break;
    case 'vcard':
      content = toVcard(customer, fields);
      filename = `${stem}.vcf`;
      break;
    case 'encrypted':
      content = await encryptWithPassphrase(JSON.stringify(pack, null, 2), input.file_passphrase ?? '');
      filename = `${stem}.json.asc`;
      break;
    default:
      content = JSON.stringify(pack, null, 2);
  }
  ctx.db.transaction(() => {
    run(
      ctx.db,
      sql`UPDATE info_requests SET status = 'supplied', fields = ${JSON.stringify(fields)}, channel = ${input.channel},
            supplied_by = ${ctx.session.user.id}, supplied_at = ${ctx.now()} WHERE id = ${row.id}`,
    );
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'request.supply',
      entity: 'customer',
      entityId: row.customer_id,
      detail: { request: row.id, channel: input.channel, fields },
    });
  })();
  return {
    request: toRequest(findRow(ctx, row.id)),
    filename,
    mime: MIME[input.channel] ?? 'application/octet-stream',
    content_base64: Buffer.from(content).toString('base64'),
    shown:
      input.channel === 'screen' ? selectFields(customer, fields).map(({ label, value }) => ({ label, value })) : [],
  };
}

export function confirmRequest(ctx: Context, input: Input<'requests.confirm'>): Output<'requests.confirm'> {
  return ctx.db.transaction(() => {
    const row = findRow(ctx, input.id);
    if (row.status !== 'supplied' && row.status !== 'confirmed') {
      throw new CoreError('CONFLICT', 'Nothing has been handed over for this request yet.');
    }
    run(
      ctx.db,
      sql`UPDATE info_requests SET status = 'confirmed', confirmed_at = ${ctx.now()}, confirmation_method = ${input.method},
            understood = ${input.understood ? 1 : 0}, confirmation_note = ${input.note ?? ''} WHERE id = ${row.id}`,
    );
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

/** A subject-access pack: everything held about the customer, readable (PDF) and complete (JSON). */
export async function accessPack(
  ctx: Context,
  input: Input<'requests.accessPack'>,
): Promise<Output<'requests.accessPack'>> {
  const row = findRow(ctx, input.id);
  if (row.kind !== 'subject_access') throw new CoreError('CONFLICT', 'An access pack is for subject-access requests.');
  requireCompletePack(ctx, row, 'requests.accessPack');
  const customer = row.customer_id === null ? undefined : getCustomer(ctx.db, row.customer_id);
  if (!customer) throw new CoreError('NOT_FOUND', 'That customer record no longer exists.');
  const disclosures = listRequests(ctx, { customer_id: customer.id, open_only: false }).filter((r) => r.supplied_at);
  const everything = { customer_id: customer.id, limit: Number.MAX_SAFE_INTEGER };
  const purchases = listPurchases(ctx, everything);
  const interactions = listInteractions(ctx, everything);
  const consent = consentHistory(ctx, { customer_id: customer.id });
  // Every register-defined value held, also of fields no longer collected: the pack is complete.
  const defined = valueFields(ctx.db);
  const values = readValues(ctx.db, customer.id, defined);
  const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;
  const access = listAudit(ctx.db, undefined, 5000, customer.id).map(({ seq, at, user, action }) => ({
    seq,
    at,
    user,
    action,
  }));
  const json = {
    generated_at: ctx.now(),
    request: { id: row.id, received_at: row.received_at, due_at: row.due_at },
    profile: { ...customer, fields: values },
    purchases,
    interactions,
    consents: consent,
    disclosures: disclosures.map((d) => ({
      supplied_at: d.supplied_at,
      to: [d.requester_name, d.requester_org].filter(Boolean).join(', '),
      reason: d.reason,
      lawful_basis: d.lawful_basis,
      fields: d.fields,
      channel: d.channel,
    })),
    access_log: access,
  };
  const pdf = await renderPdf(
    `Information we hold about ${displayName(customer)}`,
    `Subject access request ${row.id}, received ${row.received_at}, answered ${ctx.now().slice(0, 10)}.`,
    [
      { heading: 'Your details', rows: selectFields(customer, HANDOVER_FIELD_KEYS) },
      {
        heading: 'Other details we hold',
        rows: defined.filter((f) => f.key in values).map((f) => ({ label: f.label, value: fieldText(values[f.key]) })),
        empty: 'None recorded.',
      },
      {
        heading: 'Purchases and bookings',
        rows: purchases.map((p) => ({
          label: p.date,
          value: `${p.item}${p.category ? ` (${p.category})` : ''} × ${p.quantity}, ${p.refund ? 'refund ' : ''}${pounds(p.amount_pence)}`,
        })),
        empty: 'None recorded.',
      },
      {
        heading: 'Contacts with us',
        rows: interactions.map((i) => ({
          label: i.at.slice(0, 10),
          value: [
            `${INTERACTION_KIND_LABELS[i.kind]}${i.summary ? `: ${i.summary}` : ''}`,
            i.outcome ? `Outcome: ${i.outcome}` : '',
            `(${i.handled_by})`,
          ]
            .filter(Boolean)
            .join(' — '),
        })),
        empty: 'None recorded.',
      },
      {
        heading: 'Marketing consent',
        rows: [
          ...consent.current.map((c) => ({ label: 'Now', value: c.label })),
          ...consent.events.map((e) => ({
            label: e.at.slice(0, 10),
            value: `${e.channel} ${e.action}: “${e.wording}”`,
          })),
        ],
        empty: 'None recorded.',
      },
      {
        heading: 'Who we have given your information to',
        rows: json.disclosures.map((d) => ({
          label: d.supplied_at.slice(0, 10),
          value: `${d.to} — ${d.reason} (${d.fields.join(', ')})`,
        })),
        empty: 'Nobody.',
      },
      {
        heading: 'Who has looked at or changed your record',
        rows: access.map((a) => ({
          label: a.at.slice(0, 16).replace('T', ' '),
          value: `${a.user || 'system'}: ${a.action}`,
        })),
      },
    ],
  );
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'request.access_pack',
    entity: 'customer',
    entityId: customer.id,
    detail: { request: row.id },
  });
  return {
    pdf_base64: Buffer.from(pdf).toString('base64'),
    json: JSON.stringify(json, null, 2),
    filename: `subject-access-${row.id}`,
  };
}
