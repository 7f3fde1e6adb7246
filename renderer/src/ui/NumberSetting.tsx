// A whole-number setting: its label, hint and bounds, the number keyboard on a touch screen, and
// the core's refusal beside it. Every section of the Settings page draws its numbers with it.
import { Field } from './Field';

export function NumberSetting({
  id,
  label,
  hint,
  error,
  min,
  max,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className="field--narrow">
      {(control) => (
        <input
          {...control}
          className="input"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
