// Which column is which: the canonical headers map as they are; other headers by their usual
// names ("First name", "Surname", "E-mail", "Mobile", "Post code", "DOB"…); columns with a header
// nobody recognises by what their values look like (emails, phone numbers, postcodes, dates).
// Each target is given to one column only; a second email or phone column becomes email_2/phone_2.

import { CUSTOMER_COLUMNS } from '../../../shared/columns';
import {
  FIELD_TARGET_PREFIX,
  fieldKeyOf,
  type ImportTarget,
  type Mapping,
  type MappingTarget,
} from '../../../shared/contract/imports';
import { type FieldDefinition, nameKey } from '../../../shared/custom-fields';
import { IMPORT_HEADERS } from '../../../shared/fields';
import { maskCardNumbers } from '../../../shared/rules/card-guard';
import { checkPostcode } from '../../../shared/rules/postcode';

export type Reason = 'canonical' | 'template' | 'header' | 'values' | 'none';
export type Suggestion = { header: string; target: MappingTarget | null; reason: Reason; samples: string[] };

/** The usual names of each target: the catalogue's for the built-in fields, then the extras'. */
const SYNONYMS: Record<ImportTarget, readonly string[]> = {
  ...IMPORT_HEADERS,
  full_name: ['name', 'full name', 'fullname', 'customer name', 'contact name', 'client name', 'display name'],
  email_2: ['email 2', 'second email', 'other email', 'work email', 'alternative email'],
  phone_2: ['phone 2', 'work phone', 'other phone', 'landline', 'home telephone', 'daytime phone'],
};

/** "E-Mail Address" → "e mail address": case, punctuation and spacing do not matter. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const BY_NAME = new Map<string, ImportTarget>();
for (const [target, names] of Object.entries(SYNONYMS) as [ImportTarget, readonly string[]][]) {
  for (const n of names) BY_NAME.set(n, target);
  BY_NAME.set(normaliseHeader(target), target);
}
const CANONICAL = new Set<string>(CUSTOMER_COLUMNS);

/** The same set of headers in any order gives the same signature (for reusing a template). */
export function headerSignature(headers: readonly string[]): string {
  return [...new Set(headers.map(normaliseHeader).filter(Boolean))].sort().join('|');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{7,20}$/;
const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$/;

function guessFromValues(samples: readonly string[]): ImportTarget | null {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (values.length === 0) return null;
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
  if (share((v) => EMAIL.test(v)) >= 0.8) return 'email';
  if (share((v) => DATE.test(v)) >= 0.8) return 'date_of_birth';
  if (share((v) => checkPostcode(v, 'GB').ok) >= 0.8) return 'postcode';
  if (share((v) => PHONE.test(v) && v.replace(/\D/g, '').length >= 9) >= 0.8) return 'phone';
  return null;
}

const SECOND: Partial<Record<ImportTarget, ImportTarget>> = { email: 'email_2', phone: 'phone_2' };

/**
 * Suggestions for every column. `samples[i]` are the first values of column i. When every header
 * is canonical, the mapping is exactly the canonical one (nothing to ask).
 */
export function suggestMapping(
  headers: readonly string[],
  samples: readonly string[][],
  fields: readonly Pick<FieldDefinition, 'key' | 'label'>[] = [],
): Suggestion[] {
  const taken = new Set<MappingTarget>();
  const byLabel = new Map(fields.map((f) => [nameKey(f.label), `${FIELD_TARGET_PREFIX}${f.key}` as MappingTarget]));
  const give = (target: MappingTarget | null): MappingTarget | null => {
    if (!target) return null;
    if (!taken.has(target)) {
      taken.add(target);
      return target;
    }
    const second = SECOND[target as ImportTarget];
    if (second && !taken.has(second)) {
      taken.add(second);
      return second;
    }
    return null;
  };
  const out: Suggestion[] = headers.map((header, i) => ({
    header,
    target: null,
    reason: 'none',
    // Shown to the person choosing the mapping: a card number in a cell never leaves the core.
    samples: (samples[i] ?? [])
      .filter((s) => s.trim())
      .slice(0, 3)
      .map(maskCardNumbers),
  }));
  // Canonical names first, so "email" in column 5 is not taken by an "E-mail" guess in column 2.
  out.forEach((s) => {
    const name = s.header.trim().toLowerCase();
    if (CANONICAL.has(name)) {
      s.target = give(name as ImportTarget);
      s.reason = s.target ? 'canonical' : 'none';
    }
  });
  out.forEach((s) => {
    if (s.reason !== 'none') return;
    // A field of the register by its label ("Membership level") before the usual names.
    const target = give(byLabel.get(nameKey(s.header)) ?? BY_NAME.get(normaliseHeader(s.header)) ?? null);
    if (target) {
      s.target = target;
      s.reason = 'header';
    }
  });
  out.forEach((s, i) => {
    if (s.reason !== 'none') return;
    const target = give(guessFromValues(samples[i] ?? []));
    if (target) {
      s.target = target;
      s.reason = 'values';
    }
  });
  // A "Name" column is only needed when there are no separate name columns.
  const fullName = out.find((s) => s.target === 'full_name');
  if (fullName && taken.has('given_name') && taken.has('family_name')) {
    fullName.target = null;
    fullName.reason = 'none';
  }
  return out;
}

/**
 * A mapping is usable when no target is given twice, every field of the register it names is
 * still collected (`fieldKeys`), and some column gives a name.
 */
export function checkMapping(
  mapping: Mapping,
  width: number,
  fieldKeys: ReadonlySet<string> = new Set(),
): string | null {
  if (mapping.length !== width) {
    return `The mapping has ${mapping.length} entries but the file has ${width} columns: give one per column.`;
  }
  const seen = new Set<string>();
  for (const t of mapping) {
    if (!t) continue;
    if (seen.has(t)) return `Two columns are mapped to ${t}: map each field from one column only.`;
    const key = fieldKeyOf(t);
    if (key !== null && !fieldKeys.has(key)) {
      return `Column ${mapping.indexOf(t) + 1} is mapped to ${key}, which is not a field the register collects.`;
    }
    seen.add(t);
  }
  if (!seen.has('given_name') && !seen.has('family_name') && !seen.has('full_name')) {
    return 'Map at least one column to a name (given name, family name or full name).';
  }
  return null;
}
