// 0007: fields defined in the register instead of in code — the organisation's custom fields and
// the seeded profile fields (household, language, accessibility, interests, motivations, contact
// preferences). A definition says what kind of value it takes (and its choices); values live in
// customer_values, one row per filled field (an empty field has no row). How many records fill
// each field is kept in value_counts by triggers, so the completeness table never scans.
//
// Frozen: this file imports nothing live. PROFILE_SEEDS and the roles are a snapshot, as of
// format 7, of shared/custom-fields.ts's PROFILE_SEEDS and shared/register.ts's default roles.
import type { DB } from '../open';

const SEE_ROLES = ['owner', 'manager', 'staff', 'readonly'];
const EDIT_ROLES = ['owner', 'manager', 'staff'];

const PROFILE_SEEDS = [
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

const COLUMNS: Record<string, string> = {
  // NULL kind: a built-in field stored on the customer row itself.
  kind: "TEXT CHECK (kind IN ('text','number','date','single_choice','multiple_choice','yes_no'))",
  choices: "TEXT NOT NULL DEFAULT '[]'", // JSON array
  custom: 'INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1))',
  special: 'INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1))',
};

export function up(db: DB): void {
  // Re-runnable (IF NOT EXISTS, OR IGNORE, columns added once), like 0006: a file taken back to
  // an older format by hand keeps its custom fields and values.
  const present = new Set(
    (db.prepare("SELECT name FROM pragma_table_info('register_fields')").all() as { name: string }[]).map(
      (c) => c.name,
    ),
  );
  for (const [name, type] of Object.entries(COLUMNS)) {
    if (!present.has(name)) db.exec(`ALTER TABLE register_fields ADD COLUMN ${name} ${type}`);
  }
  db.exec(`
    -- Part of the record like its emails (gone with it); a field with values cannot be removed.
    CREATE TABLE IF NOT EXISTS customer_values (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      field_key TEXT NOT NULL REFERENCES register_fields(key),
      value TEXT NOT NULL CHECK (value <> ''),
      PRIMARY KEY (customer_id, field_key)
    ) STRICT, WITHOUT ROWID;
    -- One field's values: choice renames, "is anything stored", and the missing-must-have list.
    CREATE INDEX IF NOT EXISTS customer_values_field ON customer_values(field_key, value);

    CREATE TABLE IF NOT EXISTS value_counts (
      field_key TEXT PRIMARY KEY REFERENCES register_fields(key),
      filled INTEGER NOT NULL DEFAULT 0
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER IF NOT EXISTS value_counts_insert AFTER INSERT ON customer_values BEGIN
      UPDATE value_counts SET filled = filled + 1 WHERE field_key = NEW.field_key;
    END;
    CREATE TRIGGER IF NOT EXISTS value_counts_delete AFTER DELETE ON customer_values BEGIN
      UPDATE value_counts SET filled = filled - 1 WHERE field_key = OLD.field_key;
    END;
    CREATE TRIGGER IF NOT EXISTS value_counts_rekey AFTER UPDATE OF field_key ON customer_values BEGIN
      UPDATE value_counts SET filled = filled - 1 WHERE field_key = OLD.field_key;
      UPDATE value_counts SET filled = filled + 1 WHERE field_key = NEW.field_key;
    END;
  `);
  const next = (db.prepare('SELECT coalesce(max(position), -1) + 1 AS n FROM register_fields').get() as { n: number })
    .n;
  const insert = db.prepare(`INSERT OR IGNORE INTO register_fields
    (key, position, label, category, priority, purpose, lawful_basis, retention_months, see_roles, edit_roles, sources,
     kind, choices, custom, special)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`);
  PROFILE_SEEDS.forEach((f, i) => {
    insert.run(
      f.key,
      next + i,
      f.label,
      f.category,
      f.priority,
      f.purpose,
      f.lawful_basis,
      f.retention_months,
      JSON.stringify(SEE_ROLES),
      JSON.stringify(EDIT_ROLES),
      f.sources,
      f.kind,
      JSON.stringify(f.choices),
      f.special ? 1 : 0,
    );
  });
  db.exec(`
    INSERT OR IGNORE INTO value_counts (field_key, filled)
      SELECT r.key, (SELECT count(*) FROM customer_values v WHERE v.field_key = r.key)
      FROM register_fields r WHERE r.kind IS NOT NULL;
  `);
}
