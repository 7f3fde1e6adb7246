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
import { plural } from '../format';
import { useRegister } from '../register';
import { ErrorBanner } from '../ui/ErrorBanner';
import { REASONS } from './labels';
import { PreviewErrors, SampleRows } from './PreviewRows';
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
      <SampleRows preview={preview} rowActions={props.rowActions} onRowAction={props.onRowAction} />
      <ProbableMatches preview={preview} rowActions={props.rowActions} onRowAction={props.onRowAction} />
      <PreviewErrors preview={preview} onErrorReport={props.onErrorReport} />
    </div>
  );
}
