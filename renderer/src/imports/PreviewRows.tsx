// The preview's rows: the first ones as they will be stored, each with what it matches (and the
// choice for a match), and the rows with errors with the downloadable report.
import type { Output } from '../../../shared/contract';
import type { OnMatch } from '../../../shared/contract/imports';
import { maskCardNumbers } from '../../../shared/rules/card-guard';
import { plural } from '../format';
import { ON_MATCH_LABELS } from './labels';

type Preview = Output<'imports.preview'>;

export function SampleRows(props: {
  preview: Preview;
  rowActions: ReadonlyMap<number, OnMatch>;
  onRowAction: (row: number, action: OnMatch | null) => void;
}) {
  const { preview } = props;
  return (
    <>
      <h3 className="subform__title">First rows as they will be stored</h3>
      {preview.sample.length === 0 ? (
        <p className="muted">No valid rows to show.</p>
      ) : (
        <div className="import__scroll">
          <table className="table">
            <caption className="sr-only">First rows as they will be stored</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Address</th>
                <th scope="col">Other</th>
                <th scope="col">Existing customer</th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((r) => (
                <tr key={r.row}>
                  <td className="table__num">{r.row}</td>
                  <th scope="row">
                    {[r.title, r.given_name, r.family_name].filter(Boolean).join(' ')}
                    {r.preferred_name && <span className="muted"> ({r.preferred_name})</span>}
                  </th>
                  <td>{r.emails.join(', ')}</td>
                  <td>{r.phones.join(', ')}</td>
                  <td>{r.address}</td>
                  <td>
                    {[
                      r.ref && `Customer number ${r.ref}`,
                      r.date_of_birth && `Born ${r.date_of_birth}`,
                      r.notes,
                      ...r.fields.map((f) => `${f.label}: ${f.value}`),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>
                    {r.match ? (
                      <>
                        {r.match.id !== null
                          ? `Matches record ${r.match.id} by ${r.match.by}`
                          : `Matches row ${r.match.row} of this file by ${r.match.by}`}
                        <label htmlFor={`row-action-${r.row}`} className="sr-only">
                          What to do with row {r.row}
                        </label>
                        <select
                          id={`row-action-${r.row}`}
                          className="input input--small"
                          value={props.rowActions.get(r.row) ?? ''}
                          onChange={(e) => props.onRowAction(r.row, (e.target.value || null) as OnMatch | null)}
                        >
                          <option value="">As chosen below for every match</option>
                          {(Object.keys(ON_MATCH_LABELS) as OnMatch[]).map((value) => (
                            <option key={value} value={value}>
                              {ON_MATCH_LABELS[value]}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : r.probable ? (
                      `Probably ${r.probable.name} (see below)`
                    ) : (
                      'New'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function PreviewErrors({ preview, onErrorReport }: { preview: Preview; onErrorReport: () => void }) {
  return (
    <>
      <h3 className="subform__title">Errors</h3>
      {preview.errors_total === 0 ? (
        <p className="muted">No errors found.</p>
      ) : (
        <>
          <p className="muted">
            {plural(preview.errors_total, 'problem')} in {plural(preview.error_rows, 'row')}
            {preview.errors.length < preview.errors_total && ` (the first ${preview.errors.length} are shown)`}. These
            rows are not imported.
          </p>
          <div className="import__scroll import__scroll--short">
            <table className="table">
              <caption className="sr-only">Rows with errors</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several errors in the same column
                  <tr key={i}>
                    <td className="table__num">{e.row}</td>
                    <td>{e.column || 'Whole row'}</td>
                    <td>{maskCardNumbers(e.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <button type="button" className="button button--small" onClick={onErrorReport}>
              Download error report
            </button>
          </div>
        </>
      )}
    </>
  );
}
