// The segment builder: conditions matched all or any, with groups inside groups (GroupEditor),
// each turnable into "not", and the whole definition said in plain words; the count and the
// first people in it update as the definition changes (asked of the core a moment after the
// last change).
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { Segment } from '../../../shared/contract/segments';
import type { RegisterEntry } from '../../../shared/register';
import { attempt } from '../client';
import { ErrorBanner } from '../ui/ErrorBanner';
import { definitionOf, type Group, GroupEditor, groupOf } from './GroupEditor';
import { definitionWords } from './words';

type Counted = Output<'segments.count'>;

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
  const [group, setGroup] = useState<Group>(() => (editing ? groupOf(editing.definition) : { mode: 'all', items: [] }));
  const [name, setName] = useState(editing?.name ?? '');
  const [purpose, setPurpose] = useState(editing?.purpose ?? '');
  const [counted, setCounted] = useState<Counted | null>(null);
  const [countProblem, setCountProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const asked = useRef(0);

  const definition = definitionOf(group);

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
      <GroupEditor group={group} place="" depth={1} fields={fields} onChange={setGroup} />
      <p className="seg__words" id={`${id}-words`}>
        {definitionWords(definition, fields)}
      </p>
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
