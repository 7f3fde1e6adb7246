// The verification worklist: records nobody has confirmed with the customer for
// stale_after_months, oldest first, each with "Verified today".
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { openRecord } from '../customers/openRecord';
import { formatStamp, plural } from '../format';
import { ErrorBanner } from '../ui/ErrorBanner';

const PAGE = 50;

export function StaleList() {
  const [list, setList] = useState<Output<'quality.staleList'> | null>(null);
  const [offset, setOffset] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async (from: number) => {
    const result = await attempt('quality.staleList', { limit: PAGE, offset: from });
    if (result.ok) setList(result.value);
    else setProblem(result.error.message);
  }, []);

  useEffect(() => {
    void load(offset);
  }, [load, offset]);

  async function verify(id: number) {
    const result = await attempt('customers.verify', { id });
    if (result.ok) void load(offset);
    else setProblem(result.error.message);
  }

  return (
    <section className="card" aria-labelledby="stale-title">
      <h2 className="card__title" id="stale-title">
        Not verified recently
      </h2>
      {list && (
        <p className="muted">
          {plural(list.total, 'record')} not confirmed with the customer for {list.months} months.
        </p>
      )}
      <ErrorBanner message={problem} />
      {list && list.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Last verified</th>
              <th scope="col">Last changed</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => openRecord(r.id)}>
                    {r.name}
                  </button>
                </th>
                <td>{formatStamp(r.verified_at)}</td>
                <td>{formatStamp(r.updated_at)}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => void verify(r.id)}>
                    Verified today<span className="sr-only">: {r.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && list.total > PAGE && (
        <div className="pager">
          <button
            type="button"
            className="button button--small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, list.total)} of {list.total}
          </span>
          <button
            type="button"
            className="button button--small"
            disabled={offset + PAGE >= list.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </div>
      )}
    </section>
  );
}
