// Handing information over for a request: which fields this role may hand over (the register's
// "who may see" for the fields it lists, the contract's roles for purchases, consent and
// contacts), refusing anything else (audited as refused, naming the fields, never a value), and
// the chosen fields in the chosen channel. Only what was chosen is read from the file.

import { type Input, type Method, type Output, rolesFor } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import {
  definedKey,
  HANDOVER_FIELD_KEYS,
  HANDOVER_FIELDS,
  type HandoverField,
  type HandoverSource,
  handoverLabel,
  notOnVcard,
  registerKeyOf,
  selectFields,
  withheldFields,
} from '../../../shared/handover';
import { appendAudit } from '../audit/audit';
import { historyOf } from '../consent/consent.service';
import type { Context } from '../context';
import { getCustomer } from '../customers/customers.queries';
import { hiddenFields } from '../customers/details.service';
import { listInteractions } from '../interactions/interactions.service';
import { listPurchases } from '../purchases/purchases.service';
import { hiddenValueFields, readValues, valueFields } from '../register/custom-values';
import { buildPack, encryptWithPassphrase, toHandoverCsv, toSummaryPdf, toVcard } from './formats';
import type { Row } from './requests.queries';
import { markSupplied } from './requests.queries';
import { findRow, inWords, packAccess, refuse, requireCompletePack, toRequest } from './requests.service';

type Rules = { offered: HandoverField[]; withheld: HandoverField[]; labels: Record<string, string> };

/** What this role may hand over from this record (0: any record) and what it may not. */
function handoverRules(ctx: Context, customerId: number): Rules {
  const role = ctx.session.user.role;
  const hiddenByRegister = withheldFields(hiddenFields(ctx, customerId));
  const fixedWithheld = HANDOVER_FIELDS.filter(
    (f) => hiddenByRegister.includes(f.key) || ('reads' in f && !rolesFor(f.reads as Method).includes(role)),
  ).map((f) => f.key);
  const defined = valueFields(ctx.db);
  const hiddenDefined = new Set(hiddenValueFields(ctx, defined).map((f) => f.key));
  const labels: Record<string, string> = {};
  const offered: HandoverField[] = [];
  const withheld: HandoverField[] = [];
  for (const f of HANDOVER_FIELDS) {
    labels[f.key] = f.label;
    (fixedWithheld.includes(f.key) ? withheld : offered).push(f.key);
  }
  for (const d of defined) {
    const key = definedKey(d.key);
    labels[key] = d.label;
    (hiddenDefined.has(d.key) ? withheld : offered).push(key);
  }
  return { offered, withheld, labels };
}

/** The fields this role may hand over (the others are withheld), and whether it may prepare a pack. */
export function handoverOptions(ctx: Context): Output<'requests.options'> {
  const { offered, withheld, labels } = handoverRules(ctx, 0);
  return { fields: offered, withheld, labels, pack: packAccess(ctx) };
}

/**
 * Refuse a field that is not in the register (it may have been removed), and (naming them,
 * audited) the chosen fields that carry a value this role may not see.
 */
function requireVisible(ctx: Context, row: Row, customerId: number, fields: readonly HandoverField[]): void {
  const rules = handoverRules(ctx, customerId);
  const unknown = fields.filter((f) => !(f in rules.labels));
  if (unknown.length > 0) {
    const message = 'A field chosen is no longer in the register: choose the fields again.';
    throw new CoreError('INVALID_INPUT', message, [{ path: 'fields', message }]);
  }
  const refused = fields.filter((f) => rules.withheld.includes(f));
  if (refused.length === 0) return;
  const labels = refused.map((f) => rules.labels[f] ?? f);
  const message = `Your role may not see ${inWords(labels)}: leave ${refused.length === 1 ? 'it' : 'them'} out of the handover.`;
  const error = new CoreError('FORBIDDEN', message, [{ path: 'fields', message }]);
  refuse(ctx, row, error, { method: 'requests.supply', fields: refused });
}

/** Read from the file only what the chosen fields carry. */
export function handoverSource(
  ctx: Context,
  customer: NonNullable<ReturnType<typeof getCustomer>>,
  fields: readonly HandoverField[],
): HandoverSource {
  const everything = { customer_id: customer.id, limit: Number.MAX_SAFE_INTEGER };
  const defined = valueFields(ctx.db);
  const wantsDefined = fields.some((f) => registerKeyOf(f) !== null);
  return {
    customer,
    purchases: fields.includes('purchases') ? listPurchases(ctx, everything) : [],
    interactions: fields.includes('contacts') ? listInteractions(ctx, everything) : [],
    consent: fields.includes('consent') ? historyOf(ctx, customer.id) : null,
    values: wantsDefined ? readValues(ctx.db, customer.id, defined) : {},
    defined: defined.map((d) => ({ key: d.key, label: d.label })),
  };
}

const MIME: Record<string, string> = {
  screen: 'application/json',
  pdf: 'application/pdf',
  csv: 'text/csv',
  vcard: 'text/vcard',
  json: 'application/json',
  encrypted: 'application/pgp-encrypted',
};

/** Chosen fields in catalogue order: the fixed ones, then the register's own as listed. */
function ordered(fields: readonly HandoverField[]): HandoverField[] {
  const fixed = HANDOVER_FIELD_KEYS.filter((k) => fields.includes(k));
  const defined = fields.filter((f) => registerKeyOf(f) !== null);
  return [...fixed, ...new Set(defined)];
}

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
  // Partial answers to a subject-access request by a role that may not see everything would
  // close it incomplete: refused as for the pack itself.
  if (row.kind === 'subject_access') requireCompletePack(ctx, row, 'requests.supply');
  const fields = ordered(input.fields);
  requireVisible(ctx, row, customer.id, fields);
  if (input.channel === 'vcard') {
    const left = notOnVcard(fields);
    if (left.length > 0) {
      const source = handoverSource(ctx, customer, []);
      const names = inWords(left.map((k) => handoverLabel(k, source.defined)));
      const message = `A vCard carries contact details only, not ${names}: choose PDF, CSV or JSON for ${left.length === 1 ? 'it' : 'them'}.`;
      throw new CoreError('INVALID_INPUT', message, [{ path: 'channel', message }]);
    }
  }
  const source = handoverSource(ctx, customer, fields);
  const requester = [row.requester_name, row.requester_org].filter(Boolean).join(', ');
  const pack = buildPack(
    source,
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
        source,
        fields,
        `Supplied to ${requester} on ${ctx.now().slice(0, 10)}. Request ${row.id}.`,
      );
      filename = `${stem}.pdf`;
      break;
    case 'csv':
      content = toHandoverCsv(source, fields);
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
    markSupplied(ctx.db, row.id, { fields: fields, channel: input.channel, by: ctx.session.user.id, at: ctx.now() });
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
      input.channel === 'screen'
        ? selectFields(source, fields).map(({ label, value, items }) => ({ label, value, items }))
        : [],
  };
}
