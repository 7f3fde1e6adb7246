// The preview of a file to import: what was read, the columns with how each is imported and
// why (changeable), the first rows as they will be stored with what each matches, the rows that
// are probably an existing customer, and every error.
import type { Output } from '../../../shared/contract';
import {
  FIELD_TARGET_PREFIX,
  IMPORT_TARGETS,
  type Mapping,
  type MappingTarget,
  type OnMatch,
  TARGET_LABELS,
} from '../../../shared/contract/imports';
import { maskCardNumbers } from '../../../shared/rules/card-guard';
import { ErrorBanner } from '../components/ErrorBanner';
import { plural } from '../format';
import { useRegister } from '../register';
import { ON_MATCH_LABELS, REASONS } from './labels';
import { ProbableMatches } from './ProbableMatches';

type Preview = Output<'imports.preview'>;

export function PreviewView(props: {
  preview: Preview;
  mapping: Mapping;
  touched: Set<number>;
  mappingProblem: string | null;
  onRemap: (index: number, target: MappingTarget | null) => void;
  rowActions: ReadonlyMap<number, OnMatch>;
  onRowAction: (row: number, action: OnMatch | null) => void;
  onErrorReport: () => void;
}) {
  const { preview, mapping } = props;
  const m = preview.matches;
  // The register's own fields (custom and profile) that are still collected can be imported too.
  const registerFields = (useRegister() ?? []).filter((f) => f.kind !== null && f.priority !== 'not_collected');
  return (
    <div className="import__preview">
      <p className="muted" role="status">
        {plural(preview.rows, 'row')} read ({preview.format.toUpperCase()}, {preview.encoding}
        {preview.format === 'csv' ? `, separated by “${preview.delimiter === '\t' ? 'tab' : preview.delimiter}”` : ''}
        ): {plural(preview.valid_rows, 'valid row')}, {plural(preview.error_rows, 'row')} with errors,{' '}
        {plural(m.total - m.in_file, 'row')} matching existing customers
        {m.in_file > 0 && `, ${plural(m.in_file, 'row')} matching an earlier row of this file`}
        {m.total > 0 && ` (${m.by_ref} by customer number, ${m.by_email} by email, ${m.by_phone} by phone)`}
        {m.probable > 0 && `, ${plural(m.probable, 'row')} probably an existing customer`}.
        {preview.template && ` Mapping from the saved template “${preview.template}”.`}
      </p>
      {preview.stopped && (
        <div className="banner banner--warn" role="alert">
          {preview.stopped}
        </div>
      )}
      <h3 className="subform__title">Columns</h3>
      <ErrorBanner message={props.mappingProblem} />
      <div className="import__scroll">
        <table className="table">
          <caption className="sr-only">How each column of the file is imported</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Examples</th>
              <th scope="col">Import as</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c, i) => {
              const id = `map-${i}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and headers may repeat
                <tr key={i}>
                  <th scope="row">{c.header || `Column ${i + 1}`}</th>
                  <td className="import__samples">{c.samples.map(maskCardNumbers).join(' · ')}</td>
                  <td>
                    <label htmlFor={id} className="sr-only">
                      Import “{c.header || `column ${i + 1}`}” as
                    </label>
                    <select
                      id={id}
                      className="input"
                      value={mapping[i] ?? ''}
                      onChange={(e) => props.onRemap(i, (e.target.value || null) as MappingTarget | null)}
                    >
                      <option value="">Ignore this column</option>
                      {IMPORT_TARGETS.map((t) => (
                        <option key={t} value={t}>
                          {TARGET_LABELS[t]}
                        </option>
                      ))}
                      {registerFields.length > 0 && (
                        <optgroup label="Fields from the register">
                          {registerFields.map((f) => (
                            <option key={f.key} value={`${FIELD_TARGET_PREFIX}${f.key}`}>
                              {f.label}
                            </option>
                          ))}
                        </optgroup>
                      )}
                    </select>
                  </td>
                  <td className="muted">{props.touched.has(i) ? 'Chosen by you' : REASONS[c.reason]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
      <ProbableMatches preview={preview} rowActions={props.rowActions} onRowAction={props.onRowAction} />
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
            <button type="button" className="button button--small" onClick={props.onErrorReport}>
              Download error report
            </button>
          </div>
        </>
      )}
    </div>
  );
}
