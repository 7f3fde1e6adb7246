// The register as stored (register_fields, with the value counters of its register-defined
// fields), and its must-haves as SQL: one test per must-have over a customers row, the one
// definition of "complete" for the missing list and the sources register.
import type { Role } from '../../../shared/contract/roles';
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import { PERSON_ONLY_FIELDS } from '../../../shared/profile-details';
import type { RegisterEntry } from '../../../shared/register';
import type { DB } from '../db/open';
import { all, get, ident, type Query, run, sql } from '../db/sql';

/** One SQL test per must-have, true when a row of `customers` (unaliased) lacks it. */
export type MustHaveTest = { test: Query; label: string };

const COLUMNS = COMPLETENESS_FIELDS.map((f) => f.column);

/**
 * A built-in must-have is missing when its column is empty; a register-defined one when the record
 * has no row for it (looked up by primary key). Keys are bound; column names are taken from
 * shared/fields.ts through ident, never from input.
 */
export function mustHaveTests(must: readonly RegisterEntry[]): MustHaveTest[] {
  return must.flatMap((e) => {
    if (e.kind !== null) {
      return [
        {
          test: sql`NOT EXISTS (SELECT 1 FROM customer_values v WHERE v.customer_id = customers.id AND v.field_key = ${e.key})`,
          label: e.label,
        },
      ];
    }
    return COMPLETENESS_FIELDS.filter((f) => f.key === e.key).map((f) => {
      const column = ident(f.column, COLUMNS);
      return {
        // A person's name fields are not asked of an organisation (shared/profile-details.ts).
        test: PERSON_ONLY_FIELDS.includes(f.key)
          ? sql`(kind = 'person' AND coalesce(${column}, '') = '')`
          : sql`coalesce(${column}, '') = ''`,
        label: e.label,
      };
    });
  });
}

type Row = Omit<RegisterEntry, 'see_roles' | 'edit_roles' | 'updated_by' | 'choices' | 'custom' | 'special'> & {
  see_roles: string;
  edit_roles: string;
  updated_by: string | null;
  choices: string;
  custom: number;
  special: number;
};

const SELECT = sql`
  SELECT r.key, r.label, r.category, r.priority, r.purpose, r.lawful_basis, r.retention_months,
    r.see_roles, r.edit_roles, r.sources, r.updated_at, u.name AS updated_by, r.kind, r.choices, r.custom, r.special
  FROM register_fields r LEFT JOIN users u ON u.id = r.updated_by`;

function toEntry(row: Row): RegisterEntry {
  return {
    ...row,
    see_roles: JSON.parse(row.see_roles) as Role[],
    edit_roles: JSON.parse(row.edit_roles) as Role[],
    updated_by: row.updated_by ?? '',
    choices: JSON.parse(row.choices) as string[],
    custom: row.custom === 1,
    special: row.special === 1,
  };
}

export function readRegister(db: DB): RegisterEntry[] {
  return all<Row>(db, sql`${SELECT} ORDER BY r.position`).map(toEntry);
}

export function readEntry(db: DB, key: string): RegisterEntry | undefined {
  const row = get<Row>(db, sql`${SELECT} WHERE r.key = ${key}`);
  return row && toEntry(row);
}

/** A register-defined field's counter of records holding it; undefined for a built-in field. */
export function storedFilled(db: DB, key: string): number | undefined {
  return get<{ filled: number }>(db, sql`SELECT filled FROM value_counts WHERE field_key = ${key}`)?.filled;
}

/** Every stored value of a field (a choice field's, to rename or check its choices). */
export function choiceValues(db: DB, key: string): { customer_id: number; value: string }[] {
  return all(db, sql`SELECT customer_id, value FROM customer_values WHERE field_key = ${key}`);
}

export function writeChoiceValue(db: DB, customerId: number, key: string, value: string): void {
  run(db, sql`UPDATE customer_values SET value = ${value} WHERE customer_id = ${customerId} AND field_key = ${key}`);
}

/** A register-defined field, last on the list, with its value counter at zero. */
export function insertField(db: DB, entry: RegisterEntry, userId: number): void {
  run(
    db,
    sql`INSERT INTO register_fields (key, position, label, category, priority, purpose, lawful_basis, retention_months,
          see_roles, edit_roles, sources, updated_at, updated_by, kind, choices, custom, special)
        VALUES (${entry.key}, (SELECT coalesce(max(position), -1) + 1 FROM register_fields), ${entry.label}, ${entry.category},
          ${entry.priority}, ${entry.purpose}, ${entry.lawful_basis}, ${entry.retention_months},
          ${JSON.stringify(entry.see_roles)}, ${JSON.stringify(entry.edit_roles)}, ${entry.sources}, ${entry.updated_at},
          ${userId}, ${entry.kind}, ${JSON.stringify(entry.choices)}, 1, 0)`,
  );
  run(db, sql`INSERT INTO value_counts (field_key) VALUES (${entry.key})`);
}

export function deleteField(db: DB, key: string): void {
  run(db, sql`DELETE FROM value_counts WHERE field_key = ${key}`);
  run(db, sql`DELETE FROM register_fields WHERE key = ${key}`);
}

/** What the register screen changes of a field: its priority, purpose, basis, retention, roles, sources and choices. */
export function updateField(db: DB, after: RegisterEntry, at: string, userId: number): void {
  run(
    db,
    sql`UPDATE register_fields SET priority = ${after.priority}, purpose = ${after.purpose},
          lawful_basis = ${after.lawful_basis}, retention_months = ${after.retention_months},
          see_roles = ${JSON.stringify(after.see_roles)}, edit_roles = ${JSON.stringify(after.edit_roles)},
          sources = ${after.sources}, choices = ${JSON.stringify(after.choices)}, updated_at = ${at},
          updated_by = ${userId}
        WHERE key = ${after.key}`,
  );
}
