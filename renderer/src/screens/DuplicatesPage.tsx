// The duplicate review queue (owner and manager): likely pairs from 'duplicates.scan', strongest
// first, each with its reasons; "Not duplicates" is remembered by the core, "Compare & merge"
// opens the side-by-side view. After a merge the kept record opens, where it can be undone.
import { useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { plural } from '../format';
import { recordChanged, showView } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';
import { MergeView } from './MergeView';

type Scan = Output<'duplicates.scan'>;
type Pair = Scan['pairs'][number];

const scanPairs = () => attempt('duplicates.scan', { limit: 200 });

export function DuplicatesPage() {
  const { data: scan, setData: setScan, error: problem, setError: setProblem } = useLoad(scanPairs);
  const [comparing, setComparing] = useState<Pair | null>(null);

  async function dismiss(pair: Pair) {
    const result = await attempt('duplicates.dismiss', { a: pair.a.id, b: pair.b.id });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setScan((s) => s && { ...s, pairs: s.pairs.filter((p) => p !== pair), total: s.total - 1 });
  }

  return (
    <main className="page" aria-labelledby="duplicates-title">
      <header className="page__head">
        <h1 id="duplicates-title" className="record__name">
          Possible duplicates
        </h1>
        <p className="muted">
          Records that look like the same person, strongest first. Merge them, or say they are different people.
        </p>
      </header>
      <ErrorBanner message={problem} />
      {comparing ? (
        <MergeView
          aId={comparing.a.id}
          bId={comparing.b.id}
          onCancel={() => setComparing(null)}
          onMerged={(kept) => {
            showView('customers');
            recordChanged(kept);
          }}
        />
      ) : (
        <section className="card" aria-label="Candidate pairs" aria-busy={scan === null}>
          {scan === null && !problem && <p className="muted">Looking for duplicates…</p>}
          {scan && scan.pairs.length === 0 && <p className="muted">No likely duplicates.</p>}
          {scan && scan.pairs.length > 0 && (
            <p className="muted">
              {plural(scan.total, 'pair')} among {scan.customers} records
              {scan.capped ? ` (the strongest ${scan.pairs.length} shown)` : ''}.
            </p>
          )}
          <ul className="pairs">
            {scan?.pairs.map((pair) => (
              <li key={`${pair.a.id}-${pair.b.id}`} className="pair">
                <div className="pair__head">
                  <h2 className="pair__names">
                    {pair.a.name} <span className="muted">and</span> {pair.b.name}
                  </h2>
                  <span className="badge badge--warn">{Math.round(pair.score * 100)}% alike</span>
                </div>
                <ul className="pair__reasons">
                  {pair.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                <div className="table__actions">
                  <button
                    type="button"
                    className="button button--primary button--small"
                    onClick={() => setComparing(pair)}
                  >
                    Compare &amp; merge
                    <span className="sr-only">
                      {' '}
                      {pair.a.name} and {pair.b.name}
                    </span>
                  </button>
                  <button type="button" className="button button--small" onClick={() => void dismiss(pair)}>
                    Not duplicates
                    <span className="sr-only">
                      : {pair.a.name} and {pair.b.name}
                    </span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
