// One write path for customers. A record saved at the counter, written by the core's row import
// (importRows, for in-process hosts) or by the import engine (imports/job.ts) passes the same
// rules, checked here, and says where it came from; bulk differs only in how it writes
// (customers/bulk.ts, many rows per statement).
//
// The rules: card numbers (refused by CustomerInput itself, which every path parses before it
// gets here), the organisation a person belongs to, the register's values (kind, choices, fields
// no longer collected, who may change them), the must-haves, and the special-category guard on
// notes and text values (a hint needs a confirmed lawful basis: given with the save, or already
// on file for the record). An import cannot give that confirmation, so a row whose notes hint at
// special-category data is refused and reported, as the counter refuses the unconfirmed save.
//
// Deliberately skipped on import, and only there (IMPORT_SKIPS): the must-haves. Imported data
// is often partial; refusing a row for a missing must-have would lose what it does hold. Such
// records are complete or not by the same test as every other (the missing worklist and the
// sources register show them).
import { CoreError } from '../../../shared/contract/result';
import type { Customer, CustomerData } from '../../../shared/customer';
import type { Context } from '../context';
import { planValues, type ValueField, valueFields } from '../register/custom-values';
import { checkMustHaves } from '../register/register.service';
import { checkOrganisation } from './details.service';
import { checkSensitiveNotes } from './sensitive';

/** How a record arrives: typed by a person (the form), or read from a file or rows (an import). */
type Via = 'counter' | 'import';

/** The rules an import skips on purpose, and why (README "Bring information in"). */
export const IMPORT_SKIPS = {
  'must-haves': 'imported data is often partial: a row missing a must-have is kept and listed as incomplete',
} as const;

/** What the rules read from the register, read once for a batch instead of once a row. */
export type SaveRules = { fields: ValueField[] };

export function saveRules(ctx: Context): SaveRules {
  return { fields: valueFields(ctx.db) };
}

/**
 * Check one record before it is written: `stored` is the record as it is (null for a new one),
 * `data` what it will hold. Throws the CoreError the counter shows beside each field; an import
 * reports the same message against the row.
 */
export function checkCustomer(
  ctx: Context,
  stored: Pick<Customer, 'id' | 'kind' | 'organisation_id'> | null,
  data: CustomerData,
  via: Via,
  rules: SaveRules = saveRules(ctx),
): void {
  const id = stored?.id ?? null;
  checkOrganisation(ctx, stored, data);
  // The register-defined values are checked first; must-haves then see the record as it will be.
  const values = planValues(ctx, id, data, rules.fields);
  if (via === 'counter') checkMustHaves(ctx, { ...data, fields: values.after }, id === null);
  checkSensitiveNotes(ctx, id, data, rules.fields);
}

/** The field errors of a rule refused (a CoreError with fields), or null when it passed. */
export function ruleErrors(check: () => void): { path: string; message: string }[] | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof CoreError && error.code === 'INVALID_INPUT') {
      return error.fields?.length ? error.fields : [{ path: '', message: error.message }];
    }
    throw error;
  }
}
