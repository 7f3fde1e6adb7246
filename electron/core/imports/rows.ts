// One row of a file → a validated, normalised customer, or the reasons it cannot be one. The
// card-number guard runs on every cell, mapped or not: a row holding a card number anywhere is
// refused and the number goes no further (reports mask it). Validation is the same CustomerInput
// the forms and the dispatch use; a column mapped to a field of the register is checked against
// that field's definition with the same shared rule as the form's.
import { fieldKeyOf, type ImportTarget, type Mapping } from '../../../shared/contract/imports';
import { fieldErrors } from '../../../shared/contract/result';
import { restoreFormula } from '../../../shared/csv';
import { checkFieldValue, type FieldDefinition, type FieldValue, readFieldValue } from '../../../shared/custom-fields';
import { type CustomerData, CustomerInput } from '../../../shared/customer';
import { CARD_NUMBER_MESSAGE, containsCardNumber, maskCardNumbers } from '../../../shared/rules/card-guard';
import { isUkCountry } from '../../../shared/rules/postcode';
import { customerTerms } from '../search/terms';

export type RowError = { row: number; column: string; message: string; value: string };
type RowResult = { ok: true; data: CustomerData } | { ok: false; errors: RowError[] };
/**
 * One row of the file as read and checked, ready for the writer; a valid row carries its search
 * terms too (customerTerms, joined), worked out where the row is read — in an import's reading
 * thread, off the single writer's.
 */
export type CheckedRow = { row: number } & (
  | { ok: true; data: CustomerData; terms: string }
  | { ok: false; errors: RowError[] }
);

