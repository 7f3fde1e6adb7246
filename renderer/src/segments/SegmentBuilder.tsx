// The segment builder: conditions in one list, matched all or any, each one turnable into "not";
// the count and the first people in it update as the definition changes (asked of the core a
// moment after the last change). Groups inside groups come from a definition file (the command
// line); the builder shows such a segment but edits only the flat ones.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { Segment } from '../../../shared/contract/segments';
import type { RegisterEntry } from '../../../shared/register';
import type { Condition, Definition, Node } from '../../../shared/segments';
import { attempt } from '../client';
import { ErrorBanner } from '../ui/ErrorBanner';
import { ConditionEditor } from './ConditionEditor';
import { KIND_GROUPS, type Kind, startOf } from './conditions';

type Row = { id: number; negate: boolean; cond: Condition };
type Counted = Output<'segments.count'>;

let nextRow = 1;

/** A saved definition as builder rows, or null when it nests groups the builder does not edit. */
function rowsOf(definition: Definition): { mode: 'all' | 'any'; rows: Row[] } | null {
  const mode = 'all' in definition.match ? 'all' : 'any';
  const nodes: Node[] = 'all' in definition.match ? definition.match.all : definition.match.any;
  const rows: Row[] = [];
  for (const node of nodes) {
    if ('kind' in node) rows.push({ id: nextRow++, negate: false, cond: node });
    else if ('not' in node && 'kind' in node.not) rows.push({ id: nextRow++, negate: true, cond: node.not });
    else return null;
  }
  return { mode, rows };
}

function definitionOf(mode: 'all' | 'any', rows: Row[]): Definition {
  const nodes: Node[] = rows.map((r) => (r.negate ? { not: r.cond } : r.cond));
  return { version: 1, match: mode === 'all' ? { all: nodes } : { any: nodes } };
}

export function SegmentBuilder({
  editing,
  fields,
  onSaved,
}: {
  editing: Segment | null;
  fields: RegisterEntry[];
  onSaved: (s: Segment) => void;
}) {
  const id = useId();
  const loaded = editing ? rowsOf(editing.definition) : { mode: 'all' as const, rows: [] };
  const [mode, setMode] = useState<'all' | 'any'>(loaded?.mode ?? 'all');
  const [rows, setRows] = useState<Row[]>(loaded?.rows ?? []);
  const [name, setName] = useState(editing?.name ?? '');
  const [purpose, setPurpose] = useState(editing?.purpose ?? '');
  const [adding, setAdding] = useState<Kind | ''>('');
  const [counted, setCounted] = useState<Counted | null>(null);
  const [countProblem, setCountProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const asked = useRef(0);

  const definition = loaded ? definitionOf(mode, rows) : (editing?.definition as Definition);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the definition text is the dependency
  useEffect(() => {
    const ticket = ++asked.current;
    const timer = window.setTimeout(async () => {
      const result = await attempt('segments.count', { definition, preview: 10 });
      if (ticket !== asked.current) return; // a later change is already being counted
      if (result.ok) {
        setCounted(result.value);
        setCountProblem(null);
      } else {
        setCounted(null);
        setCountProblem(result.error.fields?.[0]?.message ?? result.error.message);
      }
    }, 300);
    return () => window.clearTimeout(timer);
  }, [JSON.stringify(definition)]);

  const update = (rowId: number, change: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.id === rowId ? { ...r, ...change } : r)));

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await attempt('segments.save', {
      ...(editing ? { id: editing.id } : {}),
      name,
      purpose,
      definition,
    });
    if (result.ok) {
      setProblem(null);
      onSaved(result.value);
    } else setProblem(result.error.fields?.[0]?.message ?? result.error.message);
  }

  return (
    <form className="card seg" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {editing ? `Segment: ${editing.name}` : 'New segment'}
      </h2>
      {editing?.review.map((r) => (
        <p key={r} className="banner banner--warning">
          {r}
        </p>
      ))}
      {!loaded && <p className="muted">This segment nests groups inside groups: change it from its definition file.</p>}
      {loaded && (
        <>
          <fieldset className="seg__mode">
            <legend>People who match</legend>
            <label className="check">
              <input type="radio" name={`${id}-mode`} checked={mode === 'all'} onChange={() => setMode('all')} /> all of
              these
            </label>
            <label className="check">
              <input type="radio" name={`${id}-mode`} checked={mode === 'any'} onChange={() => setMode('any')} /> any of
              these
            </label>
          </fieldset>
          <ol className="seg__rows">
            {rows.map((row, i) => (
              <li key={row.id} className="seg__row">
                <fieldset>
                  <legend>
                    Condition {i + 1}:{' '}
                    {KIND_GROUPS.flatMap((g) => g.kinds).find((k) => k.kind === row.cond.kind)?.label}
                  </legend>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={row.negate}
                      onChange={(e) => update(row.id, { negate: e.target.checked })}
                    />{' '}
                    Not
                  </label>
                  <ConditionEditor cond={row.cond} fields={fields} onChange={(cond) => update(row.id, { cond })} />
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => setRows((rs) => rs.filter((r) => r.id !== row.id))}
                  >
                    Remove condition {i + 1}
                  </button>
                </fieldset>
              </li>
            ))}
          </ol>
          <div className="seg__add">
            <label htmlFor={`${id}-add`}>Add a condition</label>
            <select
              id={`${id}-add`}
              className="input"
              value={adding}
              onChange={(e) => setAdding(e.target.value as Kind)}
            >
              <option value="">Choose what to ask about</option>
              {KIND_GROUPS.map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.kinds.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {k.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={!adding}
              onClick={() => {
                if (!adding) return;
                setRows((rs) => [...rs, { id: nextRow++, negate: false, cond: startOf(adding) }]);
                setAdding('');
              }}
            >
              Add
            </button>
          </div>
        </>
      )}
      <output className="seg__count" aria-live="polite">
        {counted ? (
          <>
            <strong>{counted.count.toLocaleString('en-GB')}</strong> {counted.count === 1 ? 'customer' : 'customers'}
          </>
        ) : (
          (countProblem ?? 'Counting…')
        )}
      </output>
      {counted && counted.preview.length > 0 && (
        <table className="table">
          <caption>The first {counted.preview.length} by name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Town</th>
              <th scope="col">Postcode</th>
            </tr>
          </thead>
          <tbody>
            {counted.preview.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.town}</td>
                <td>{p.postcode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="seg__save">
        <span className="seg__input">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </span>
        <span className="seg__input seg__input--wide">
          <label htmlFor={`${id}-purpose`}>What it is for</label>
          <input id={`${id}-purpose`} className="input" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        </span>
        <button type="submit" className="button button--primary">
          Save segment
        </button>
      </div>
      <ErrorBanner message={problem} />
    </form>
  );
}
