// A subject-access pack: everything held about the customer, readable (PDF) and complete (JSON),
// with what UK GDPR Article 15 says they must be told (article15.ts). Preparing it hands the
// pack over: the request is recorded as supplied (every field, by the pack), so the next step
// is confirming its receipt. Only a role that may see every field prepares it (requests.service).

import { auditLabel, isAuditAction } from '../../../shared/audit-actions';
import type { Input, Output } from '../../../shared/contract';
import { PACK_CHANNEL, SUBJECT_ACCESS_BASIS_LABEL } from '../../../shared/contract/requests';
import { CoreError } from '../../../shared/contract/result';
import { displayName } from '../../../shared/customer';
import { formatDay, formatStamp } from '../../../shared/dates';
import { definedKey, HANDOVER_FIELD_KEYS, type HandoverField, selectFields } from '../../../shared/handover';
import { appendAudit, listAudit } from '../audit/audit';
import type { Context } from '../context';
import { getCustomer } from '../customers/customers.queries';
import { readRegister } from '../register/register.queries';
import { article15Sections, disclosures, ICO, purposes, RIGHTS, retention, sources } from './article15';
import { handoverSource } from './handover';
import { type PdfSection, renderPdf } from './pdf';
import { markSupplied } from './requests.queries';
import { findRow, listRequests, requireCompletePack } from './requests.service';

const SCALARS: HandoverField[] = HANDOVER_FIELD_KEYS.filter((k) => !['purchases', 'consent', 'contacts'].includes(k));

/** The list sections addressed to the person themselves. */
const PACK_HEADINGS: Record<string, string> = {
  purchases: 'Purchases and bookings',
  consent: 'Your marketing choices',
  contacts: 'Contacts with us',
};

export async function accessPack(
  ctx: Context,
  input: Input<'requests.accessPack'>,
): Promise<Output<'requests.accessPack'>> {
  const row = findRow(ctx, input.id);
  if (row.kind !== 'subject_access') throw new CoreError('CONFLICT', 'An access pack is for subject-access requests.');
  if (row.status === 'awaiting_approval' || row.status === 'refused') {
    throw new CoreError('CONFLICT', 'This request is not approved: no pack can be prepared for it.');
  }
  if (row.status === 'confirmed') {
    throw new CoreError(
      'CONFLICT',
      `Receipt of this pack was confirmed on ${formatDay(row.confirmed_at)}: for a new copy, record a new subject-access request.`,
    );
  }
  requireCompletePack(ctx, row, 'requests.accessPack');
  const customer = row.customer_id === null ? undefined : getCustomer(ctx.db, row.customer_id);
  if (!customer) throw new CoreError('NOT_FOUND', 'That customer record no longer exists.');
  const register = readRegister(ctx.db);
  // Every register-defined value held, also of fields no longer collected: the pack is complete.
  const all: HandoverField[] = [
    ...HANDOVER_FIELD_KEYS,
    ...register.filter((r) => r.kind !== null).map((r) => definedKey(r.key)),
  ];
  const source = handoverSource(ctx, customer, all);
  const selected = selectFields(source, all);
  const held = selected.filter((f) => f.items !== null || f.value.trim() !== '').map((f) => f.key);
  const history = listRequests(ctx, { customer_id: customer.id, open_only: false });
  const access = listAudit(ctx.db, undefined, 5000, customer.id).map(({ seq, at, user, action }) => ({
    seq,
    at,
    user: user || 'Custodian itself',
    action: isAuditAction(action) ? auditLabel(action) : 'Another action',
  }));
  const told = {
    purposes: purposes(source, register),
    retention: retention(source, register, ctx.vault.settings.redundant_after_years),
    sources: sources(ctx, source),
    disclosures: disclosures(history, source),
  };
  const json = {
    generated_at: ctx.now(),
    request: { id: row.id, received_at: row.received_at, due_at: row.due_at, lawful_basis: SUBJECT_ACCESS_BASIS_LABEL },
    profile: { ...customer, fields: source.values },
    purchases: source.purchases,
    interactions: source.interactions,
    consents: source.consent,
    disclosures: history
      .filter((r) => r.supplied_at && r.kind !== 'rectification')
      .map((d) => ({
        supplied_at: d.supplied_at,
        to: [d.requester_name, d.requester_org].filter(Boolean).join(', '),
        reason: d.reason,
      })),
    access_log: access,
    article_15: { ...told, your_rights: RIGHTS, complaints: ICO },
  };
  const details = selected.filter((f) => SCALARS.includes(f.key));
  const defined = selected.filter((f) => !SCALARS.includes(f.key) && f.items === null && f.value.trim() !== '');
  const lists = selected.filter((f) => f.items !== null);
  const sections: PdfSection[] = [
    { heading: 'Your details', rows: details },
    { heading: 'Other details we hold', rows: defined, empty: 'None recorded.' },
    ...lists.map((f) => ({ heading: PACK_HEADINGS[f.key] ?? f.label, rows: f.items ?? [], empty: 'None recorded.' })),
    ...article15Sections(told),
    {
      heading: 'Who has used your record',
      rows: access.map((a) => ({ label: formatStamp(a.at), value: `${a.user}: ${a.action}` })),
    },
  ];
  const pdf = await renderPdf(
    `Information we hold about ${displayName(customer)}`,
    `Your subject access request ${row.id}, received ${formatDay(row.received_at)}, answered ${formatDay(ctx.now())}. UK GDPR Article 15 gives you the right to this copy and to what follows it.`,
    sections,
  );
  ctx.db.transaction(() => {
    markSupplied(ctx.db, row.id, { fields: held, channel: PACK_CHANNEL, by: ctx.session.user.id, at: ctx.now() });
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'request.access_pack',
      entity: 'customer',
      entityId: customer.id,
      detail: { request: row.id },
    });
  })();
  return {
    pdf_base64: Buffer.from(pdf).toString('base64'),
    json: JSON.stringify(json, null, 2),
    filename: `subject-access-${row.id}`,
  };
}
