// Past imports: each batch with its counts and status, Undo until kept, and Keep.
import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { isPurchasesBatch } from '../../../shared/contract/imports';
import { attempt } from '../client';
import { formatStamp, plural } from '../format';
import { ErrorBanner } from '../ui/ErrorBanner';
import { STATUS_LABELS } from './labels';

export function PastImports({ revision, onChanged }: { revision: number; onChanged: () => void }) {
  const [list, setList] = useState<Output<'imports.list'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision triggers a reload
  useEffect(() => {
    let live = true;
    void attempt('imports.list', { limit: 50 }).then((result) => {
      if (!live) return;
      if (result.ok) setList(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [revision]);

  async function act(method: 'imports.undo' | 'imports.confirm', id: number) {
    const result = await attempt(method, { import_id: id });
    setProblem(result.ok ? null : result.error.message);
    onChanged();
  }

  return (
    <section className="card" aria-labelledby="past-imports-title">
      <h2 className="card__title" id="past-imports-title">
        Past imports
      </h2>
      <ErrorBanner message={problem} />
      {list?.length === 0 && <p className="muted">Nothing has been imported yet.</p>}
      {list && list.length > 0 && (
        <div className="import__scroll">
          <table className="table">
            <caption className="sr-only">Past imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Source</th>
                <th scope="col">Started</th>
                <th scope="col">By</th>
                <th scope="col">Rows</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.file_name}</th>
                  <td>{b.source}</td>
                  <td>{formatStamp(b.started_at)}</td>
                  <td>{b.by}</td>
                  <td>
                    {isPurchasesBatch(b)
                      ? `${plural(b.created, 'purchase')} added, ${plural(b.rejected, 'row')} with errors`
                      : `${b.created} new, ${b.updated} updated, ${b.skipped} skipped, ${b.rejected} with errors`}
                  </td>
                  <td>
                    <span className="badge badge--muted">{STATUS_LABELS[b.status]}</span>
                  </td>
                  <td className="table__actions">
                    {b.status === 'finished' && (
                      <>
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => void act('imports.undo', b.id)}
                        >
                          Undo<span className="sr-only"> import of {b.file_name}</span>
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => void act('imports.confirm', b.id)}
                        >
                          Keep<span className="sr-only"> import of {b.file_name}</span>
                        </button>
                      </>
                    )}
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
