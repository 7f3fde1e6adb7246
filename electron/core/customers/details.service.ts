// The fuller profile's rules in the core: organisations (who may belong to whom), the register's
// see/edit roles on built-in fields, per-value provenance on the record, and the organisation
// picker. Called by customers.service.ts around its writes and reads, in their transactions.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Customer, CustomerData, CustomerSummary } from '../../../shared/customer';
import { TEXT_FIELDS, type TextField } from '../../../shared/fields';
import { plural } from '../../../shared/format';
import {
  type AccessRule,
  hiddenFor,
  lockedFor,
  ORGANISATION_NOT_PERSON_MESSAGE,
  PROVENANCE_FIELDS,
  type ProvenanceRow,
  sourceLabel,
  trackedValue,
} from '../../../shared/profile-details';
import type { Context } from '../context';
import { readRegister } from '../register/register.queries';
import { getCustomer } from './customers.queries';
import { kindOf, liveOrganisations, memberCount, provenanceRows, recordOrigin } from './details.queries';

// ---------------------------------------------------------------------------------------------
// Organisations

type Stored = Pick<Customer, 'id' | 'kind' | 'organisation_id'> | null;

/**
 * Before a save: a person may belong only to an existing organisation, never to a person or to
 * itself; an organisation belongs to nobody, and stays an organisation while people belong to it.
 */
export function checkOrganisation(ctx: Context, stored: Stored, data: CustomerData): void {
  // Left out of the data (an import row), the stored values hold: check what the record will be.
  const kind = data.kind ?? stored?.kind ?? 'person';
  const orgId = data.organisation_id === undefined ? stored?.organisation_id : data.organisation_id;
  if (orgId) {
    if (kind === 'organisation') refuse('organisation_id', ORGANISATION_NOT_PERSON_MESSAGE);
    if (stored && orgId === stored.id) refuse('organisation_id', 'A record cannot belong to itself.');
    const orgKind = kindOf(ctx.db, orgId);
    if (orgKind === undefined) refuse('organisation_id', 'That organisation does not exist (it may have been erased).');
    if (orgKind !== 'organisation') {
      refuse('organisation_id', 'A person can belong only to an organisation, not to another person.');
    }
  }
  if (stored?.kind === 'organisation' && kind === 'person') {
    const people = memberCount(ctx.db, stored.id);
    if (people > 0) {
      refuse(
        'kind',
        `${plural(people, 'person belongs', 'people belong')} to this organisation: move them first, or keep it an organisation.`,
      );
    }
  }
}

function refuse(path: string, message: string): never {
  throw new CoreError('INVALID_INPUT', message, [{ path, message }]);
}

/** Organisations whose name holds every typed word, for "belongs to organisation". */
export function findOrganisations(
  ctx: Context,
  input: Input<'customers.organisations'>,
): Output<'customers.organisations'> {
  const words = input.q.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const rows = liveOrganisations(ctx.db);
  // Organisations are few next to people: their names are read through a partial index (0008)
  // and matched here, so a word anywhere in the name counts ("players" finds Riverside Players).
  const matches = rows.filter((r) => {
    const name = r.organisation_name.toLowerCase();
    return words.every((w) => name.includes(w));
  });
  return matches.slice(0, 20).map((r) => ({ id: r.id, name: r.organisation_name, town: r.summary_town }));
}

// ---------------------------------------------------------------------------------------------
// The register's see/edit roles on built-in fields

type Shape = Pick<
  CustomerData,
  'title' | 'given_name' | 'family_name' | 'preferred_name' | 'date_of_birth' | 'ref' | 'notes' | 'emails' | 'phones'
> & { addresses: { postcode: string; town: string }[] };

const SCALARS = TEXT_FIELDS;
type Scalar = TextField;
const isScalar = (key: string): key is Scalar => (SCALARS as readonly string[]).includes(key);

/** The built-in register fields' rules (custom fields carry their own). */
function accessRules(ctx: Context): AccessRule[] {
  const known = new Set<string>([...SCALARS, 'email', 'phone', 'postcode', 'town']);
  return readRegister(ctx.db).filter((r) => known.has(r.key));
}

/** Blank one field of a record (or a draft) in place. */
function blank<T extends Shape>(c: T, key: string): T {
  if (isScalar(key)) return { ...c, [key]: '' };
  if (key === 'email') return { ...c, emails: [] };
  if (key === 'phone') return { ...c, phones: [] };
  if (key === 'postcode' || key === 'town') return { ...c, addresses: c.addresses.map((a) => ({ ...a, [key]: '' })) };
  return c;
}

/** A field's whole value, to compare before and after an edit. */
function wholeValue(c: Shape, key: string): string {
  if (isScalar(key)) return c[key];
  if (key === 'email') return JSON.stringify(c.emails.map((e) => [e.address, e.label]));
  if (key === 'phone') return JSON.stringify(c.phones.map((p) => [p.e164, p.label]));
  if (key === 'postcode' || key === 'town') return JSON.stringify(c.addresses.map((a) => a[key]));
  return '';
}

