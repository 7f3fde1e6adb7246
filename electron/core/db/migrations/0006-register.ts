// 0006: the information-requirements register, one row per built-in field, seeded with sensible
// defaults. The register only describes and steers the forms: changing a row never touches
// stored customer values, so a retired field's data stays until erased.
//
// Frozen: this file imports nothing live. SEEDS is a snapshot, as of format 6, of the built-in
// fields' register defaults (now in shared/fields.ts), in register order; a test
// (tests/integration/register.test.ts) checks the catalogue still agrees with what it writes.
import type { DB } from '../open';

const SEE_ROLES = ['owner', 'manager', 'staff', 'readonly'];
const EDIT_ROLES = ['owner', 'manager', 'staff'];

// key, label, category, priority, purpose, lawful basis, retention in months, sources
const SEEDS: readonly [string, string, string, string, string, string, number, string][] = [
  [
    'given_name',
    'Given name',
    'contact',
    'nice_to_know',
    'To address the customer personally.',
    'contract',
    72,
    'Counter, phone, form',
  ],
  [
    'family_name',
    'Family name',
    'contact',
    'must_have',
    'To identify the customer and find their record.',
    'contract',
    72,
    'Counter, phone, form',
  ],
  [
    'title',
    'Title',
    'contact',
    'nice_to_know',
    'To address letters the way the customer prefers.',
    'legitimate_interests',
    72,
    'Counter, form',
  ],
  [
    'preferred_name',
    'Preferred name',
    'contact',
    'nice_to_know',
    'To greet the customer by the name they use.',
    'legitimate_interests',
    72,
    'Counter',
  ],
  [
    'email',
    'Email',
    'contact',
    'nice_to_know',
    'To send tickets and receipts, and news where the customer agreed.',
    'consent',
    72,
    'Form, counter, import',
  ],
  [
    'phone',
    'Phone',
    'contact',
    'nice_to_know',
    'To reach the customer about a booking that changes.',
    'contract',
    72,
    'Counter, phone',
  ],
  [
    'postcode',
    'Postcode',
    'geographic',
    'nice_to_know',
    'To post tickets and understand where audiences come from.',
    'legitimate_interests',
    72,
    'Counter, form',
  ],
  [
    'town',
    'Town',
    'geographic',
    'nice_to_know',
    'To post tickets and understand where audiences come from.',
    'legitimate_interests',
    72,
    'Counter, form',
  ],
  [
    'date_of_birth',
    'Date of birth',
    'demographic',
    'nice_to_know',
    'To check age for age-restricted sales and offer age-based concessions.',
    'legal_obligation',
    72,
    'Customer, with proof of age',
  ],
  [
    'ref',
    'Customer number',
    'service',
    'nice_to_know',
    'To find the record quickly from a membership card.',
    'contract',
    72,
    'Issued by us',
  ],
  [
    'notes',
    'Notes',
    'service',
    'nice_to_know',
    'To remember service needs the customer asked us to keep.',
    'legitimate_interests',
    24,
    'Staff',
  ],
];

export function up(db: DB): void {
  db.exec(`
    -- IF NOT EXISTS / OR IGNORE: re-running over a file that already has the register (a file
    -- taken back to an older format by hand) keeps the organisation's choices.
    CREATE TABLE IF NOT EXISTS register_fields (
      key TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      label TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN
        ('contact','geographic','demographic','psychographic','buying_pattern','service')),
      priority TEXT NOT NULL CHECK (priority IN ('must_have','nice_to_know','not_collected')),
      purpose TEXT NOT NULL DEFAULT '',
      lawful_basis TEXT CHECK (lawful_basis IN ('consent','contract','legitimate_interests',
        'legal_obligation','vital_interests','public_task')),
      retention_months INTEGER NOT NULL CHECK (retention_months > 0),
      see_roles TEXT NOT NULL,          -- JSON array of roles
      edit_roles TEXT NOT NULL,         -- JSON array of roles
      sources TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL DEFAULT '',
      updated_by INTEGER REFERENCES users(id),
      -- A collected field always says on what basis it is held.
      CHECK (priority = 'not_collected' OR lawful_basis IS NOT NULL)
    ) STRICT;
  `);
  const insert = db.prepare(`INSERT OR IGNORE INTO register_fields
    (key, position, label, category, priority, purpose, lawful_basis, retention_months, see_roles, edit_roles, sources)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  SEEDS.forEach(([key, label, category, priority, purpose, basis, months, sources], i) => {
    insert.run(
      key,
      i,
      label,
      category,
      priority,
      purpose,
      basis,
      months,
      JSON.stringify(SEE_ROLES),
      JSON.stringify(EDIT_ROLES),
      sources,
    );
  });
}
