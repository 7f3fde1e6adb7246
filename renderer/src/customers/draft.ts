// The customer form's values: the draft shape (the schema's input with every field present), a
// blank one, one from a stored record, the resolver (the core's own schema plus the register's
// must-haves), and whether anything has been typed (so Cancel asks only when there is something
// to lose).

import { zodResolver } from '@hookform/resolvers/zod';
import { get, type Resolver, set } from 'react-hook-form';
import { type Customer, type CustomerData, type CustomerDraft, CustomerInput } from '../../../shared/customer';
import { BLANK_TEXT } from '../../../shared/fields';
import type { AddressKind, CollectionChannel, CustomerKind } from '../../../shared/profile-details';
import { mustHaveErrors, type RegisterEntry } from '../../../shared/register';
import { draftFieldErrors, draftFields, type FieldsDraft } from './CustomFieldsSection';

export type Draft = {
  kind: CustomerKind;
  organisation_name: string;
  organisation_id: number | null;
  job_title: string;
  collected_via: CollectionChannel;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  emails: { address: string; label: string }[];
  phones: { number: string; label: string }[];
  addresses: {
    line1: string;
    line2: string;
    town: string;
    region: string;
    postcode: string;
    country: string;
    label: string;
    kind: AddressKind;
    valid_from: string;
    valid_to: string;
  }[];
  date_of_birth: string;
  notes: string;
  fields: FieldsDraft['fields'];
};

export const BLANK: Draft = {
  kind: 'person',
  organisation_name: '',
  organisation_id: null,
  job_title: '',
  collected_via: 'counter',
  ...BLANK_TEXT,
  emails: [],
  phones: [],
  addresses: [],
  fields: {},
};

export const NEW_ADDRESS: Draft['addresses'][number] = {
  line1: '',
  line2: '',
  town: '',
  region: '',
  postcode: '',
  country: 'GB',
  label: '',
  kind: 'home',
  valid_from: '',
  valid_to: '',
};

export function toDraft(c: Customer): Draft {
  return {
    kind: c.kind,
    organisation_name: c.organisation_name,
    organisation_id: c.organisation_id,
    job_title: c.job_title,
    collected_via: 'counter',
    ref: c.ref,
    title: c.title,
    given_name: c.given_name,
    family_name: c.family_name,
    preferred_name: c.preferred_name,
    emails: c.emails.map(({ address, label }) => ({ address, label })),
    phones: c.phones.map(({ number, label }) => ({ number, label })),
    addresses: c.addresses.map((a) => ({ ...a })),
    date_of_birth: c.date_of_birth,
    notes: c.notes,
    fields: draftFields(c.fields),
  };
}

// The form's values are the schema's input shape with every field present.
const schemaResolver = zodResolver<CustomerDraft, unknown, CustomerData>(CustomerInput) as unknown as Resolver<
  Draft,
  unknown,
  CustomerData
>;

/**
 * The register's must-haves on top of the schema, so the form refuses what the core would and
 * says so beside the field (or beside the list, when there is no email/phone/address row yet).
 * `rules` is read at each validation, so the resolver is made once.
 */
export function customerResolver(rules: () => RegisterEntry[] | null): Resolver<Draft, unknown, CustomerData> {
  return async (values, context, options) => {
    const result = await schemaResolver(values, context, options);
    const missing = [...draftFieldErrors(values, rules()), ...mustHaveErrors(values, rules() ?? [])];
    if (missing.length === 0) return result;
    const errors = { ...result.errors };
    for (const m of missing) if (!get(errors, m.path)) set(errors, m.path, { type: 'required', message: m.message });
    return { values: {}, errors };
  };
}

/**
 * The draft as a person would describe it: text trimmed, rows nobody typed in and empty custom
 * values dropped. A row added and left blank (or an address with only its default country and
 * type) is not "typed details".
 */
function meaningful(d: Draft): unknown {
  const rowTyped = (row: Record<string, unknown>, blank: Record<string, unknown>) =>
    Object.entries(row).some(([k, v]) => typeof v === 'string' && v.trim() !== '' && v !== blank[k]);
  const fields = Object.entries(d.fields ?? {}).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v.trim() !== ''));
  return {
    ...Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])),
    emails: d.emails.filter((r) => rowTyped(r, {})),
    phones: d.phones.filter((r) => rowTyped(r, {})),
    addresses: d.addresses.filter((r) => rowTyped(r, NEW_ADDRESS)),
    fields: Object.fromEntries(fields.sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Whether the values differ from where the form started in anything a person typed or picked. */
export function hasTyped(values: Draft, start: Draft): boolean {
  return JSON.stringify(meaningful(values)) !== JSON.stringify(meaningful(start));
}
