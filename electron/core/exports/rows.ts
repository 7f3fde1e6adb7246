// A customer as export cells: the canonical columns (first email, phone and address), chosen
// fields only. The command line's CSV export and exports.run share this.
import type { CustomerColumn } from '../../../shared/columns';
import type { Customer } from '../../../shared/customer';

export function columnValues(c: Customer): Record<CustomerColumn, string> {
  const a = c.addresses[0];
  return {
    ref: c.ref,
    title: c.title,
    given_name: c.given_name,
    family_name: c.family_name,
    email: c.emails[0]?.address ?? '',
    phone: c.phones[0]?.number ?? '',
    address_line1: a?.line1 ?? '',
    address_line2: a?.line2 ?? '',
    town: a?.town ?? '',
    region: a?.region ?? '',
    postcode: a?.postcode ?? '',
    country: a?.country ?? '',
    date_of_birth: c.date_of_birth,
    notes: c.notes,
  };
}

export function exportRow(c: Customer, fields: readonly CustomerColumn[]): string[] {
  const values = columnValues(c);
  return fields.map((f) => values[f]);
}
