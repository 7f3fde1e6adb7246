// The catalogue of built-in customer fields: one entry per field, saying everything the app needs
// to know about it. The form's blank draft, the export columns, the import targets and the
// header names an import recognises, the merge's field list, the handover's register fields, the
// completeness counters and the register's seed values are all derived from it (the functions
// below), so adding a built-in field is one entry here — plus, for a counted field, the migration
// that adds its counter and register row (migrations are frozen copies and never read this).
//
// Entry order is the CSV column order of exports and canonical imports (a file format: keep it).
// Per entry:
//   text       stored as text on the record itself (the form's blank draft, the merge's choices)
//   export     a column of exports and of the canonical CSV header
//   import     an import target beyond the export columns
//   headers    other header names an import maps to this field without asking
//   handover   the handover field that carries its value (shared/handover.ts)
//   personOnly a person's field, neither asked of nor shown for an organisation
//   register   a field of the information-requirements register: its place there, the customer
//              row column its completeness is counted from, and its seed values for a new file

/** The stored record as the export reads it (shared/customer.ts's Customer has this shape). */
type Stored = {
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  notes: string;
  emails: readonly { address: string }[];
  phones: readonly { number: string }[];
  addresses: readonly {
    line1: string;
    line2: string;
    town: string;
    region: string;
    postcode: string;
    country: string;
  }[];
};

type RegisterSeed = {
  position: number;
  column: string;
  category: string;
  priority: string;
  purpose: string;
  lawful_basis: string;
  retention_months: number;
  sources: string;
};

type CatalogueEntry = {
  key: string;
  label: string;
  text?: boolean;
  export?: (c: Stored) => string;
  import?: boolean;
  headers: readonly string[];
  handover?: string;
  personOnly?: boolean;
  register?: RegisterSeed;
};

const firstAddress = (c: Stored) => c.addresses[0];

