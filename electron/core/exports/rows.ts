// A customer as export cells: the canonical columns (first email, phone and address), chosen
// fields only. The command line's CSV export and exports.run share this; each column's value is
// read as the catalogue of built-in fields says (shared/fields.ts).
import type { CustomerColumn } from '../../../shared/columns';
import type { Customer } from '../../../shared/customer';
import { exportCells } from '../../../shared/fields';

export function exportRow(c: Customer, fields: readonly CustomerColumn[]): string[] {
  const values = exportCells(c);
  return fields.map((f) => values[f]);
}
