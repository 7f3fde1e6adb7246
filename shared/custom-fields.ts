// Fields defined in the register rather than in code: the organisation's own (custom) fields and
// the richer profile seeded with the app (household, language, interests, contact preferences).
// Their values live beside the record, one row per filled field. Everything that decides whether
// a definition or a value is acceptable is here, once, and used by the form and by the core.
import { z } from 'zod';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from './rules/card-guard';
import { cleanLine, cleanText, fold } from './text';

export const FIELD_KINDS = ['text', 'number', 'date', 'single_choice', 'multiple_choice', 'yes_no'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
export const KIND_LABELS: Record<FieldKind, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  single_choice: 'One choice from a list',
  multiple_choice: 'Several choices from a list',
  yes_no: 'Yes or no',
};

export const isChoiceKind = (kind: FieldKind | null): boolean => kind === 'single_choice' || kind === 'multiple_choice';

export const FIELD_LIMITS = { text: 1000, label: 60, choice: 80, choices: 50, fields: 200 } as const;

/** A value as the API carries it: text, a number, yes/no, the choices picked, or null (empty). */
export const FieldValue = z.union([
  z.string().max(FIELD_LIMITS.text * 2, `Keep it under ${FIELD_LIMITS.text} characters.`),
  z.number(),
  z.boolean(),
  z.array(z.string().max(FIELD_LIMITS.choice * 2)).max(FIELD_LIMITS.choices),
  z.null(),
]);
export type FieldValue = z.infer<typeof FieldValue>;

/** Values keyed by field. On a save, a key that is left out keeps what is stored. */
export const FieldValues = z
  .record(z.string().max(64), FieldValue)
  .refine((v) => Object.keys(v).length <= FIELD_LIMITS.fields, 'Too many fields in one save.');
export type FieldValues = z.infer<typeof FieldValues>;

/** What checking a value needs to know about its field. */
export type FieldDefinition = { key: string; label: string; kind: FieldKind; choices: readonly string[] };

/** Choices compare without case or extra spaces: "Jazz " and "jazz" are the same choice. */
export function choiceKey(choice: string): string {
  return fold(cleanLine(choice));
}

/** Names compare ignoring case, accents, spaces and punctuation: "E-mail" is "Email". */
export function nameKey(name: string): string {
  return fold(name).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Other words for the built-in fields, so a custom field cannot quietly duplicate one. */
const BUILT_IN_ALIASES = [
  'name',
  'fullname',
  'firstname',
  'forename',
  'surname',
  'lastname',
  'emailaddress',
  'mobile',
  'telephone',
  'phonenumber',
  'address',
  'city',
  'dob',
  'birthday',
  'birthdate',
  'customerno',
  'membershipnumber',
  'comments',
] as const;

type Checked = { ok: true; stored: string | null } | { ok: false; message: string };

const isEmpty = (v: FieldValue | undefined): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1800;
}

function pick(def: FieldDefinition, raw: string): string | null {
  const key = choiceKey(raw);
  return def.choices.find((c) => choiceKey(c) === key) ?? null;
}

const notAChoice = (def: FieldDefinition, raw: string) =>
  `"${cleanLine(raw).slice(0, FIELD_LIMITS.choice)}" is not one of the choices for ${def.label}. Pick from: ${def.choices.join(', ')}.`;

/**
 * Check one value against its field and give the text to store (null: nothing to store, the
 * field is empty). Text is cleaned and never a card number; numbers and dates must be real;
 * choices must be on the field's list (matched without case or extra spaces).
 */
