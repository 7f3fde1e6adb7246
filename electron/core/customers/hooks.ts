// What a save from the form does after writing, in its transaction: the sensitive-notes
// confirmation, the register's values and the consent given on the new form. The rules checked
// before writing are customers/save.ts checkCustomer, on every path.
import type { CustomerData } from '../../../shared/customer';
import { recordInitialConsent } from '../consent/consent.service';
import type { Context } from '../context';
import { writeValues } from '../register/custom-values';
import { storeSensitiveAck } from './sensitive';

/** After the write, in the same transaction. Consent is taken only when the record is new. */
export function afterCustomerSaved(ctx: Context, id: number, data: CustomerData, isNew: boolean): void {
  storeSensitiveAck(ctx, id, data);
  writeValues(ctx, id, data, isNew);
  if (isNew) recordInitialConsent(ctx, id, data.consent);
}
