// exports.run: customers (all, page by page, or a selection) as CSV, XLSX, vCard 4.0 or JSON with
// the chosen fields, for a stated purpose. Keeping our records (the owner only) takes everyone;
// contacting people on a channel takes only those the core's one rule (consent/contactable.queries.ts)
// allows today, with their usable address first, and counts the rest by reason. CSV cells a
// spreadsheet would run as formulas are neutralised; XLSX cells are inline strings (never
// formulas); each export is audited with its purpose, fields, row count and who was left out.
// One call carries at most MAX_EXPORT_ROWS records: larger files are taken in pages (after_id),
// and each call counts only the records it passed over, so the counts add up across pages.

import type { CustomerColumn } from '../../../shared/columns';
import {
  CHANNEL_NAMES,
  type ConsentChannel,
  NOT_CONTACTABLE,
  type NotContactable,
  notContactableLabel,
} from '../../../shared/consent';
import type { Input, Output } from '../../../shared/contract';
import { type ExportPurpose, MAX_EXPORT_ROWS, purposeChannel } from '../../../shared/contract/exports';
import { CoreError } from '../../../shared/contract/result';
import { toCsv } from '../../../shared/csv';
import { type FieldValue, fieldText } from '../../../shared/custom-fields';
import type { Customer } from '../../../shared/customer';
import { plural } from '../../../shared/format';
import { appendAudit } from '../audit/audit';
import { type Contactability, contactabilityOf, contactabilityPage } from '../consent/contactable.queries';
import type { Context } from '../context';
import { getCustomer, listCustomers } from '../customers/customers.queries';
import { hiddenFields } from '../customers/details.service';
import { renderLabels } from '../formats/labels-pdf';
import { toVcard4 } from '../formats/vcard-write';
import { writeXlsx } from '../formats/xlsx-write';
import { readValues, type ValueField, valueFields } from '../register/custom-values';
import { exportRow } from './rows';

const PAGE = 1000;

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard',
  json: 'application/json',
} as const;

type Selected = { items: Customer[]; next: number | null; leftOut: Map<NotContactable, number> };

/** For keeping records: everyone, archived ones only when asked for. */
function selectForRecords(ctx: Context, input: Input<'exports.run'>): Selected {
  const leftOut = new Map<NotContactable, number>();
  const keep = (c: Customer | undefined): c is Customer => {
    if (c === undefined) return false;
    if (c.archived && !input.include_archived) {
      leftOut.set('archived', (leftOut.get('archived') ?? 0) + 1);
      return false;
    }
    return true;
  };
  if (input.selection !== 'all') {
    const found = [...new Set(input.selection.ids)].map((id) => getCustomer(ctx.db, id));
    if (!found.some((c) => c !== undefined))
      throw new CoreError('NOT_FOUND', 'None of the chosen customers exist any more.');
    return { items: found.filter(keep), next: null, leftOut };
  }
  const items: Customer[] = [];
  let after = input.after_id ?? 0;
  for (;;) {
    const page = listCustomers(ctx.db, after, PAGE);
    for (const c of page) {
      if (keep(c)) items.push(c);
      after = c.id;
      if (items.length >= MAX_EXPORT_ROWS) return { items, next: c.id, leftOut };
    }
    if (page.length < PAGE) return { items, next: null, leftOut };
  }
}

/** The customer with the address to use for the channel first (the export's columns take the first). */
function withAddressFirst(c: Customer, channel: ConsentChannel, position: number | null): Customer {
  if (position === null || position === 0) return c;
  const first = <T>(list: T[]): T[] =>
    position < list.length ? [list[position] as T, ...list.filter((_, i) => i !== position)] : list;
  if (channel === 'email') return { ...c, emails: first(c.emails) };
  if (channel === 'post') return { ...c, addresses: first(c.addresses) };
  return { ...c, phones: first(c.phones) };
}

/** For contacting people on a channel: only those the one rule allows; the rest counted by reason. */
function selectForContact(ctx: Context, input: Input<'exports.run'>, channel: ConsentChannel): Selected {
  const today = ctx.now().slice(0, 10);
  const leftOut = new Map<NotContactable, number>();
  const items: Customer[] = [];
  /** Take one verdict: the customer in, or counted out. */
  const take = (v: Contactability) => {
    if (v.reason !== null) leftOut.set(v.reason, (leftOut.get(v.reason) ?? 0) + 1);
    else {
      const c = getCustomer(ctx.db, v.id);
      if (c) items.push(withAddressFirst(c, channel, v.address_position));
    }
  };
  if (input.selection !== 'all') {
    const verdicts = [...new Set(input.selection.ids)]
      .map((id) => contactabilityOf(ctx.db, id, channel, today))
      .filter((v) => v !== undefined);
    if (verdicts.length === 0) throw new CoreError('NOT_FOUND', 'None of the chosen customers exist any more.');
    verdicts.forEach(take);
    return { items, next: null, leftOut };
  }
  let after = input.after_id ?? 0;
  for (;;) {
    const page = contactabilityPage(ctx.db, channel, today, after, PAGE);
    for (const v of page) {
      take(v);
      after = v.id;
      if (items.length >= MAX_EXPORT_ROWS) return { items, next: v.id, leftOut };
    }
    if (page.length < PAGE) return { items, next: null, leftOut };
  }
}