export function checkFieldValue(def: FieldDefinition, raw: FieldValue | undefined): Checked {
  if (isEmpty(raw)) return { ok: true, stored: null };
  const text = Array.isArray(raw) ? '' : String(raw);
  switch (def.kind) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, message: `${def.label} must be text.` };
      const clean = cleanText(raw);
      if (clean.length > FIELD_LIMITS.text)
        return { ok: false, message: `${def.label} can be at most ${FIELD_LIMITS.text} characters.` };
      if (containsCardNumber(clean)) return { ok: false, message: CARD_NUMBER_MESSAGE };
      return { ok: true, stored: clean };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
      if (typeof raw === 'boolean' || !Number.isFinite(n) || Math.abs(n) > 1e15)
        return { ok: false, message: `${def.label} must be a number, like 12 or 3.5.` };
      return { ok: true, stored: String(n) };
    }
    case 'date': {
      const clean = cleanLine(text);
      if (typeof raw !== 'string' || !isRealDate(clean))
        return { ok: false, message: `${def.label} must be a real date, as YYYY-MM-DD.` };
      return { ok: true, stored: clean };
    }
    case 'yes_no': {
      if (typeof raw === 'boolean') return { ok: true, stored: raw ? 'yes' : 'no' };
      const word = cleanLine(text).toLowerCase();
      if (word === 'yes' || word === 'true') return { ok: true, stored: 'yes' };
      if (word === 'no' || word === 'false') return { ok: true, stored: 'no' };
      return { ok: false, message: `${def.label} is yes or no.` };
    }
    case 'single_choice': {
      if (typeof raw !== 'string') return { ok: false, message: `Pick one choice for ${def.label}.` };
      const choice = pick(def, raw);
      return choice === null ? { ok: false, message: notAChoice(def, raw) } : { ok: true, stored: choice };
    }
    case 'multiple_choice': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : null;
      if (!items) return { ok: false, message: `Pick choices from the list for ${def.label}.` };
      const picked = new Set<string>();
      for (const item of items) {
        if (item.trim() === '') continue;
        const choice = pick(def, item);
        if (choice === null) return { ok: false, message: notAChoice(def, item) };
        picked.add(choice);
      }
      // Stored in the list's order, so the same picks are always the same text.
      const ordered = def.choices.filter((c) => picked.has(c));
      return { ok: true, stored: ordered.length ? JSON.stringify(ordered) : null };
    }
  }
}

/** A stored value as the API gives it back: a number, yes/no as true/false, the choices as a list. */
export function readFieldValue(kind: FieldKind, stored: string): FieldValue {
  switch (kind) {
    case 'number':
      return Number(stored);
    case 'yes_no':
      return stored === 'yes';
    case 'multiple_choice':
      try {
        const list = JSON.parse(stored) as unknown;
        return Array.isArray(list) ? list.map(String) : [stored];
      } catch {
        return [stored];
      }
    default:
      return stored;
  }
}

