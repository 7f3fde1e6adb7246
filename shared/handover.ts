// What can be handed over from a customer record, field by field, with plain labels. The form
// that picks fields, the files that carry them and the disclosure log all use this one list.
// Each field names the register fields whose values it carries, and the contract method whose
// roles may read it elsewhere (purchases, consent, contacts): a role that may not see them is
// not offered it, and the core refuses it (electron/core/requests/). The register's own fields
// (custom and profile fields) are handed over one by one as `fields.<key>`, each under the
// register's "who may see".
import { z } from 'zod';
import { CHANNEL_NAMES, CONSENT_METHOD_LABELS, type ConsentHistory } from './consent';
import type { FieldValue } from './custom-fields';
import { fieldText } from './custom-fields';
import type { Customer } from './customer';
import { displayName } from './customer';
import { formatDay } from './dates';
import { BUILT_IN_FIELDS, handoverRegisterKeys } from './fields';
import { formatPence } from './format';
import { INTERACTION_KIND_LABELS, type Interaction, type Purchase } from './purchases';

/** The register keys a built-in handover field carries, from the catalogue of built-in fields. */
const carries = (handover: string) => handoverRegisterKeys(BUILT_IN_FIELDS, handover);

/** Everything a handover may read from one record; the core fills only what was chosen. */
export type HandoverSource = {
  customer: Customer;
  purchases: readonly Purchase[];
  interactions: readonly Interaction[];
  consent: ConsentHistory | null;
  /** Register-defined values held, by register key. */
  values: Readonly<Record<string, FieldValue | undefined>>;
  /** Register-defined fields (key → label), in register order. */
  defined: readonly { key: string; label: string }[];
};

/** One line of a list field (a purchase, a consent event, a contact): when, and what. */
type HandoverItem = { label: string; value: string };

type FixedField = {
  key: string;
  label: string;
  /** Register keys whose values it carries: hidden from a role, the field is withheld. */
  register: readonly string[];
  /** The contract method that reads this data on the record: its roles may see it. */
  reads?: string;
  /** Whether a vCard can carry it. */
  vcard: boolean;
  value?: (s: HandoverSource) => string;
  items?: (s: HandoverSource) => HandoverItem[];
};

const name = (c: Customer) => [c.title, displayName(c)].filter(Boolean).join(' ');

function organisation(c: Customer): string {
  if (c.kind === 'organisation') {
    const people = c.members.map((m) => [m.name, m.job_title].filter(Boolean).join(' — '));
    return `This record is an organisation${people.length ? `; people who belong to it: ${people.join('; ')}` : ''}`;
  }
  return [c.job_title, c.organisation?.name].filter(Boolean).join(', ');
}

function purchases(s: HandoverSource): HandoverItem[] {
  return s.purchases.map((p) => ({
    label: formatDay(p.date),
    value: `${p.item}${p.category ? ` (${p.category})` : ''} × ${p.quantity}, ${p.refund ? 'refund of ' : ''}${formatPence(Math.abs(p.amount_pence))}`,
  }));
}

const capital = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;

function consent(s: HandoverSource): HandoverItem[] {
  const h = s.consent;
  if (!h) return [];
  const dnc = h.do_not_contact;
  return [
    {
      label: 'Do not contact',
      value: dnc.on ? `Yes, since ${formatDay(dnc.at)}${dnc.reason ? `: ${dnc.reason}` : ''}` : 'No',
    },
    ...h.current.map((c) => ({
      label: `Now: ${CHANNEL_NAMES[c.channel]}`,
      value: `${c.state === 'given' ? `Given ${formatDay(c.since)}` : c.state === 'withdrawn' ? `Withdrawn ${formatDay(c.since)}` : 'Not given'} — ${c.may_contact ? 'may be contacted' : 'not to be contacted'} for ${c.purpose === 'marketing' ? 'marketing' : c.purpose.replace(/_/g, ' ')}`,
    })),
    ...h.events.map((e) => ({
      label: formatDay(e.at),
      value: `${capital(CHANNEL_NAMES[e.channel])}: ${e.action === 'given' ? 'consent given' : 'consent withdrawn'}${e.basis === 'soft_opt_in' ? ' (existing customer, similar products only)' : ''}, ${CONSENT_METHOD_LABELS[e.method].toLowerCase()}${e.wording ? `, to the wording “${e.wording}”` : ''}`,
    })),
  ];
}

function contacts(s: HandoverSource): HandoverItem[] {
  return s.interactions.map((i) => ({
    label: formatDay(i.at),
    value: [
      `${INTERACTION_KIND_LABELS[i.kind]}${i.summary ? `: ${i.summary}` : ''}`,
      i.outcome ? `Outcome: ${i.outcome}` : '',
      `handled by ${i.handled_by}`,
    ]
      .filter(Boolean)
      .join(' — '),
  }));
}