/** Only the owner exports everyone for keeping records; a manager asking is refused (and audited). */
function checkPurpose(ctx: Context, purpose: ExportPurpose, includeArchived: boolean): ConsentChannel | null {
  const channel = purposeChannel(purpose);
  if (channel === null && ctx.session.user.role !== 'owner') {
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'refused',
      detail: { method: 'exports.run', role: ctx.session.user.role, purpose },
    });
    throw new CoreError(
      'FORBIDDEN',
      'Only the owner exports everyone for keeping records. To contact people, export for email, SMS, phone or post.',
    );
  }
  if (channel !== null && includeArchived) {
    const message = 'Archived records are never contacted: leave them out, or export for keeping records.';
    throw new CoreError('INVALID_INPUT', message, [{ path: 'include_archived', message }]);
  }
  return channel;
}

function vcardParts(fields: readonly CustomerColumn[]) {
  const has = (...f: CustomerColumn[]) => f.some((x) => fields.includes(x));
  return {
    name: has('title', 'given_name', 'family_name'),
    ref: has('ref'),
    emails: has('email'),
    phones: has('phone'),
    addresses: has('address_line1', 'address_line2', 'town', 'region', 'postcode', 'country'),
    date_of_birth: has('date_of_birth'),
    notes: has('notes'),
  };
}

/** Register-defined columns: their keys as headers, and each record's values (read per record). */
type Extra = { fields: ValueField[]; values: (c: Customer) => Record<string, FieldValue> };

function render(
  format: Input<'exports.run'>['format'],
  fields: CustomerColumn[],
  items: Customer[],
  extra: Extra,
): Buffer {
  const headers = [...fields, ...extra.fields.map((f) => f.key)];
  const row = (c: Customer) => {
    const values = extra.fields.length ? extra.values(c) : {};
    return [...exportRow(c, fields), ...extra.fields.map((f) => fieldText(values[f.key]))];
  };
  switch (format) {
    case 'csv':
      // A BOM so that Excel reads the file as UTF-8 (Custodian's own import skips it).
      return Buffer.from(`\uFEFF${toCsv([headers, ...items.map(row)])}`, 'utf8');
    case 'xlsx':
      return writeXlsx([headers, ...items.map(row)]);
    case 'vcf': {
      const parts = vcardParts(fields);
      return Buffer.from(items.map((c) => toVcard4(c, parts)).join(''), 'utf8');
    }
    case 'json': {
      const objects = items.map((c) => {
        const cells = exportRow(c, fields);
        const values = extra.fields.length ? extra.values(c) : {};
        // JSON keeps the values typed: numbers, true/false, lists of choices; null when empty.
        return Object.fromEntries([
          ...fields.map((f, i) => [f, cells[i]]),
          ...extra.fields.map((f) => [f.key, values[f.key] ?? null]),
        ]);
      });
      return Buffer.from(`${JSON.stringify(objects, null, 2)}\n`, 'utf8');
    }
  }
}

/** The register-defined fields asked for, each one the caller's role may see (else refused). */
function registerColumns(ctx: Context, keys: readonly string[]): Extra {
  const known = valueFields(ctx.db);
  const role = ctx.session.user.role;
  const fields: ValueField[] = [];
  for (const key of new Set(keys)) {
    const field = known.find((f) => f.key === key);
    if (!field?.see_roles.includes(role)) {
      const message = `"${key}" is not a field in the register that your role may see.`;
      throw new CoreError('INVALID_INPUT', message, [{ path: 'register_fields', message }]);
    }
    fields.push(field);
  }
  return { fields, values: (c) => readValues(ctx.db, c.id, known) };
}

/** Refuse a built-in column the caller's role may not see (the column names are the register's keys). */
function checkVisible(ctx: Context, fields: readonly string[]): void {
  const hidden = new Set<string>(hiddenFields(ctx, 0));
  const refused = fields.filter((f) => hidden.has(f));
  if (refused.length > 0) {
    const message = `Your role may not see ${refused.join(', ')}: leave ${refused.length === 1 ? 'it' : 'them'} out of the export.`;
    throw new CoreError('FORBIDDEN', message, [{ path: 'fields', message }]);
  }
}

type LeftOut = Output<'exports.run'>['left_out'];