export const BUILT_IN_FIELDS = [
  {
    key: 'ref',
    label: 'Customer number',
    text: true,
    export: (c: Stored) => c.ref,
    headers: [
      'ref',
      'reference',
      'customer number',
      'customer no',
      'customer id',
      'customer ref',
      'account number',
      'account no',
      'member number',
      'membership number',
      'member id',
      'client id',
    ],
    handover: 'ref',
    register: {
      position: 9,
      column: 'ref',
      category: 'service',
      priority: 'nice_to_know',
      purpose: 'To find the record quickly from a membership card.',
      lawful_basis: 'contract',
      retention_months: 72,
      sources: 'Issued by us',
    },
  },
  {
    key: 'title',
    label: 'Title',
    text: true,
    export: (c: Stored) => c.title,
    headers: ['title', 'salutation', 'honorific', 'prefix', 'name prefix'],
    handover: 'name',
    personOnly: true,
    register: {
      position: 2,
      column: 'title',
      category: 'contact',
      priority: 'nice_to_know',
      purpose: 'To address letters the way the customer prefers.',
      lawful_basis: 'legitimate_interests',
      retention_months: 72,
      sources: 'Counter, form',
    },
  },
  {
    key: 'given_name',
    label: 'Given name',
    text: true,
    export: (c: Stored) => c.given_name,
    headers: ['given name', 'first name', 'firstname', 'forename', 'forenames', 'christian name', 'first'],
    handover: 'name',
    personOnly: true,
    register: {
      position: 0,
      column: 'given_name',
      category: 'contact',
      priority: 'nice_to_know',
      purpose: 'To address the customer personally.',
      lawful_basis: 'contract',
      retention_months: 72,
      sources: 'Counter, phone, form',
    },
  },
  {
    key: 'family_name',
    label: 'Family name',
    text: true,
    export: (c: Stored) => c.family_name,
    headers: ['family name', 'surname', 'last name', 'lastname', 'second name', 'last'],
    handover: 'name',
    personOnly: true,
    register: {
      position: 1,
      column: 'family_name',
      // Only the family name is a must-have: a record needs a name to be found again, and the
      // rule that a person has a given or a family name already asks for one at the counter.
      category: 'contact',
      priority: 'must_have',
      purpose: 'To identify the customer and find their record.',
      lawful_basis: 'contract',
      retention_months: 72,
      sources: 'Counter, phone, form',
    },
  },
  {
    key: 'preferred_name',
    label: 'Preferred name',
    text: true,
    import: true,
    headers: ['preferred name', 'nickname', 'known as'],
    handover: 'name',
    personOnly: true,
    register: {
      position: 3,
      column: 'preferred_name',
      category: 'contact',
      priority: 'nice_to_know',
      purpose: 'To greet the customer by the name they use.',
      lawful_basis: 'legitimate_interests',
      retention_months: 72,
      sources: 'Counter',
    },
  },
  {
    key: 'email',
    label: 'Email',
    export: (c: Stored) => c.emails[0]?.address ?? '',
    headers: ['email', 'e mail', 'email address', 'e mail address', 'mail', 'email 1', 'primary email'],
    handover: 'emails',
    register: {
      position: 4,
      column: 'summary_email',
      category: 'contact',
      priority: 'nice_to_know',
      purpose: 'To send tickets and receipts, and news where the customer agreed.',
      lawful_basis: 'consent',
      retention_months: 72,
      sources: 'Form, counter, import',
    },
  },
  {
    key: 'phone',
    label: 'Phone',
    export: (c: Stored) => c.phones[0]?.number ?? '',
    headers: [
      'phone',
      'telephone',
      'tel',
      'mobile',
      'mobile phone',
      'mobile number',
      'cell',
      'cell phone',
      'phone number',
      'telephone number',
      'home phone',
      'contact number',
      'phone 1',
      'mobile no',
    ],
    handover: 'phones',
    register: {
      position: 5,
      column: 'summary_phone',
      category: 'contact',
      priority: 'nice_to_know',
      purpose: 'To reach the customer about a booking that changes.',
      lawful_basis: 'contract',
      retention_months: 72,
      sources: 'Counter, phone',
    },
  },
  {
    key: 'address_line1',
    label: 'Address line 1',
    export: (c: Stored) => firstAddress(c)?.line1 ?? '',
    headers: [
      'address',
      'address 1',
      'address line 1',
      'address line1',
      'street',
      'street address',
      'line 1',
      'house',
      'address1',
    ],
    handover: 'addresses',
  },
  {
    key: 'address_line2',
    label: 'Address line 2',
    export: (c: Stored) => firstAddress(c)?.line2 ?? '',
    headers: ['address 2', 'address line 2', 'address line2', 'line 2', 'address2', 'locality', 'district'],
    handover: 'addresses',
  },
  {
    key: 'town',
    label: 'Town',
    export: (c: Stored) => firstAddress(c)?.town ?? '',
    headers: ['town', 'city', 'town city', 'post town', 'town or city'],
    handover: 'addresses',
    register: {
      position: 7,
      column: 'summary_town',
      category: 'geographic',
      priority: 'nice_to_know',
      purpose: 'To post tickets and understand where audiences come from.',
      lawful_basis: 'legitimate_interests',
      retention_months: 72,
      sources: 'Counter, form',
    },
  },
  {
    key: 'region',
    label: 'County or region',
    export: (c: Stored) => firstAddress(c)?.region ?? '',
    headers: ['county', 'region', 'state', 'province', 'county region'],
    handover: 'addresses',
  },
  {
    key: 'postcode',
    label: 'Postcode',
    export: (c: Stored) => firstAddress(c)?.postcode ?? '',
    headers: ['postcode', 'post code', 'postal code', 'zip', 'zip code', 'postcode zip', 'post code zip'],
    handover: 'addresses',
    register: {
      position: 6,
      column: 'summary_postcode',
      category: 'geographic',
      priority: 'nice_to_know',
      purpose: 'To post tickets and understand where audiences come from.',
      lawful_basis: 'legitimate_interests',
      retention_months: 72,
      sources: 'Counter, form',
    },
  },
  {
    key: 'country',
    label: 'Country',
    export: (c: Stored) => firstAddress(c)?.country ?? '',
    headers: ['country', 'nation', 'country code'],
    handover: 'addresses',
  },
  {
    key: 'date_of_birth',
    label: 'Date of birth',
    text: true,
    export: (c: Stored) => c.date_of_birth,
    headers: ['date of birth', 'dob', 'd o b', 'birthday', 'birth date', 'birthdate', 'born'],
    handover: 'date_of_birth',
    personOnly: true,
    register: {
      position: 8,
      column: 'date_of_birth',
      category: 'demographic',
      priority: 'nice_to_know',
      purpose: 'To check age for age-restricted sales and offer age-based concessions.',
      lawful_basis: 'legal_obligation',
      retention_months: 72,
      sources: 'Customer, with proof of age',
    },
  },
  {
    key: 'notes',
    label: 'Notes',
    text: true,
    export: (c: Stored) => c.notes,
    headers: ['notes', 'note', 'comments', 'comment', 'remarks'],
    handover: 'notes',
    register: {
      position: 10,
      column: 'notes',
      category: 'service',
      priority: 'nice_to_know',
      purpose: 'To remember service needs the customer asked us to keep.',
      lawful_basis: 'legitimate_interests',
      retention_months: 24,
      sources: 'Staff',
    },
  },
] as const satisfies readonly CatalogueEntry[];

