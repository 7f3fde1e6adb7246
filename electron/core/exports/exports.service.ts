// exports.run: customers (all, page by page, or a selection) as CSV, XLSX, vCard 4.0 or JSON with
// the chosen fields. CSV cells a spreadsheet would run as formulas are neutralised; XLSX cells
// are inline strings (never formulas); each export is audited with its fields and row count.
// One call carries at most MAX_EXPORT_ROWS records: larger files are taken in pages (after_id).

import type { CustomerColumn } from '../../../shared/columns';
import type { Input, Output } from '../../../shared/contract';
import { MAX_EXPORT_ROWS } from '../../../shared/contract/exports';
import { CoreError } from '../../../shared/contract/result';
import { toCsv } from '../../../shared/csv';
import { type FieldValue, fieldText } from '../../../shared/custom-fields';
import type { Customer } from '../../../shared/customer';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { getCustomer, listCustomers } from '../customers/customers.queries';
import { hiddenFields } from '../customers/details.service';
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

/** The records to export, in id order, and where the next call should continue. */
function select(ctx: Context, input: Input<'exports.run'>): { items: Customer[]; next: number | null } {
  const keep = (c: Customer | undefined): c is Customer => c !== undefined && (input.include_archived || !c.archived);
  if (input.selection !== 'all') {
    const items = [...new Set(input.selection.ids)].map((id) => getCustomer(ctx.db, id)).filter(keep);
    if (items.length === 0) throw new CoreError('NOT_FOUND', 'None of the chosen customers exist any more.');
    return { items, next: null };
  }
  const items: Customer[] = [];
  let after = input.after_id ?? 0;
  for (;;) {
    const page = listCustomers(ctx.db, after, PAGE);
    for (const c of page) {
      if (keep(c)) items.push(c);
      after = c.id;
      if (items.length >= MAX_EXPORT_ROWS) return { items, next: c.id };
    }
    if (page.length < PAGE) return { items, next: null };
  }
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

export function runExport(ctx: Context, input: Input<'exports.run'>): Output<'exports.run'> {
  const fields = [...new Set(input.fields)];
  // Built-in columns follow the register's "who may see" too (the column names are its keys).
  const hidden = new Set<string>(hiddenFields(ctx, 0));
  const refused = fields.filter((f) => hidden.has(f));
  if (refused.length > 0) {
    const message = `Your role may not see ${refused.join(', ')}: leave ${refused.length === 1 ? 'it' : 'them'} out of the export.`;
    throw new CoreError('FORBIDDEN', message, [{ path: 'fields', message }]);
  }
  const extra = registerColumns(ctx, input.register_fields ?? []);
  const { items, next } = select(ctx, input);
  const content = render(input.format, fields, items, extra);
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customers.export',
    detail: {
      format: input.format,
      fields: [...fields, ...extra.fields.map((f) => f.key)],
      rows: items.length,
      selection: input.selection === 'all' ? 'all' : 'chosen',
      after_id: input.after_id ?? 0,
    },
  });
  return {
    filename: `customers-${ctx.now().slice(0, 10)}.${input.format}`,
    mime: MIME[input.format],
    content_base64: content.toString('base64'),
    rows: items.length,
    next_after_id: next,
  };
}
