// What can be handed over from a customer record, field by field, with plain labels. The form
// that picks fields, the files that carry them and the disclosure log all use this one list.
// Each field names the register fields whose values it carries (from the catalogue of built-in
// fields, shared/fields.ts): a role the register hides any of them from is not offered it, and
// the core refuses it (requests.service.ts).
import type { Customer } from './customer';
import { displayName } from './customer';
import { BUILT_IN_FIELDS, handoverRegisterKeys } from './fields';

const carries = (handover: string) => handoverRegisterKeys(BUILT_IN_FIELDS, handover);

export const HANDOVER_FIELDS = [
  {
    key: 'name',
    label: 'Name',
    register: carries('name'),
    value: (c: Customer) => [c.title, displayName(c)].filter(Boolean).join(' '),
  },
  { key: 'ref', label: 'Customer number', register: carries('ref'), value: (c: Customer) => c.ref },
  {
    key: 'emails',
    label: 'Email addresses',
    register: carries('emails'),
    value: (c: Customer) => c.emails.map((e) => e.address).join('; '),
  },
  {
    key: 'phones',
    label: 'Phone numbers',
    register: carries('phones'),
    value: (c: Customer) => c.phones.map((p) => p.number).join('; '),
  },
  {
    key: 'addresses',
    label: 'Postal addresses',
    register: carries('addresses'),
    value: (c: Customer) =>
      c.addresses
        .map((a) =>
          [a.line1, a.line2, a.town, a.region, a.postcode, a.country === 'GB' ? '' : a.country]
            .filter(Boolean)
            .join(', '),
        )
        .join('; '),
  },
  {
    key: 'date_of_birth',
    label: 'Date of birth',
    register: carries('date_of_birth'),
    value: (c: Customer) => c.date_of_birth,
  },
  { key: 'notes', label: 'Notes', register: carries('notes'), value: (c: Customer) => c.notes },
  {
    key: 'record_dates',
    label: 'Record created and last changed',
    register: [] as string[],
    value: (c: Customer) => `created ${c.created_at.slice(0, 10)}, changed ${c.updated_at.slice(0, 10)}`,
  },
] as const;

export type HandoverField = (typeof HANDOVER_FIELDS)[number]['key'];
export const HANDOVER_FIELD_KEYS = HANDOVER_FIELDS.map((f) => f.key) as [HandoverField, ...HandoverField[]];

/** The least a request of each kind usually needs: the form starts from this, not from everything. */
export const MINIMUM_FIELDS: Record<'customer' | 'colleague' | 'third_party', HandoverField[]> = {
  customer: ['name', 'emails', 'phones', 'addresses'],
  colleague: ['name', 'phones'],
  third_party: ['name'],
};

/** The selected fields of a record as label → value, in catalogue order. */
export function selectFields(
  c: Customer,
  fields: readonly HandoverField[],
): { key: HandoverField; label: string; value: string }[] {
  return HANDOVER_FIELDS.filter((f) => fields.includes(f.key)).map((f) => ({
    key: f.key,
    label: f.label,
    value: f.value(c),
  }));
}

/** The handover fields that carry a value of any of these (hidden) register fields. */
export function withheldFields(hidden: readonly string[]): HandoverField[] {
  return HANDOVER_FIELDS.filter((f) => f.register.some((k: string) => hidden.includes(k))).map((f) => f.key);
}
