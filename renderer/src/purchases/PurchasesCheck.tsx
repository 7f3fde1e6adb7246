// What checking a purchases file found, before anything is saved: how many rows, how many valid,
// for how many customers, the total and the refunds, the columns not read, and the first hundred
// rows with errors (row, column, problem).
import type { Output } from '../../../shared/contract';
import { formatPence } from '../../../shared/format';
import { plural } from '../format';

export type Checked = Output<'purchases.import'>;

export function PurchasesCheck({ checked }: { checked: Checked }) {
  return (
    <>
      <p role="status">
        {plural(checked.rows, 'row')}: {plural(checked.valid_rows, 'valid row')} for{' '}
        {plural(checked.customers, 'customer')}, {formatPence(checked.total_pence)} in all
        {checked.refunds > 0 ? ` (${plural(checked.refunds, 'refund')})` : ''}; {plural(checked.error_rows, 'row')} with
        errors.
        {checked.unknown_columns.length > 0 && ` Columns not read: ${checked.unknown_columns.join(', ')}.`}
      </p>
      {checked.errors.length > 0 && (
        <div className="import__scroll">
          <table className="table">
            <caption className="sr-only">Purchase rows with errors</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {checked.errors.slice(0, 100).map((e) => (
                <tr key={`${e.row}-${e.column}`}>
                  <th scope="row">{e.row}</th>
                  <td>{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
