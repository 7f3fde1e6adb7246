// How the previewed file is imported: what a match does, what happens to rows with errors, and a
// name to keep the column mapping under for next time; then start, or choose another file.
import type { OnMatch } from '../../../shared/contract/imports';
import { ErrorRowsChoice, type ErrorRowsMode } from './ErrorRowsChoice';
import { ON_MATCH_LABELS } from './labels';

export function ImportOptions(props: {
  matches: number;
  validRows: number;
  onMatch: OnMatch;
  onOnMatch: (value: OnMatch) => void;
  mode: ErrorRowsMode;
  onMode: (mode: ErrorRowsMode) => void;
  templateName: string;
  onTemplateName: (name: string) => void;
  canStart: boolean;
  onStart: () => void;
  onReset: () => void;
}) {
  return (
    <>
      <fieldset className="choices import__choices">
        <legend className="field__label">
          When a row matches an existing customer or an earlier row ({props.matches} in this file)
        </legend>
        {(Object.keys(ON_MATCH_LABELS) as OnMatch[]).map((value) => (
          <label key={value} className="check check--strong">
            <input
              type="radio"
              name="on-match"
              value={value}
              checked={props.onMatch === value}
              onChange={() => props.onOnMatch(value)}
            />
            {ON_MATCH_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <ErrorRowsChoice
        name="import-mode"
        verb="Import"
        validRows={props.validRows}
        mode={props.mode}
        onChange={props.onMode}
      />
      <div className="field field--narrow">
        <label className="field__label" htmlFor="import-template">
          Save mapping as template <span className="field__optional">(optional name)</span>
        </label>
        <input
          id="import-template"
          className="input"
          value={props.templateName}
          maxLength={60}
          onChange={(e) => props.onTemplateName(e.target.value)}
        />
      </div>
      <div className="card__bar">
        <button type="button" className="button" onClick={props.onReset}>
          Choose another file
        </button>
        <button type="button" className="button button--primary" disabled={!props.canStart} onClick={props.onStart}>
          Start import
        </button>
      </div>
    </>
  );
}
