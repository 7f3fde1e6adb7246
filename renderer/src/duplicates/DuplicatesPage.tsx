// The duplicate review queue (owner and manager): the whole-file scan runs in steps with a
// progress bar and Cancel (useScan.ts); then groups of three or more linked records, merged in
// one step, and the likely pairs, strongest first, each with its reasons. "Not duplicates" is
// remembered by the core, "Compare & merge" opens the side-by-side view. After a merge the kept
// record opens, where it can be undone.
import { useState } from 'react';
import type { DuplicatePair } from '../../../shared/contract/duplicates';
import { attempt } from '../client';
import { plural } from '../format';
import { recordChanged, showView } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { GroupMergeView } from './GroupMergeView';
import { MergeView } from './MergeView';
import { GroupList, PairList } from './PairList';
import { ScanStatus } from './ScanStatus';
import { useScan } from './useScan';

type Comparing = { kind: 'pair'; pair: DuplicatePair } | { kind: 'group'; ids: number[] };

export function DuplicatesPage() {
  const scan = useScan(200);
  const [comparing, setComparing] = useState<Comparing | null>(null);
  const result = scan.result;

  async function dismiss(pair: DuplicatePair) {
    const answer = await attempt('duplicates.dismiss', { a: pair.a.id, b: pair.b.id });
    if (!answer.ok) {
      scan.setProblem(answer.error.message);
      return;
    }
    scan.setResult((s) => ({ ...s, pairs: s.pairs.filter((p) => p !== pair), total: s.total - 1 }));
  }

  const merged = (kept: Parameters<typeof recordChanged>[0]) => {
    showView('customers');
    recordChanged(kept);
  };

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
      <ErrorBanner message={scan.problem} />
      {comparing?.kind === 'pair' && (
        <MergeView
          aId={comparing.pair.a.id}
          bId={comparing.pair.b.id}
          onCancel={() => setComparing(null)}
          onMerged={merged}
        />
      )}
      {comparing?.kind === 'group' && (
        <GroupMergeView ids={comparing.ids} onCancel={() => setComparing(null)} onMerged={merged} />
      )}
      {!comparing && (
        <section className="card" aria-label="Candidate pairs" aria-busy={scan.running}>
          <ScanStatus
            progress={scan.progress}
            running={scan.running}
            onCancel={() => void scan.cancel()}
            onRestart={() => void scan.start()}
          />
          {result && result.pairs.length === 0 && <p className="muted">No likely duplicates.</p>}
          {result && result.pairs.length > 0 && (
            <p className="muted">
              {plural(result.total, 'pair')} among {result.customers} records
              {result.capped ? ` (the strongest ${result.pairs.length} shown)` : ''}.
            </p>
          )}
          {result && <GroupList groups={result.groups} onMerge={(ids) => setComparing({ kind: 'group', ids })} />}
          {result && (
            <PairList
              pairs={result.pairs}
              onCompare={(pair) => setComparing({ kind: 'pair', pair })}
              onDismiss={(pair) => void dismiss(pair)}
            />
          )}
        </section>
      )}
    </main>
  );
}