/**
 * The fields this session may not see on this record. A volunteer reading back a record they
 * added in this sign-in sees what they typed themselves (the register's defaults do not list
 * volunteers, who otherwise see no records at all).
 */
export function hiddenFields(ctx: Context, customerId: number): string[] {
  const { role } = ctx.session.user;
  if (role === 'volunteer' && ctx.session.created.has(customerId)) return [];
  return hiddenFor(role, accessRules(ctx));
}

/** A record as this session may see it: hidden fields blank and named in `hidden`. */
export function visibleCustomer(ctx: Context, customer: Customer): Customer {
  const hidden = hiddenFields(ctx, customer.id);
  let shown = customer;
  for (const key of hidden) shown = blank(shown, key);
  return { ...shown, hidden };
}

/** Register keys that are also columns of a search row (same names). */
const SUMMARY_COLUMNS = new Set([
  'title',
  'given_name',
  'family_name',
  'preferred_name',
  'ref',
  'email',
  'phone',
  'postcode',
  'town',
]);

/** Search rows: the summary columns of hidden fields blank. */
export function visibleSummaries(ctx: Context, items: CustomerSummary[]): CustomerSummary[] {
  const hidden = hiddenFor(ctx.session.user.role, accessRules(ctx));
  const blanked = hidden.filter((key) => SUMMARY_COLUMNS.has(key));
  if (blanked.length === 0) return items;
  return items.map((item) => ({ ...item, ...Object.fromEntries(blanked.map((k) => [k, ''])) }));
}

/**
 * An edit by a role that cannot see some fields: those keep their stored values, whatever the
 * form sent (it showed them blank). Addresses keep their hidden postcode or town by position.
 */
export function keepHidden(ctx: Context, stored: Customer, data: CustomerData): CustomerData {
  const hidden = hiddenFields(ctx, stored.id);
  let kept = data;
  for (const key of hidden) {
    if (isScalar(key)) kept = { ...kept, [key]: stored[key] };
    else if (key === 'email') kept = { ...kept, emails: stored.emails };
    else if (key === 'phone') kept = { ...kept, phones: stored.phones };
    else if (key === 'postcode' || key === 'town') {
      kept = { ...kept, addresses: kept.addresses.map((a, i) => ({ ...a, [key]: stored.addresses[i]?.[key] ?? '' })) };
    }
  }
  return kept;
}

/** Refuse an edit that changes a field this role may not edit, naming the field. */
export function checkEditable(ctx: Context, stored: Customer, data: CustomerData): void {
  const locked = lockedFor(ctx.session.user.role, accessRules(ctx)).filter(
    (r) => wholeValue(stored, r.key) !== wholeValue(data, r.key),
  );
  if (locked.length === 0) return;
  const names = locked.map((r) => r.label).join(', ');
  throw new CoreError(
    'FORBIDDEN',
    `A ${ctx.session.user.role} account cannot change ${names}: the register allows only ${[
      ...new Set(locked.flatMap((r) => r.edit_roles)),
    ].join(', ')}.`,
    locked.map((r) => ({ path: pathOf(r.key), message: `${r.label} cannot be changed by your role.` })),
  );
}

function pathOf(key: string): string {
  if (key === 'email') return 'emails';
  if (key === 'phone') return 'phones';
  if (key === 'postcode' || key === 'town') return 'addresses';
  return key;
}

// ---------------------------------------------------------------------------------------------
// Provenance

type RecordOrigin = {
  source: string;
  import_id: number | null;
  created_at: string;
  verified_at: string;
  created_by: string;
};

/** Where each filled value of the record came from, when, and when it was last verified. */
export function readProvenance(ctx: Context, input: Input<'customers.provenance'>): Output<'customers.provenance'> {
  if (ctx.session.user.role === 'volunteer' && !ctx.session.created.has(input.id)) {
    throw new CoreError('FORBIDDEN', 'Volunteers can see only the records they added in this sign-in.');
  }
  const customer = getCustomer(ctx.db, input.id);
  if (!customer) throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may have been deleted).');
  const record = recordOrigin(ctx.db, input.id) as RecordOrigin;
  const stored = new Map(provenanceRows(ctx.db, input.id).map((r) => [r.field_key, r]));
  const hidden = new Set(hiddenFields(ctx, input.id));
  const rows: ProvenanceRow[] = [];
  for (const field of PROVENANCE_FIELDS) {
    if (hidden.has(field.key) || trackedValue(customer, field.key) === '') continue;
    const row = stored.get(field.key);
    rows.push(
      row
        ? {
            field: field.key,
            label: field.label,
            source: sourceLabel(row.source, row.import_id),
            import_id: row.import_id,
            collected_at: row.collected_at,
            collected_by: row.collected_by,
            verified_at: row.verified_at,
            from_record: false,
          }
        : {
            // Collected with the record (or before 0008): the record's own origin is the value's.
            field: field.key,
            label: field.label,
            source: sourceLabel(record.source, record.import_id),
            import_id: record.import_id,
            collected_at: record.created_at,
            collected_by: record.created_by,
            verified_at: record.verified_at,
            from_record: true,
          },
    );
  }
  return { items: rows };
}