export const HANDOVER_FIELDS = [
  {
    key: 'name',
    label: 'Name',
    register: carries('name'),
    vcard: true,
    value: (s) => name(s.customer),
  },
  { key: 'ref', label: 'Customer number', register: carries('ref'), vcard: true, value: (s) => s.customer.ref },
  {
    key: 'emails',
    label: 'Email addresses',
    register: carries('emails'),
    vcard: true,
    value: (s) => s.customer.emails.map((e) => e.address).join('; '),
  },
  {
    key: 'phones',
    label: 'Phone numbers',
    register: carries('phones'),
    vcard: true,
    value: (s) => s.customer.phones.map((p) => p.number).join('; '),
  },
  {
    key: 'addresses',
    label: 'Postal addresses',
    register: carries('addresses'),
    vcard: true,
    value: (s) =>
      s.customer.addresses
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
    vcard: true,
    value: (s) => formatDay(s.customer.date_of_birth),
  },
  { key: 'notes', label: 'Notes', register: carries('notes'), vcard: true, value: (s) => s.customer.notes },
  {
    key: 'organisation',
    label: 'Organisation and role',
    register: [],
    reads: 'customers.get',
    vcard: true,
    value: (s) => organisation(s.customer),
  },
  {
    key: 'purchases',
    label: 'Purchases and bookings',
    register: [],
    reads: 'purchases.list',
    vcard: false,
    items: purchases,
  },
  {
    key: 'consent',
    label: 'Consent status and history',
    register: [],
    reads: 'consent.history',
    vcard: false,
    items: consent,
  },
  {
    key: 'contacts',
    label: 'Contacts with the customer',
    register: [],
    reads: 'interactions.list',
    vcard: false,
    items: contacts,
  },
  {
    key: 'record_dates',
    label: 'Record created and last changed',
    register: [],
    vcard: false,
    value: (s) => `created ${formatDay(s.customer.created_at)}, changed ${formatDay(s.customer.updated_at)}`,
  },
] as const satisfies readonly FixedField[];

type FixedHandoverField = (typeof HANDOVER_FIELDS)[number]['key'];
export const HANDOVER_FIELD_KEYS = HANDOVER_FIELDS.map((f) => f.key) as [FixedHandoverField, ...FixedHandoverField[]];

/** A register-defined field handed over on its own: `fields.<register key>`. */
const FIELD_PREFIX = 'fields.';
const DEFINED_KEY = /^fields\.[a-z0-9_]{1,64}$/;

/** A handover field: one of the fixed ones, or one of the register's own fields. */
export const HandoverKey = z.union([
  z.enum(HANDOVER_FIELD_KEYS),
  z.string().regex(DEFINED_KEY, 'That is not a field that can be handed over.'),
]);
export type HandoverField = z.infer<typeof HandoverKey>;

export const definedKey = (registerKey: string): HandoverField => `${FIELD_PREFIX}${registerKey}`;
export const registerKeyOf = (key: string): string | null =>
  key.startsWith(FIELD_PREFIX) ? key.slice(FIELD_PREFIX.length) : null;

/** The least a request of each kind usually needs: the form starts from this, not from everything. */
export const MINIMUM_FIELDS: Record<'customer' | 'colleague' | 'third_party', FixedHandoverField[]> = {
  customer: ['name', 'emails', 'phones', 'addresses'],
  colleague: ['name', 'phones'],
  third_party: ['name'],
};

/** One chosen field as the files carry it: a value in words, and for lists one item a line. */
type Selected = { key: HandoverField; label: string; value: string; items: HandoverItem[] | null };

const fixed = (key: string) => HANDOVER_FIELDS.find((f) => f.key === key) as FixedField | undefined;

/** The selected fields of a record, in catalogue order (fixed fields, then the register's own). */
export function selectFields(s: HandoverSource, fields: readonly HandoverField[]): Selected[] {
  const out: Selected[] = [];
  for (const f of HANDOVER_FIELDS as readonly FixedField[]) {
    if (!fields.includes(f.key)) continue;
    if (f.items) {
      const items = f.items(s);
      const value = items.length ? items.map((i) => `${i.label}: ${i.value}`).join('; ') : 'None recorded';
      out.push({ key: f.key, label: f.label, value, items });
    } else out.push({ key: f.key, label: f.label, value: f.value?.(s) ?? '', items: null });
  }
  for (const d of s.defined) {
    const key = definedKey(d.key);
    if (fields.includes(key)) out.push({ key, label: d.label, value: fieldText(s.values[d.key]), items: null });
  }
  return out;
}

/** The label of a handover field (register-defined ones by their register label). */
export function handoverLabel(key: string, defined: readonly { key: string; label: string }[]): string {
  const registerKey = registerKeyOf(key);
  if (registerKey === null) return fixed(key)?.label ?? key;
  return defined.find((d) => d.key === registerKey)?.label ?? 'A field no longer in the register';
}

/** The fixed handover fields that carry a value of any of these (hidden) register fields. */
export function withheldFields(hidden: readonly string[]): FixedHandoverField[] {
  return HANDOVER_FIELDS.filter((f) => f.register.some((k: string) => hidden.includes(k))).map((f) => f.key);
}

/** The fixed fields a vCard cannot carry (purchases, consent, contacts, record dates). */
export function notOnVcard(fields: readonly HandoverField[]): HandoverField[] {
  return fields.filter((k) => registerKeyOf(k) !== null || fixed(k)?.vcard === false);
}