/** "15/01/1980", "15.1.80", "19800115", "1980-1-15" → "1980-01-15"; day before month, as in the UK. */
export function normaliseDate(value: string): string {
  const v = value.trim();
  if (!v) return '';
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (m) return `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(v);
  if (m) {
    let [day, month] = [Number(m[1]), Number(m[2])];
    // 12/25/1980 can only be month first.
    if (month > 12 && day <= 12) [day, month] = [month, day];
    let year = Number(m[3]);
    if (m[3]?.length === 2) year += year > new Date().getFullYear() % 100 ? 1900 : 2000;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return v; // left as written: validation says what is wrong with it
}

/** "Ann Smith" → Ann / Smith; "Smith, Ann" → Ann / Smith; "Ann" → family name Ann. */
export function splitFullName(full: string): { given: string; family: string } {
  const v = full.trim().replace(/\s+/g, ' ');
  const comma = v.indexOf(',');
  if (comma !== -1) return { family: v.slice(0, comma).trim(), given: v.slice(comma + 1).trim() };
  const space = v.lastIndexOf(' ');
  return space === -1 ? { given: '', family: v } : { given: v.slice(0, space), family: v.slice(space + 1) };
}

type Values = Partial<Record<ImportTarget, string>>;

export function draftFromValues(v: Values) {
  let given = v.given_name ?? '';
  let family = v.family_name ?? '';
  if (!given.trim() && !family.trim() && v.full_name) ({ given, family } = splitFullName(v.full_name));
  const emails = [v.email, v.email_2].filter((e): e is string => Boolean(e?.trim())).map((address) => ({ address }));
  const phones = [v.phone, v.phone_2].filter((p): p is string => Boolean(p?.trim())).map((number) => ({ number }));
  const address = {
    line1: v.address_line1 ?? '',
    line2: v.address_line2 ?? '',
    town: v.town ?? '',
    region: v.region ?? '',
    postcode: v.postcode ?? '',
    country: isUkCountry(v.country) ? 'GB' : (v.country ?? '').trim(),
  };
  const hasAddress = [address.line1, address.line2, address.town, address.region, address.postcode].some((x) =>
    x.trim(),
  );
  return {
    ref: v.ref ?? '',
    title: v.title ?? '',
    given_name: given,
    family_name: family,
    preferred_name: v.preferred_name ?? '',
    emails,
    phones,
    addresses: hasAddress ? [address] : [],
    date_of_birth: normaliseDate(v.date_of_birth ?? ''),
    notes: v.notes ?? '',
  };
}

/** Which import target a validation path is about ("emails.1.address" → email_2). */
export function targetOf(path: string): ImportTarget | null {
  const [field, index, leaf] = path.split('.');
  const second = index === '1';
  if (field === 'emails') return second ? 'email_2' : 'email';
  if (field === 'phones') return second ? 'phone_2' : 'phone';
  if (field === 'addresses') {
    const byLeaf: Record<string, ImportTarget> = {
      line1: 'address_line1',
      line2: 'address_line2',
      town: 'town',
      region: 'region',
      postcode: 'postcode',
      country: 'country',
    };
    return byLeaf[leaf ?? ''] ?? 'address_line1';
  }
  return (field as ImportTarget) || null;
}

export type RowReader = {
  headers: readonly string[];
  mapping: Mapping;
  restoreFormulas: boolean;
  /** The register's fields a column may be mapped to (those still collected). */
  fields: readonly FieldDefinition[];
};

/** Several choices in one cell: "Jazz; Folk", "Jazz | Folk", or "Jazz, Folk" when neither is used. */
function cellValue(def: FieldDefinition, cell: string): FieldValue {
  if (def.kind !== 'multiple_choice') return cell;
  return cell.split(/[;|]/.test(cell) ? /[;|]/ : ',').map((c) => c.trim());
}

/** Validate one row of the file. `fields` may be shorter than the header (trailing empty cells). */
export function readRow(reader: RowReader, row: number, fields: readonly string[]): RowResult {
  const errors: RowError[] = [];
  const values: Values = {};
  const columnOf = new Map<ImportTarget, number>();
  const valueCells: [FieldDefinition | undefined, number][] = [];
  for (let i = 0; i < fields.length; i++) {
    const raw = fields[i] as string;
    if (raw === '') continue;
    if (containsCardNumber(raw)) {
      errors.push({
        row,
        column: reader.headers[i] ?? `column ${i + 1}`,
        message: CARD_NUMBER_MESSAGE,
        value: maskCardNumbers(raw),
      });
      continue;
    }
    const target = reader.mapping[i];
    if (!target) continue;
    const key = fieldKeyOf(target);
    if (key !== null) {
      valueCells.push([reader.fields.find((f) => f.key === key), i]);
      continue;
    }
    values[target as ImportTarget] = reader.restoreFormulas ? restoreFormula(raw) : raw;
    columnOf.set(target as ImportTarget, i);
  }
  if (errors.length > 0) return { ok: false, errors };
  const registerValues: Record<string, FieldValue> = {};
  for (const [def, i] of valueCells) {
    const column = reader.headers[i] ?? `column ${i + 1}`;
    const cell = reader.restoreFormulas ? restoreFormula(fields[i] as string) : (fields[i] as string);
    if (!def) {
      errors.push({ row, column, message: 'That field is no longer collected in the register.', value: cell });
      continue;
    }
    const value = cellValue(def, cell);
    const checked = checkFieldValue(def, value);
    if (!checked.ok) errors.push({ row, column, message: checked.message, value: cell });
    // Kept as the form would send it ("gold" → "Gold", "no" → false), so the preview shows what is stored.
    else if (checked.stored !== null) registerValues[def.key] = readFieldValue(def.kind, checked.stored);
  }
  const parsed = CustomerInput.safeParse(draftFromValues(values));
  if (parsed.success && errors.length === 0) {
    const data = Object.keys(registerValues).length > 0 ? { ...parsed.data, fields: registerValues } : parsed.data;
    return { ok: true, data };
  }
  if (parsed.success) return { ok: false, errors };
  for (const f of fieldErrors(parsed.error)) {
    let target = targetOf(f.path);
    if (target === 'given_name' || target === 'family_name') {
      if (!columnOf.has(target) && columnOf.has('full_name')) target = 'full_name';
    }
    const index = target ? columnOf.get(target) : undefined;
    const column = index === undefined ? (target ?? f.path) : (reader.headers[index] ?? target ?? f.path);
    errors.push({ row, column, message: f.message, value: index === undefined ? '' : (fields[index] ?? '') });
  }
  return { ok: false, errors };
}

/**
 * A CSV row with more or fewer fields than the header is refused as a whole (its values would
 * land in the wrong columns); extra fields that are all empty (a trailing delimiter) are fine.
 * Spreadsheet rows simply end early, and vCards have no shape to check.
 */
export function shapeError(format: string, width: number, row: number, fields: readonly string[]): RowError | null {
  if (format !== 'csv') return null;
  const extraFilled = fields.slice(width).some((f) => f.trim() !== '');
  if (fields.length >= width && !extraFilled) return null;
  const more = fields.length > width;
  return {
    row,
    column: '',
    message: `${fields.length} fields but the header has ${width}${more ? ' (an unquoted separator?)' : ''}: the row was not imported.`,
    value: '',
  };
}

/** The shape check, then validation: what every row of an import goes through before it is written. */
export function checkRow(
  format: string,
  width: number,
  reader: RowReader,
  row: number,
  fields: readonly string[],
): CheckedRow {
  const shape = shapeError(format, width, row, fields);
  if (shape) return { row, ok: false, errors: [shape] };
  const result = readRow(reader, row, fields);
  return result.ok ? { row, ...result, terms: customerTerms(result.data).join(' ') } : { row, ...result };
}
