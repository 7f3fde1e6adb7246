// Values of the register's fields (custom and profile) in an import: which fields a column may be
// mapped to, and writing a row's values for a record the import created or updated. Rows were
// checked against the same definitions when they were read (rows.ts), so writing only stores.
// The batch's audit entry lists the mapping (which fields), never the values.
import { checkFieldValue, type FieldDefinition, type FieldValue } from '../../../shared/custom-fields';
import { storeValue } from '../customers/details.queries';
import type { DB } from '../db/open';
import { valueFields } from '../register/custom-values';

/** The fields a column may be mapped to: those the register still collects. */
export function importFields(db: DB): FieldDefinition[] {
  return valueFields(db)
    .filter((f) => f.priority !== 'not_collected')
    .map(({ key, label, kind, choices }) => ({ key, label, kind, choices }));
}

/**
 * Store a row's values on a record. `fillOnly` (update empty fields only) leaves a value the
 * record already has. Returns the values that changed (key → stored text), for their provenance.
 */
export function writeImportedValues(
  db: DB,
  customerId: number,
  values: Record<string, FieldValue> | undefined,
  definitions: readonly FieldDefinition[],
  fillOnly: boolean,
): Map<string, string> {
  const changed = new Map<string, string>();
  if (!values) return changed;
  for (const [key, value] of Object.entries(values)) {
    const def = definitions.find((d) => d.key === key);
    const checked = def ? checkFieldValue(def, value) : null;
    if (checked?.ok && checked.stored !== null && storeValue(db, customerId, key, checked.stored, fillOnly))
      changed.set(key, checked.stored);
  }
  return changed;
}
