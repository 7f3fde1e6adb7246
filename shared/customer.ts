// The customer record, first version: one schema serves the form (react-hook-form's zod
// resolver), the dispatch (input validation) and the command line (CSV rows).
import { z } from 'zod';
import { InitialConsent } from './consent';
import { FieldValues } from './custom-fields';
import {
  ADDRESS_KINDS,
  COLLECTION_CHANNELS,
  CUSTOMER_KINDS,
  DATES_ORDER_MESSAGE,
  ORGANISATION_NAME_MESSAGE,
  ORGANISATION_NOT_PERSON_MESSAGE,
} from './profile-details';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from './rules/card-guard';
import { checkPhone } from './rules/phone';
import { checkPostcode } from './rules/postcode';
import { SPECIAL_CATEGORY_BASES } from './rules/sensitive-guard';
import { cleanLine, cleanText } from './text';

export const LIMITS = { line: 100, email: 254, notes: 20_000, emails: 10, phones: 10, addresses: 10 } as const;

/** A single-line text value: cleaned, bounded, and never a card number. */
function line(label: string, max: number = LIMITS.line) {
  return z
    .string()
    .transform(cleanLine)
    .pipe(
      z
        .string()
        .max(max, `${label} can be at most ${max} characters.`)
        .refine((v) => !containsCardNumber(v), CARD_NUMBER_MESSAGE),
    );
}

const optionalLine = (label: string, max?: number) => line(label, max).optional().default('');

const EmailInput = z.object({
  address: z
    .string()
    .transform((v) => cleanLine(v).replace(/\s/g, ''))
    .pipe(z.email('This is not a valid email address.').max(LIMITS.email))
    // The local part is kept as typed; the domain is case-insensitive and stored lower case.
    .transform((v) => {
      const at = v.lastIndexOf('@');
      return v.slice(0, at) + v.slice(at).toLowerCase();
    }),
  label: optionalLine('Label', 30),
});

const PhoneInput = z.object({ number: line('Phone', 40), label: optionalLine('Label', 30) }).transform((phone, ctx) => {
  const check = checkPhone(phone.number);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: check.message, path: ['number'] });
    return z.NEVER;
  }
  return { ...phone, e164: check.e164 };
});

const AddressDate = z
  .string()
  .transform(cleanLine)
  .refine((v) => v === '' || isRealDate(v), 'Enter a real date, day first, such as 06/12/2026.');

const AddressInput = z
  .object({
    line1: optionalLine('Address line 1'),
    line2: optionalLine('Address line 2'),
    town: optionalLine('Town'),
    region: optionalLine('County or region'),
    postcode: optionalLine('Postcode', 16),
    country: line('Country', 56).default('GB'),
    label: optionalLine('Label', 30),
    kind: z.enum(ADDRESS_KINDS, 'Choose home, work, billing, delivery or other.').default('home'),
    /** From and until when the address holds (YYYY-MM-DD), both optional. */
    valid_from: AddressDate.optional().default(''),
    valid_to: AddressDate.optional().default(''),
  })
  .transform((address, ctx) => {
    const country = address.country.toUpperCase() === 'UK' || address.country === '' ? 'GB' : address.country;
    let postcode = address.postcode;
    if (postcode) {
      const check = checkPostcode(postcode, country);
      if (!check.ok) {
        ctx.addIssue({ code: 'custom', message: check.message, path: ['postcode'] });
        return z.NEVER;
      }
      postcode = check.postcode;
    }
    if (!address.line1 && !address.town && !postcode) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter at least the first line, the town or the postcode.',
        path: ['line1'],
      });
      return z.NEVER;
    }
    if (address.valid_from && address.valid_to && address.valid_from > address.valid_to) {
      ctx.addIssue({ code: 'custom', message: DATES_ORDER_MESSAGE, path: ['valid_to'] });
      return z.NEVER;
    }
    return { ...address, country, postcode };
  });

const DateOfBirth = z
  .string()
  .transform(cleanLine)
  .refine((v) => v === '' || isPastDate(v), 'Enter a real date in the past, day first, such as 06/12/1980.');

function isPastDate(value: string): boolean {
  return isRealDate(value) && Number(value.slice(0, 4)) >= 1880 && Date.parse(value) <= Date.now();
}

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The confirmation that special-category or identity-number hints in free text are needed, and why. */
export const SensitiveAck = z.object({
  lawful_basis: z.enum(SPECIAL_CATEGORY_BASES, 'Choose the lawful basis for keeping it.'),
  note: line('The note', 300).default(''),
});

