// What the customer writers call so the profile rules hold on every save: the sensitive-notes
// guard before writing, and afterwards the confirmation and the consent given on the new form.
import type { CustomerData } from '../../../shared/customer';
import { recordInitialConsent } from '../consent/consent.service';
import type { Context } from '../context';
import { planValues, writeValues } from '../register/custom-values';
import { checkMustHaves } from '../register/register.service';
import { checkSensitiveNotes, storeSensitiveAck } from './sensitive';

/** Before the write: refuses notes with unconfirmed special-category hints, and missing must-haves. */
export function guardCustomerSave(ctx: Context, id: number | null, data: CustomerData): void {
  // The register-defined values are checked first; must-haves then see the record as it will be.
  const values = planValues(ctx, id, data);
  checkMustHaves(ctx, { ...data, fields: values.after }, id === null);
  checkSensitiveNotes(ctx, id, data);
}

/** After the write, in the same transaction. Consent is taken only when the record is new. */
export function afterCustomerSaved(ctx: Context, id: number, data: CustomerData, isNew: boolean): void {
  storeSensitiveAck(ctx, id, data);
  writeValues(ctx, id, data, isNew);
  if (isNew) recordInitialConsent(ctx, id, data.consent);
}
