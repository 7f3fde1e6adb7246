// The sources register (owner and manager): what each way of collecting customers has yielded —
// records, completeness of the must-haves, invalid values, duplicates — with an editable cost and
// the cost per complete record, the evidence for choosing how to collect information.
import { type FormEvent, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { formatMoney, penceToPounds, poundsToPence } from '../../../shared/format';
import { attempt } from '../client';
import { ErrorBanner } from '../ui/ErrorBanner';

type Source = Output<'sources.list'>[number];

/** "12", "12.5", "£1,200.00" → pence; '' → null; anything else → undefined (not a cost). */
function parsePounds(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const pence = poundsToPence(text);
  return pence === null || pence < 0 ? undefined : pence;
}

export function SourcesCard({ revision }: { revision: number }) {
  const [list, setList] = useState<Source[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision and reload trigger a reload
  useEffect(() => {
    let live = true;
    void attempt('sources.list', {}).then((result) => {
      if (!live) return;
      if (result.ok) setList(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [revision, reload]);

  return (
    <section className="card" aria-labelledby="sources-title">
      <h2 className="card__title" id="sources-title">
        Sources
      </h2>
      <p className="muted">
        What each way of collecting customers has given you. Enter what a source cost to see the cost of each complete
        record (a name and at least one of email, phone or address).
      </p>
      <ErrorBanner message={problem} />
      {list && list.length > 0 && (
        <div className="import__scroll">
          <table className="table">
            <caption className="sr-only">Sources and what they yielded</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col" className="table__num">
                  Records
                </th>
                <th scope="col" className="table__num">
                  Complete
                </th>
                <th scope="col" className="table__num">
                  Invalid
                </th>
                <th scope="col" className="table__num">
                  Duplicates
                </th>
                <th scope="col">Cost</th>
                <th scope="col" className="table__num">
                  Per complete record
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.source}>
                  <th scope="row">{s.label}</th>
                  <td className="table__num">{s.records}</td>
                  <td className="table__num">
                    {s.complete} ({Math.round(s.completeness * 100)}%)
                  </td>
                  <td className="table__num">{s.invalid}</td>
                  <td className="table__num">{s.duplicates}</td>
                  <td>
                    <CostForm
                      key={s.cost_pence ?? 'none'}
                      source={s}
                      onSaved={() => setReload((r) => r + 1)}
                      onProblem={setProblem}
                    />
                  </td>
                  <td className="table__num">
                    {s.cost_per_complete_pence === null ? '—' : formatMoney(s.cost_per_complete_pence)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CostForm(props: { source: Source; onSaved: () => void; onProblem: (message: string | null) => void }) {
  const { source } = props;
  const initial = source.cost_pence === null ? '' : penceToPounds(source.cost_pence);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const id = `cost-${source.source.replace(/[^a-z0-9]+/gi, '-')}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    const pence = parsePounds(value);
    if (pence === undefined) {
      setError('Enter an amount in pounds, like 25 or 12.50.');
      return;
    }
    setError(null);
    const result = await attempt('sources.setCost', { source: source.source, cost_pence: pence, note: '' });
    if (result.ok) {
      props.onProblem(null);
      props.onSaved();
    } else props.onProblem(result.error.fields?.[0]?.message ?? result.error.message);
  }

  return (
    <form className="cost" onSubmit={(e) => void save(e)}>
      <label htmlFor={id} className="sr-only">
        Cost of {source.label} in pounds
      </label>
      <input
        id={id}
        className="input input--inline cost__input"
        inputMode="decimal"
        value={value}
        placeholder="£"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button button--small" disabled={value === initial}>
        Save<span className="sr-only"> cost of {source.label}</span>
      </button>
      {error && (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </form>
  );
}