const CustomerFields = z.object({
  ref: optionalLine('Customer number', 40),
  // A person (the default) or an organisation. Left out (an import row): a new record is a
  // person and an edit keeps what is stored; the same for the three fields after it.
  kind: z.enum(CUSTOMER_KINDS, 'Choose person or organisation.').optional(),
  organisation_name: line('Organisation name', 160).optional(),
  /** The organisation this person belongs to (another customer record); null for none. */
  organisation_id: z.number().int().positive().nullable().optional(),
  job_title: line('Role or job title').optional(),
  /** How the values were collected, for their provenance (the counter when not said). */
  collected_via: z.enum(COLLECTION_CHANNELS).optional(),
  title: optionalLine('Title', 20),
  given_name: optionalLine('Given name'),
  family_name: optionalLine('Family name'),
  preferred_name: optionalLine('Preferred name'),
  emails: z.array(EmailInput).max(LIMITS.emails).default([]),
  phones: z.array(PhoneInput).max(LIMITS.phones).default([]),
  addresses: z.array(AddressInput).max(LIMITS.addresses).default([]),
  date_of_birth: DateOfBirth.optional().default(''),
  notes: z
    .string()
    .max(LIMITS.notes * 2, `Notes can be at most ${LIMITS.notes} characters.`)
    .transform(cleanText)
    .pipe(
      z
        .string()
        .max(LIMITS.notes, `Notes can be at most ${LIMITS.notes} characters.`)
        .refine((v) => !containsCardNumber(v), CARD_NUMBER_MESSAGE),
    )
    .optional()
    .default(''),
  // Notes that hint at special-category data or an identity number are saved only with this:
  // someone confirmed it is needed and on what basis (see shared/rules/sensitive-guard.ts).
  sensitive_ack: SensitiveAck.optional(),
  // Consent given on the new-record form, in the same step (ignored on edits: use consent.record).
  consent: InitialConsent.optional(),
  // Values of the register-defined fields (custom and profile), checked against the register by
  // the core (shared/custom-fields.ts). A key left out keeps what is stored; null clears it.
  fields: FieldValues.optional(),
});

const NameFields = CustomerFields.pick({
  given_name: true,
  family_name: true,
  kind: true,
  organisation_name: true,
  organisation_id: true,
});

export const CustomerInput = CustomerFields.refine(
  (c) => c.kind === 'organisation' || c.given_name !== '' || c.family_name !== '',
  {
    message: 'Enter a given name or a family name.',
    path: ['family_name'],
    // Say so even while other fields have errors, so the form shows every problem at once.
    when: (payload) => NameFields.safeParse(payload.value).success,
  },
)
  // An organisation is known by its organisation name instead of a person's name.
  .refine((c) => c.kind !== 'organisation' || (c.organisation_name ?? '') !== '', {
    message: ORGANISATION_NAME_MESSAGE,
    path: ['organisation_name'],
    when: (payload) => NameFields.safeParse(payload.value).success,
  })
  .refine((c) => c.kind !== 'organisation' || !c.organisation_id, {
    message: ORGANISATION_NOT_PERSON_MESSAGE,
    path: ['organisation_id'],
    when: (payload) => NameFields.safeParse(payload.value).success,
  });

/** What a form or a caller sends. */
export type CustomerDraft = z.input<typeof CustomerInput>;
/** What the core stores after validation and normalisation. */
export type CustomerData = z.output<typeof CustomerInput>;

const Stamp = { at: z.string(), by: z.string() };

export const Customer = z.object({
  id: z.number().int(),
  ref: z.string(),
  title: z.string(),
  given_name: z.string(),
  family_name: z.string(),
  preferred_name: z.string(),
  emails: z.array(z.object({ address: z.string(), label: z.string() })),
  phones: z.array(z.object({ number: z.string(), e164: z.string(), label: z.string() })),
  addresses: z.array(
    z.object({
      line1: z.string(),
      line2: z.string(),
      town: z.string(),
      region: z.string(),
      postcode: z.string(),
      country: z.string(),
      label: z.string(),
      kind: z.enum(ADDRESS_KINDS),
      valid_from: z.string(),
      valid_to: z.string(),
    }),
  ),
  date_of_birth: z.string(),
  notes: z.string(),
  archived: z.boolean(),
  version: z.number().int(),
  created_at: Stamp.at,
  created_by: Stamp.by,
  updated_at: Stamp.at,
  updated_by: Stamp.by,
  /** When someone last confirmed the details with the customer (the record's creation until then). */
  verified_at: z.string(),
  /** Register-defined values the reader's role may see (absent where a method does not read them). */
  fields: FieldValues.optional(),
  kind: z.enum(CUSTOMER_KINDS),
  organisation_name: z.string(),
  organisation_id: z.number().int().nullable(),
  job_title: z.string(),
  /** The organisation this person belongs to, to show and link (null: none, or no longer there). */
  organisation: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** For an organisation: the people who belong to it (the first 100, by name). */
  members: z.array(z.object({ id: z.number().int(), name: z.string(), job_title: z.string() })),
  /** Register fields the caller's role may not see: their values are left out (blank). */
  hidden: z.array(z.string()),
});
export type Customer = z.infer<typeof Customer>;

/** One row of a search result or list: enough to recognise the person at the counter. */
export const CustomerSummary = z.object({
  id: z.number().int(),
  ref: z.string(),
  title: z.string(),
  given_name: z.string(),
  family_name: z.string(),
  preferred_name: z.string(),
  email: z.string(),
  phone: z.string(),
  postcode: z.string(),
  town: z.string(),
  archived: z.boolean(),
  kind: z.enum(CUSTOMER_KINDS).optional(),
  organisation_name: z.string().optional(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export function displayName(
  c: Pick<Customer, 'title' | 'given_name' | 'family_name' | 'preferred_name'> & {
    kind?: string | undefined;
    organisation_name?: string | undefined;
  },
): string {
  if (c.kind === 'organisation' && c.organisation_name) return c.organisation_name;
  const given = c.preferred_name || c.given_name;
  return [given, c.family_name].filter(Boolean).join(' ') || '(no name)';
}
