// A fieldset of ticked fields for an export: the fixed customer fields, or the register's own.
// Ticking one hands back the whole new set; the export puts them in its own order.
import { toggled } from '../ui/toggled';

export function FieldChecks<K extends string>({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: readonly { key: K; label: string }[];
  chosen: ReadonlySet<K>;
  onChange: (next: Set<K>) => void;
}) {
  return (
    <fieldset className="choices">
      <legend className="field__label">{legend}</legend>
      <div className="choices__grid">
        {options.map((o) => (
          <label key={o.key} className="check check--strong">
            <input type="checkbox" checked={chosen.has(o.key)} onChange={() => onChange(toggled(chosen, o.key))} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