type Entry = (typeof BUILT_IN_FIELDS)[number];
type BuiltInField = Entry['key'];
/** A field kept as text on the record itself. */
export type TextField = Extract<Entry, { text: true }>['key'];
/** A column of exports and of the canonical CSV header. */
export type ExportColumn = Extract<Entry, { export: unknown }>['key'];
/** A field an import takes that exports do not write. */
type ImportOnlyField = Extract<Entry, { import: true }>['key'];
/** A field of the register. */
export type RegisterField = Extract<Entry, { register: unknown }>['key'];

// --- Derivations (each takes the catalogue, so a test can hand it one with a field more) ------

type Catalogue = readonly CatalogueEntry[];

export function textFields(catalogue: Catalogue): string[] {
  return catalogue.filter((f) => f.text).map((f) => f.key);
}

export function exportColumns(catalogue: Catalogue): string[] {
  return catalogue.filter((f) => f.export).map((f) => f.key);
}

/** The fields an import takes that are not export columns. */
export function importOnlyFields(catalogue: Catalogue): string[] {
  return catalogue.filter((f) => f.import && !f.export).map((f) => f.key);
}

/** The header names an import recognises, by field. */
export function importHeaders(catalogue: Catalogue): Record<string, readonly string[]> {
  return Object.fromEntries(catalogue.filter((f) => f.export || f.import).map((f) => [f.key, f.headers]));
}

/** The register fields whose values a handover field carries. */
export function handoverRegisterKeys(catalogue: Catalogue, handover: string): string[] {
  return catalogue.filter((f) => f.handover === handover && f.register).map((f) => f.key);
}

/** The register's built-in fields in register order, with the column each is counted from. */
export function registerFields(catalogue: Catalogue): { key: string; label: string; column: string }[] {
  return catalogue
    .flatMap((f) => (f.register ? [{ key: f.key, label: f.label, ...f.register }] : []))
    .sort((a, b) => a.position - b.position)
    .map(({ key, label, column }) => ({ key, label, column }));
}

export function personOnlyFields(catalogue: Catalogue): string[] {
  return catalogue.filter((f) => f.personOnly).map((f) => f.key);
}

/** The blank text values of a new record, for the form's draft. */
export function blankText(catalogue: Catalogue): Record<string, ''> {
  return Object.fromEntries(textFields(catalogue).map((k) => [k, '' as const]));
}

export function labelsOf(catalogue: Catalogue): Record<string, string> {
  return Object.fromEntries(catalogue.map((f) => [f.key, f.label]));
}

// --- The lists as the app uses them -------------------------------------------------------------

const byKey = new Map<string, CatalogueEntry>(BUILT_IN_FIELDS.map((f) => [f.key, f]));

/** A built-in field's plain label ("Customer number"). */
export const FIELD_LABELS = labelsOf(BUILT_IN_FIELDS) as Record<BuiltInField, string>;

/** The record's own text fields, in catalogue order (the merge's choices, the form's text boxes). */
export const TEXT_FIELDS = textFields(BUILT_IN_FIELDS) as [TextField, ...TextField[]];

/** A new record's text values, all blank. */
export const BLANK_TEXT = blankText(BUILT_IN_FIELDS) as Record<TextField, ''>;

/** The export columns and canonical CSV header, in file order. */
export const EXPORT_COLUMNS = exportColumns(BUILT_IN_FIELDS) as [ExportColumn, ...ExportColumn[]];

/** The fields an import maps to besides the export columns. */
export const IMPORT_ONLY_FIELDS = importOnlyFields(BUILT_IN_FIELDS) as ImportOnlyField[];

/** Other header names an import maps to each field without asking. */
export const IMPORT_HEADERS = importHeaders(BUILT_IN_FIELDS) as Record<
  ExportColumn | ImportOnlyField,
  readonly string[]
>;

/** A customer as export cells, by column (first email, phone and address). */
export function exportCells(c: Stored): Record<ExportColumn, string> {
  return Object.fromEntries(EXPORT_COLUMNS.map((k) => [k, byKey.get(k)?.export?.(c) ?? ''])) as Record<
    ExportColumn,
    string
  >;
}

/** The fields that describe a person: an organisation's record neither needs nor shows them. */
export const PERSON_ONLY = personOnlyFields(BUILT_IN_FIELDS);

/**
 * The built-in fields as the completeness table counts them, in register order. A field is
 * "filled" when the stored value is not empty; email, phone, postcode and town are read from the
 * first entry (the copies kept on the customer row), so counting never touches the child tables.
 */
export const COMPLETENESS_FIELDS = registerFields(BUILT_IN_FIELDS) as {
  key: RegisterField;
  label: string;
  column: string;
}[];
export type CompletenessField = RegisterField;

/** A register field's seed values for a new file, from the catalogue. */
export function registerSeed(key: RegisterField): RegisterSeed {
  const seed = byKey.get(key)?.register;
  if (!seed) throw new Error(`${key} is not a register field`);
  return seed;
}
