// A fieldset of ticked fields for an export: the fixed customer fields, or the register's own.
// Ticking one hands back the whole new set; the export puts them in its own order.
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
  function toggle(key: K) {
    const next = new Set(chosen);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onChange(next);
  }
  return (
    <fieldset className="choices">
      <legend className="field__label">{legend}</legend>
      <div className="choices__grid">
        {options.map((o) => (
          <label key={o.key} className="check check--strong">
            <input type="checkbox" checked={chosen.has(o.key)} onChange={() => toggle(o.key)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
