// The register's must-haves as SQL: one test per must-have over a customers row, the one
// definition of "complete" for the missing list and the sources register.
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import { PERSON_ONLY_FIELDS } from '../../../shared/profile-details';
import type { RegisterEntry } from '../../../shared/register';
import { ident, type Query, sql } from '../db/sql';

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
