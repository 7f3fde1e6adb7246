// The fuller profile's shared rules: people and organisations, typed and dated addresses, where
// each value came from, and which built-in fields a role may see or change (from the register).
// Pure; used by the form, the record view and the core alike.
import { z } from 'zod';
import type { Role } from './contract/roles';
import { PERSON_ONLY } from './fields';

export const CUSTOMER_KINDS = ['person', 'organisation'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export const ADDRESS_KINDS = ['home', 'work', 'billing', 'delivery', 'other'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];
export const ADDRESS_KIND_LABELS: Record<AddressKind, string> = {
  home: 'Home',
  work: 'Work',
  billing: 'Billing',
  delivery: 'Delivery',
  other: 'Other',
};

export const ORGANISATION_NAME_MESSAGE = 'Enter the organisation’s name.';
export const ORGANISATION_NOT_PERSON_MESSAGE = 'Only a person can belong to an organisation.';
export const DATES_ORDER_MESSAGE = 'The “until” date must be on or after the “from” date.';

/** Fields that describe a person: an organisation's record neither needs nor shows them. */
export const PERSON_ONLY_FIELDS: readonly string[] = PERSON_ONLY;

/** Does this register field apply to a record of this kind (undefined: a person, as before)? */
export function appliesTo(kind: string | undefined, key: string): boolean {
  return kind !== 'organisation' || !PERSON_ONLY_FIELDS.includes(key);
}

/** An address is current on `day` (YYYY-MM-DD) when it has started and not ended; blank dates are open. */
export function isCurrentAddress(a: { valid_from?: string; valid_to?: string }, day: string): boolean {
  return (!a.valid_from || a.valid_from <= day) && (!a.valid_to || a.valid_to >= day);
}

/** The address a summary shows: the first current one, else the first. */
export function summaryAddressIndex(
  addresses: readonly { valid_from?: string; valid_to?: string }[],
  day: string,
): number {
  const i = addresses.findIndex((a) => isCurrentAddress(a, day));
  return i === -1 ? 0 : i;
}

/**
 * How a value was collected: the channels of the sources register (shared/contract/imports.ts
 * CHANNELS, with the same words), stored as the record's `source`. Imports record
 * `import:<source name>` with their batch; a merge records `merge`.
 */
export const COLLECTION_CHANNELS = ['counter', 'phone', 'event', 'request'] as const;
export type CollectionChannel = (typeof COLLECTION_CHANNELS)[number];
export const CHANNEL_LABELS: Record<CollectionChannel, string> = {
  counter: 'At the counter',
  phone: 'By phone',
  event: 'At an event',
  request: 'Customer request',
};

/** A provenance source in words: "At the counter", "Import from Box office (batch 3)", "Merge". */
export function sourceLabel(source: string, importId: number | null = null): string {
  if (source.startsWith('import:')) {
    const name = source.slice('import:'.length);
    return `Import${name ? ` from ${name}` : ''}${importId ? ` (batch ${importId})` : ''}`;
  }
  if (source === 'merge') return 'Merge of two records';
  // An event pack's merge (electron/core/packs/merge.ts): the event, its date and the laptop.
  if (source.startsWith('event:')) return `At the event ${source.slice('event:'.length)}`;
  return CHANNEL_LABELS[source as CollectionChannel] ?? source;
}

/** The built-in values whose origin is tracked, in record order, with their labels. */
export const PROVENANCE_FIELDS = [
  { key: 'kind', label: 'Person or organisation' },
  { key: 'organisation_name', label: 'Organisation name' },
  { key: 'title', label: 'Title' },
  { key: 'given_name', label: 'Given name' },
  { key: 'family_name', label: 'Family name' },
  { key: 'preferred_name', label: 'Preferred name' },
  { key: 'organisation', label: 'Belongs to' },
  { key: 'job_title', label: 'Role or job title' },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'address', label: 'Address' },
  { key: 'postcode', label: 'Postcode' },
  { key: 'town', label: 'Town' },
  { key: 'date_of_birth', label: 'Date of birth' },
  { key: 'ref', label: 'Customer number' },
  { key: 'notes', label: 'Notes' },
] as const;
export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number]['key'];

type ValueSource = {
  kind?: string | undefined;
  organisation_name?: string | undefined;
  organisation_id?: number | null | undefined;
  job_title?: string | undefined;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  emails: readonly { address: string; label: string }[];
  phones: readonly { number: string; label: string }[];
  addresses: readonly {
    line1: string;
    line2: string;
    town: string;
    region: string;
    postcode: string;
    country: string;
    label: string;
    kind?: string;
    valid_from?: string;
    valid_to?: string;
  }[];
  date_of_birth: string;
  ref: string;
  notes: string;
};

/** One tracked value as text ('' when empty), to tell filled from empty and changed from not. */
export function trackedValue(c: ValueSource, key: ProvenanceField): string {
  switch (key) {
    case 'kind':
      // A person is the default, not something anyone collected.
      return c.kind === 'organisation' ? 'organisation' : '';
    case 'organisation':
      return c.organisation_id ? String(c.organisation_id) : '';
    case 'organisation_name':
      return c.organisation_name ?? '';
    case 'job_title':
      return c.job_title ?? '';
    case 'email':
      return c.emails.map((e) => `${e.address} ${e.label}`.trim()).join('\n');
    case 'phone':
      return c.phones.map((p) => `${p.number} ${p.label}`.trim()).join('\n');
    case 'address':
      return c.addresses
        .map((a) =>
          [a.line1, a.line2, a.region, a.country, a.label, a.kind ?? '', a.valid_from ?? '', a.valid_to ?? ''].join(
            '|',
          ),
        )
        .join('\n');
    case 'postcode':
      return c.addresses.map((a) => a.postcode).join('\n');
    case 'town':
      return c.addresses.map((a) => a.town).join('\n');
    default:
      return c[key];
  }
}

/** The keys whose value differs between two versions of a record (all filled keys when `before` is null). */
export function changedFields(before: ValueSource | null, after: ValueSource): ProvenanceField[] {
  return PROVENANCE_FIELDS.map((f) => f.key).filter((key) => {
    const now = trackedValue(after, key);
    return before === null ? now !== '' : now !== trackedValue(before, key);
  });
}

export const ProvenanceRow = z.object({
  field: z.string(),
  label: z.string(),
  /** The channel, in words. */
  source: z.string(),
  import_id: z.number().int().nullable(),
  collected_at: z.string(),
  collected_by: z.string(),
  /** '' when not verified since it was collected. */
  verified_at: z.string(),
  /** True when the value was collected with the record, whose own source and dates are its provenance. */
  from_record: z.boolean(),
});
export type ProvenanceRow = z.infer<typeof ProvenanceRow>;

/** The register's rule for one field, as far as roles go. */
export type AccessRule = { key: string; label: string; see_roles: readonly Role[]; edit_roles: readonly Role[] };

/** Register keys this role may not see (undefined register: nothing hidden). */
export function hiddenFor(role: Role, register: readonly AccessRule[]): string[] {
  return register.filter((r) => !r.see_roles.includes(role)).map((r) => r.key);
}

/** Register entries this role may not change. */
export function lockedFor(role: Role, register: readonly AccessRule[]): AccessRule[] {
  return register.filter((r) => !r.edit_roles.includes(role));
}
