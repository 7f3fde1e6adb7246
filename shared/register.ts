// The information-requirements register: for every field — built in, or defined in the register
// itself (custom and profile fields, shared/custom-fields.ts) — why the organisation holds it, on
// what lawful basis, for how long, and whether it is a must-have, nice to know, or no longer
// collected. One module serves the core (enforcing must-haves, the "missing" list) and
// the form (required / hidden / help text), so both decide the same way.
import { z } from 'zod';
import { Role } from './contract/roles';
import { ChoiceEdit, FIELD_KINDS, FIELD_LIMITS, type FieldValue, fieldText } from './custom-fields';
import { COMPLETENESS_FIELDS, type CompletenessField, registerSeed } from './fields';
import { appliesTo } from './profile-details';

export const CATEGORIES = [
  'contact',
  'geographic',
  'demographic',
  'psychographic',
  'buying_pattern',
  'service',
] as const;
export const CATEGORY_LABELS: Record<(typeof CATEGORIES)[number], string> = {
  contact: 'Contact',
  geographic: 'Geographic',
  demographic: 'Demographic',
  psychographic: 'Psychographic',
  buying_pattern: 'Buying pattern',
  service: 'Service',
};

export const PRIORITIES = ['must_have', 'nice_to_know', 'not_collected'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = {
  must_have: 'Must-have',
  nice_to_know: 'Nice to know',
  not_collected: 'Not collected',
};

export const LAWFUL_BASES = [
  'consent',
  'contract',
  'legitimate_interests',
  'legal_obligation',
  'vital_interests',
  'public_task',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];
export const BASIS_LABELS: Record<LawfulBasis, string> = {
  consent: 'Consent',
  contract: 'Contract',
  legitimate_interests: 'Legitimate interests',
  legal_obligation: 'Legal obligation',
  vital_interests: 'Vital interests',
  public_task: 'Public task',
};

/** The longest retention the register accepts: 100 years (a typo guard, not a policy). */
const MAX_RETENTION_MONTHS = 1200;
/** A new field's retention unless the organisation says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 24;

const RETENTION_ZERO_MESSAGE =
  'Keep it for at least 1 month. A retention period of 0 would mean not keeping the value at all: choose "Not collected" instead.';
export const BASIS_REQUIRED_MESSAGE = 'Choose the lawful basis: every field that is collected needs one.';

export const RegisterEntry = z.object({
  key: z.string(),
  label: z.string(),
  category: z.enum(CATEGORIES),
  priority: z.enum(PRIORITIES),
  purpose: z.string(),
  /** Null only while a field is not collected. */
  lawful_basis: z.enum(LAWFUL_BASES).nullable(),
  retention_months: z.number().int(),
  see_roles: z.array(Role),
  edit_roles: z.array(Role),
  sources: z.string(),
  updated_at: z.string(),
  updated_by: z.string(),
  /** How values are typed in; null for the built-in fields stored on the record itself. */
  kind: z.enum(FIELD_KINDS).nullable(),
  /** The list to pick from, for choice fields. */
  choices: z.array(z.string()),
  /** Added by the organisation (may be removed while nothing is stored in it). */
  custom: z.boolean(),
  /** Special-category data: collected only with an explicit purpose. */
  special: z.boolean(),
});
export type RegisterEntry = z.infer<typeof RegisterEntry>;

export const RegisterUpdate = z.object({
  key: z.string().max(64),
  priority: z.enum(PRIORITIES).optional(),
  purpose: z.string().trim().max(500, 'Keep the purpose under 500 characters.').optional(),
  lawful_basis: z.enum(LAWFUL_BASES, 'Choose a lawful basis from the list.').nullable().optional(),
  retention_months: z
    .number('Enter the retention period in months.')
    .int('Enter a whole number of months.')
    .min(1, RETENTION_ZERO_MESSAGE)
    .max(MAX_RETENTION_MONTHS, `At most ${MAX_RETENTION_MONTHS} months.`)
    .optional(),
  see_roles: z.array(Role).max(5).optional(),
  edit_roles: z.array(Role).max(5).optional(),
  sources: z.string().trim().max(300).optional(),
  /** Choice fields: the new list; `was` renames a stored choice (its values follow). */
  choices: z.array(ChoiceEdit).max(FIELD_LIMITS.choices, `At most ${FIELD_LIMITS.choices} choices.`).optional(),
});

/** A field the organisation adds (register.add); the core checks the name and the choices. */
export const NewField = RegisterUpdate.omit({ key: true, choices: true }).extend({
  label: z
    .string()
    .trim()
    .min(1, 'Give the field a name.')
    .max(FIELD_LIMITS.label, `Keep the name under ${FIELD_LIMITS.label} characters.`),
  kind: z.enum(FIELD_KINDS, 'Choose what kind of value the field holds.'),
  category: z.enum(CATEGORIES, 'Choose a category.'),
  priority: z.enum(PRIORITIES).default('nice_to_know'),
  choices: z
    .array(z.string().max(FIELD_LIMITS.choice * 2))
    .max(FIELD_LIMITS.choices * 2)
    .default([]),
});
export type NewField = z.input<typeof NewField>;

