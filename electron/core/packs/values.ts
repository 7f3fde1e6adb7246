// The values a look-up list carries, read from and written into a record: a scalar field as it
// is, the first email, phone or address as one value. The pack keeps only the chosen ones, and a
// change made at the event is compared and applied per value.
import type { LookupField } from '../../../shared/contract/packs';
import type { Customer, CustomerData } from '../../../shared/customer';

type Stored = Pick<
  Customer,
  | 'ref'
  | 'title'
  | 'given_name'
  | 'family_name'
  | 'preferred_name'
  | 'date_of_birth'
  | 'emails'
  | 'phones'
  | 'addresses'
>;

/** The value as words, for comparing and for the review screen. */
export function valueText(c: Stored, field: LookupField): string {
  switch (field) {
    case 'email':
      return c.emails[0]?.address ?? '';
    case 'phone':
      return c.phones[0]?.e164 ?? '';
    case 'address': {
      const a = c.addresses[0];
      return a ? [a.line1, a.line2, a.town, a.postcode].filter(Boolean).join(', ') : '';
    }
    default:
      return c[field];
  }
}

/** The value as the record stores it (an email, phone or address object), to carry across. */
export function valuePayload(c: Stored, field: LookupField): unknown {
  switch (field) {
    case 'email':
      return c.emails[0] ?? null;
    case 'phone':
      return c.phones[0] ?? null;
    case 'address':
      return c.addresses[0] ?? null;
    default:
      return c[field];
  }
}

/** A copy of `c` with only the chosen fields, as a new record's data (for the pack's look-up list). */
export function pickFields(c: Customer, fields: readonly LookupField[]): CustomerData {
  const has = (f: LookupField) => fields.includes(f);
  return {
    ref: has('ref') ? c.ref : '',
    title: has('title') ? c.title : '',
    given_name: has('given_name') ? c.given_name : '',
    family_name: has('family_name') ? c.family_name : '',
    preferred_name: has('preferred_name') ? c.preferred_name : '',
    date_of_birth: has('date_of_birth') ? c.date_of_birth : '',
    emails: has('email') ? c.emails.slice(0, 1) : [],
    phones: has('phone') ? c.phones.slice(0, 1) : [],
    addresses: has('address') ? c.addresses.slice(0, 1) : [],
    notes: '',
    kind: c.kind,
    organisation_name: c.kind === 'organisation' ? c.organisation_name : '',
  } as CustomerData;
}

/** The record's data as stored, to write back with one value changed. */
export function dataOf(c: Customer): CustomerData {
  return {
    ref: c.ref,
    title: c.title,
    given_name: c.given_name,
    family_name: c.family_name,
    preferred_name: c.preferred_name,
    date_of_birth: c.date_of_birth,
    emails: c.emails,
    phones: c.phones,
    addresses: c.addresses,
    notes: c.notes,
    kind: c.kind,
    organisation_name: c.organisation_name,
    organisation_id: c.organisation_id,
    job_title: c.job_title,
  } as CustomerData;
}

/** `data` with the first value of `field` replaced by `payload` (null: removed). */
export function withValue(data: CustomerData, field: LookupField, payload: unknown): CustomerData {
  const next = { ...data };
  switch (field) {
    case 'email':
      next.emails = replaceFirst(data.emails, payload as CustomerData['emails'][number] | null);
      break;
    case 'phone':
      next.phones = replaceFirst(data.phones, payload as CustomerData['phones'][number] | null);
      break;
    case 'address':
      next.addresses = replaceFirst(data.addresses, payload as CustomerData['addresses'][number] | null);
      break;
    default:
      next[field] = typeof payload === 'string' ? payload : '';
  }
  return next;
}

function replaceFirst<T>(items: readonly T[], value: T | null): T[] {
  return value === null ? items.slice(1) : [value, ...items.slice(1)];
}
