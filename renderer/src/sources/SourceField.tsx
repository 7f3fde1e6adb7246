// "Where these … came from": the collection source an import is recorded under (the sources
// register counts what each one yields). One field for both imports.
export function SourceField(props: { id: string; what: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        Where these {props.what} came from
      </label>
      <input
        id={props.id}
        className="input"
        value={props.value}
        maxLength={60}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
