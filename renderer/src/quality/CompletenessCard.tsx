// "Completeness": for each built-in field, how many records have it, across the whole file. The
// counts are kept up to date by the core on every save, so this opens instantly at any size.
import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { ErrorBanner } from '../ui/ErrorBanner';

export function CompletenessCard() {
  const [table, setTable] = useState<Output<'quality.completeness'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void attempt('quality.completeness', {}).then((r) => (r.ok ? setTable(r.value) : setProblem(r.error.message)));
  }, []);

  return (
    <section className="card" aria-labelledby="completeness-title">
      <h2 className="card__title" id="completeness-title">
        Completeness
      </h2>
      <ErrorBanner message={problem} />
      {table && (
        <table className="table">
          <caption className="muted">
            How many of the {table.records.toLocaleString('en-GB')} records have each detail
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col" className="table__num">
                Records
              </th>
              <th scope="col" className="table__num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {table.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">
                  {f.label}
                  {f.priority === 'must_have' && <span className="muted"> (must-have)</span>}
                </th>
                <td className="table__num">{f.filled.toLocaleString('en-GB')}</td>
                <td className="table__num">{f.percent} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