/** A value in words, for the record view, the completeness check and exports ('' when empty). */
export function fieldText(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** A value as the form holds it: text boxes and lists take strings, yes/no is 'yes' / 'no'. */
export function formFieldValue(value: FieldValue | undefined): string | string[] {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return [...value];
  if (value === null || value === undefined) return '';
  return String(value);
}

/** Check a whole set of values (what a form holds) against the definitions; one error per field. */
export function fieldValueErrors(
  values: Record<string, FieldValue | undefined> | undefined,
  definitions: readonly FieldDefinition[],
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  for (const def of definitions) {
    if (!values || !(def.key in values)) continue;
    const checked = checkFieldValue(def, values[def.key]);
    if (!checked.ok) errors.push({ path: `fields.${def.key}`, message: checked.message });
  }
  return errors;
}

// --- Definitions -------------------------------------------------------------------------

export const DUPLICATE_CHOICE_MESSAGE = (choice: string) =>
  `"${choice}" is in the list twice (ignoring capitals and spaces): keep it once.`;
const EMPTY_CHOICES_MESSAGE = 'A choice field needs at least one choice: add the choices people can pick.';

/** What is wrong with a list of choices for this kind, or null. */
export function choicesProblem(kind: FieldKind, choices: readonly string[]): string | null {
  if (!isChoiceKind(kind)) return choices.length > 0 ? 'Only choice fields have a list of choices.' : null;
  const clean = choices.map(cleanLine);
  if (clean.filter(Boolean).length === 0) return EMPTY_CHOICES_MESSAGE;
  if (clean.some((c) => c === '')) return 'A choice cannot be empty: remove the blank one.';
  if (clean.length > FIELD_LIMITS.choices) return `At most ${FIELD_LIMITS.choices} choices.`;
  const long = clean.find((c) => c.length > FIELD_LIMITS.choice);
  if (long) return `"${long.slice(0, 20)}…" is too long: keep each choice under ${FIELD_LIMITS.choice} characters.`;
  const seen = new Set<string>();
  for (const c of clean) {
    if (seen.has(choiceKey(c))) return DUPLICATE_CHOICE_MESSAGE(c);
    seen.add(choiceKey(c));
  }
  return null;
}

/** A label that would be mistaken for an existing field's, or null. */
export function labelClash(
  label: string,
  existing: readonly { key: string; label: string; custom: boolean }[],
): string | null {
  const wanted = nameKey(label);
  if (wanted === '') return 'Give the field a name.';
  for (const e of existing) {
    if (nameKey(e.label) === wanted || nameKey(e.key) === wanted) {
      return e.custom
        ? `There is already a custom field called "${e.label}": use it, or choose another name.`
        : `"${cleanLine(label)}" is the name of a built-in field (${e.label}): use that field, or choose another name.`;
    }
  }
  if ((BUILT_IN_ALIASES as readonly string[]).includes(wanted)) {
    return `"${cleanLine(label)}" means the same as a built-in field: use that field, or choose another name.`;
  }
  return null;
}

/** A stable key for a new field from its label: lower case letters, digits and underscores. */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  const base = `cf_${fold(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)}`;
  let key = base === 'cf_' ? 'cf_field' : base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/** A choice list edit: each choice as it will be, and the stored choice it renames (if any). */
export const ChoiceEdit = z.object({
  label: z.string().max(FIELD_LIMITS.choice * 2),
  was: z
    .string()
    .max(FIELD_LIMITS.choice * 2)
    .optional(),
});
export type ChoiceEdit = z.infer<typeof ChoiceEdit>;

/** Special-category fields (accessibility needs: health) may be collected only with a stated purpose. */
export const SPECIAL_PURPOSE_MESSAGE = (label: string) =>
  `${label} is special-category data (health). Say the explicit purpose it is collected for before collecting it.`;
export const SPECIAL_WARNING =
  'Special-category data (health): collect it only for the explicit purpose stated here, with the customer’s explicit consent, and keep it no longer than needed.';

// --- The profile fields seeded with the app ----------------------------------------------

type ProfileSeed = {
  key: string;
  label: string;
  kind: FieldKind;
  choices: string[];
  category: 'demographic' | 'psychographic' | 'service';
  priority: 'nice_to_know' | 'not_collected';
  purpose: string;
  lawful_basis: 'consent' | 'legitimate_interests';
  retention_months: number;
  sources: string;
  special: boolean;
};

/**
 * Nice to know, except accessibility needs: health data is not collected until the organisation
 * states the explicit purpose it needs it for (the register refuses to collect it without one).
 */
export const PROFILE_SEEDS: readonly ProfileSeed[] = [
  {
    key: 'household',
    label: 'Household',
    kind: 'single_choice',
    choices: ['Lives alone', 'Couple', 'Family with children', 'Shared household', 'Other'],
    category: 'demographic',
    priority: 'nice_to_know',
    purpose: 'To offer family and group tickets that suit the household.',
    lawful_basis: 'legitimate_interests',
    retention_months: 36,
    sources: 'Customer, at the counter or on a form',
    special: false,
  },
  {
    key: 'preferred_language',
    label: 'Preferred language',
    kind: 'text',
    choices: [],
    category: 'demographic',
    priority: 'nice_to_know',
    purpose: 'To speak and write to the customer in the language they prefer.',
    lawful_basis: 'legitimate_interests',
    retention_months: 72,
    sources: 'Customer',
    special: false,
  },
  {
    key: 'accessibility_needs',
    label: 'Accessibility needs',
    kind: 'text',
    choices: [],
    category: 'demographic',
    priority: 'not_collected',
    purpose: '',
    lawful_basis: 'consent',
    retention_months: 24,
    sources: 'Customer, with explicit consent',
    special: true,
  },
  {
    key: 'interests',
    label: 'Interests',
    kind: 'multiple_choice',
    choices: ['Theatre', 'Music', 'Comedy', 'Dance', 'Film', 'Family events', 'Talks', 'Workshops'],
    category: 'psychographic',
    priority: 'nice_to_know',
    purpose: 'To tell the customer about what they are interested in, where they agreed to hear from us.',
    lawful_basis: 'consent',
    retention_months: 36,
    sources: 'Customer, on a form or at the counter',
    special: false,
  },
  {
    key: 'motivations',
    label: 'Motivations',
    kind: 'multiple_choice',
    choices: ['A night out', 'Learning something new', 'Special occasion', 'Supporting us', 'Bringing children'],
    category: 'psychographic',
    priority: 'nice_to_know',
    purpose: 'To plan events and offers around why people come.',
    lawful_basis: 'consent',
    retention_months: 36,
    sources: 'Customer, in a survey or at the counter',
    special: false,
  },
  {
    key: 'contact_channel',
    label: 'Preferred channel',
    kind: 'single_choice',
    choices: ['Email', 'Phone', 'Text message', 'Post', 'No preference'],
    category: 'service',
    priority: 'nice_to_know',
    purpose: 'To contact the customer the way they prefer.',
    lawful_basis: 'legitimate_interests',
    retention_months: 72,
    sources: 'Customer',
    special: false,
  },
  {
    key: 'contact_frequency',
    label: 'How often to hear from us',
    kind: 'single_choice',
    choices: ['Whenever there is news', 'Weekly', 'Monthly', 'A few times a year'],
    category: 'service',
    priority: 'nice_to_know',
    purpose: 'To contact the customer no more often than they want.',
    lawful_basis: 'legitimate_interests',
    retention_months: 72,
    sources: 'Customer',
    special: false,
  },
];
