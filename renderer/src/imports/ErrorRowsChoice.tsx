// What to do when some rows of a file have errors: write nothing unless every row is valid, or
// write the valid rows and leave the others out. One control for every import of a file.
import { plural } from '../format';

export type ErrorRowsMode = 'valid-rows' | 'all-or-nothing';

export function ErrorRowsChoice(props: {
  /** The radio group's name (unique on the page). */
  name: string;
  /** "Import" or "Add": what the button that follows does. */
  verb: string;
  validRows: number;
  mode: ErrorRowsMode;
  onChange: (mode: ErrorRowsMode) => void;
}) {
  return (
    <fieldset className="choices import__choices">
      <legend className="field__label">Rows with errors</legend>
      <label className="check check--strong">
        <input
          type="radio"
          name={props.name}
          checked={props.mode === 'all-or-nothing'}
          onChange={() => props.onChange('all-or-nothing')}
        />
        {props.verb} only if every row is valid
      </label>
      <label className="check check--strong">
        <input
          type="radio"
          name={props.name}
          checked={props.mode === 'valid-rows'}
          onChange={() => props.onChange('valid-rows')}
        />
        {props.verb} the valid rows ({plural(props.validRows, 'row')}) and leave out the rows with errors
      </label>
    </fieldset>
  );
}