type Seed = Omit<
  RegisterEntry,
  'key' | 'label' | 'updated_at' | 'updated_by' | 'see_roles' | 'edit_roles' | 'kind' | 'choices' | 'custom' | 'special'
>;

const STAFF_SEE: Role[] = ['owner', 'manager', 'staff', 'readonly'];
const STAFF_EDIT: Role[] = ['owner', 'manager', 'staff'];

/**
 * The starting register of the built-in fields, from the catalogue (shared/fields.ts), with the
 * default roles. A new file gets these from migration 0006's frozen copy; a test checks that
 * they agree, so a field added to the catalogue comes with the migration that registers it.
 */
export const REGISTER_SEEDS = Object.fromEntries(
  COMPLETENESS_FIELDS.map((f) => {
    const { category, priority, purpose, lawful_basis, retention_months, sources } = registerSeed(f.key);
    const seed: Seed = {
      category: category as Seed['category'],
      priority: priority as Priority,
      purpose,
      lawful_basis: lawful_basis as LawfulBasis,
      retention_months,
      sources,
    };
    return [f.key, seed];
  }),
) as Record<CompletenessField, Seed>;

export const DEFAULT_SEE_ROLES = STAFF_SEE;
export const DEFAULT_EDIT_ROLES = STAFF_EDIT;

/** The customer shape both a draft (after validation) and a stored record share. */
type FieldSource = {
  given_name: string;
  family_name: string;
  title: string;
  preferred_name: string;
  emails: readonly { address: string }[];
  phones: readonly { number: string }[];
  addresses: readonly { postcode: string; town: string }[];
  date_of_birth: string;
  notes: string;
  ref: string;
  /** A person (default) or an organisation. */
  kind?: string | undefined;
  /** Values of the register-defined fields (custom and profile), by key. */
  fields?: Readonly<Record<string, FieldValue | undefined>> | undefined;
};

/**
 * A field's value as the completeness counters see it: email, phone, postcode and town are the
 * first entry's (the summary copies on the customer row), so record, list and table agree.
 */
export function fieldValue(c: FieldSource, key: string): string {
  switch (key) {
    case 'email':
      return c.emails[0]?.address ?? '';
    case 'phone':
      return c.phones[0]?.number ?? '';
    case 'postcode':
      return c.addresses[0]?.postcode ?? '';
    case 'town':
      return c.addresses[0]?.town ?? '';
    default: {
      if (!BUILT_IN.has(key)) return fieldText(c.fields?.[key]);
      const v = (c as Record<string, unknown>)[key];
      return typeof v === 'string' ? v : '';
    }
  }
}

/** Where a missing value's message belongs on the form: the first entry's box, or the list when empty. */
export function fieldPath(c: FieldSource, key: string): string {
  switch (key) {
    case 'email':
      return c.emails.length ? 'emails.0.address' : 'emails';
    case 'phone':
      return c.phones.length ? 'phones.0.number' : 'phones';
    case 'postcode':
      return c.addresses.length ? 'addresses.0.postcode' : 'addresses';
    case 'town':
      return c.addresses.length ? 'addresses.0.town' : 'addresses';
    default:
      return BUILT_IN.has(key) ? key : `fields.${key}`;
  }
}

type Rule = Pick<RegisterEntry, 'key' | 'label' | 'priority'>;

/** The must-haves this record lacks, in register order. */
export function missingMustHaves<R extends Rule>(c: FieldSource, register: readonly R[]): R[] {
  return register.filter(
    // A person's name fields are not asked of an organisation (shared/profile-details.ts).
    (r) => r.priority === 'must_have' && appliesTo(c.kind, r.key) && fieldValue(c, r.key).trim() === '',
  );
}

function mustHaveMessage(label: string): string {
  return `${label} is a must-have: enter it before saving.`;
}

/** The field errors for missing must-haves (one per place on the form). */
export function mustHaveErrors(c: FieldSource, register: readonly Rule[]): { path: string; message: string }[] {
  const byPath = new Map<string, string>();
  for (const r of missingMustHaves(c, register)) {
    const path = fieldPath(c, r.key);
    if (!byPath.has(path)) byPath.set(path, mustHaveMessage(r.label));
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/**
 * The entries whose must-have can be asked of this person: on an edit, a register-defined field
 * the role may not change is not (it could never be filled in). Form and core both use this.
 */
export function askable<E extends Pick<RegisterEntry, 'kind' | 'edit_roles'>>(
  register: readonly E[],
  role: Role | null,
  editing: boolean,
): E[] {
  return register.filter((e) => !editing || e.kind === null || (role !== null && e.edit_roles.includes(role)));
}

/** How the form treats one field: required, hidden (not collected), and its help text. */
export function formRule(
  register: readonly Pick<RegisterEntry, 'key' | 'priority' | 'purpose'>[] | null,
  key: CompletenessField,
): { required: boolean; hidden: boolean; hint: string | undefined } {
  const entry = register?.find((r) => r.key === key);
  if (!entry) return { required: false, hidden: false, hint: undefined };
  return {
    required: entry.priority === 'must_have',
    hidden: entry.priority === 'not_collected',
    hint: entry.purpose || undefined,
  };
}

export const REGISTER_KEYS = COMPLETENESS_FIELDS.map((f) => f.key);
const BUILT_IN = new Set<string>(REGISTER_KEYS);