function leftOutList(leftOut: Map<NotContactable, number>): LeftOut {
  return NOT_CONTACTABLE.filter((r) => leftOut.has(r)).map((reason) => ({ reason, count: leftOut.get(reason) ?? 0 }));
}

/**
 * When a chosen group (a campaign list, a segment) has nobody who may be contacted on the channel,
 * say so with the reasons instead of handing over an empty file. `where` names the group.
 */
type NobodyRule = { where: string };

function refuseNobody(nobody: NobodyRule, channel: ConsentChannel, leftOut: LeftOut): never {
  const reasons = leftOut.map((l) => `${l.count.toLocaleString('en-GB')} ${notContactableLabel(l.reason, channel)}`);
  const total = leftOut.reduce((s, l) => s + l.count, 0);
  throw new CoreError(
    'CONFLICT',
    `Nobody ${nobody.where} may be contacted by ${CHANNEL_NAMES[channel]} today` +
      (total > 0 ? ` (${plural(total, 'person', 'people')} left out: ${reasons.join(', ')})` : '') +
      ': nothing was exported.',
  );
}

export function runExport(
  ctx: Context,
  input: Input<'exports.run'>,
  options: { nobody?: NobodyRule } = {},
): Output<'exports.run'> {
  const fields = [...new Set(input.fields)];
  // Built-in columns follow the register's "who may see" too (the column names are its keys).
  checkVisible(ctx, fields);
  const extra = registerColumns(ctx, input.register_fields ?? []);
  const channel = checkPurpose(ctx, input.purpose, input.include_archived ?? false);
  const { items, next, leftOut } =
    channel === null ? selectForRecords(ctx, input) : selectForContact(ctx, input, channel);
  const left_out = leftOutList(leftOut);
  if (items.length === 0 && channel !== null && options.nobody) refuseNobody(options.nobody, channel, left_out);
  const content = render(input.format, fields, items, extra);
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customers.export',
    detail: {
      purpose: input.purpose,
      format: input.format,
      fields: [...fields, ...extra.fields.map((f) => f.key)],
      rows: items.length,
      left_out,
      selection: input.selection === 'all' ? 'all' : 'chosen',
      after_id: input.after_id ?? 0,
    },
  });
  return {
    filename: `customers-${ctx.now().slice(0, 10)}.${input.format}`,
    mime: MIME[input.format],
    content_base64: content.toString('base64'),
    rows: items.length,
    left_out,
    next_after_id: next,
  };
}

/** What an address label prints: the columns its role must be allowed to see. */
const LABEL_FIELDS = [
  'title',
  'given_name',
  'family_name',
  'address_line1',
  'address_line2',
  'town',
  'region',
  'postcode',
  'country',
] as const satisfies readonly CustomerColumn[];

/** A label: the formal name, the organisation if any, then the address to write to (first). */
function labelLines(c: Customer): string[] {
  const a = c.addresses[0];
  const person = [c.title, c.given_name, c.family_name].filter(Boolean).join(' ');
  const organisation = c.kind === 'organisation' ? c.organisation_name : (c.organisation?.name ?? '');
  const name = c.kind === 'organisation' ? '' : person;
  const lines = [name, organisation, a?.line1 ?? '', a?.line2 ?? '', a?.town ?? '', a?.region ?? '', a?.postcode ?? ''];
  if (a && a.country !== 'GB') lines.push(a.country);
  return lines.filter((l) => l.trim() !== '');
}

/**
 * Address labels (A4 sheets of 21) for the chosen customers who may be written to today: the
 * same contactable rule as every contact export (those without a postal address are counted out
 * with that reason), audited as an export for contact by post.
 */
export async function runLabels(
  ctx: Context,
  ids: number[],
  options: { title: string; nobody: NobodyRule },
): Promise<Output<'exports.run'>> {
  checkVisible(ctx, LABEL_FIELDS);
  const selection = { ids };
  const { items, leftOut } = selectForContact(
    ctx,
    { purpose: 'contact:post', format: 'csv', fields: [...LABEL_FIELDS], selection, after_id: 0 },
    'post',
  );
  const left_out = leftOutList(leftOut);
  if (items.length === 0) refuseNobody(options.nobody, 'post', left_out);
  const pdf = await renderLabels(items.map(labelLines), options.title);
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customers.export',
    detail: {
      purpose: 'contact:post',
      format: 'labels',
      fields: [...LABEL_FIELDS],
      rows: items.length,
      left_out,
      selection: 'chosen',
      after_id: 0,
    },
  });
  return {
    filename: `labels-${ctx.now().slice(0, 10)}.pdf`,
    mime: 'application/pdf',
    content_base64: Buffer.from(pdf).toString('base64'),
    rows: items.length,
    left_out,
    next_after_id: null,
  };
}
