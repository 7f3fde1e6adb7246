// What merged packs left for a person: new records that are probably someone already on file
// (compared and merged with the duplicate review's own MergeView, or marked not the same), and
// changes the file had made meanwhile, applied or kept one field at a time.
import { useCallback, useState } from 'react';
import type { QueuedPair } from '../../../shared/contract/packs';
import { attempt } from '../client';
import { MergeView } from '../duplicates/MergeView';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';

export function PackReview({ version, onChanged }: { version: number; onChanged: (message: string) => void }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload after every change the page reports
  const queue = useLoad(useCallback(() => attempt('packs.queue', {}), [version]));
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const changes = useLoad(useCallback(() => attempt('packs.changes', {}), [version]));
  const [comparing, setComparing] = useState<QueuedPair | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = (queue.data?.pairs ?? []).filter((p) => p.status === 'open');
  const waiting = (changes.data?.changes ?? []).filter((c) => c.status === 'waiting');

  async function dismiss(pair: QueuedPair) {
    if (!pair.created || !pair.candidate) return;
    const answer = await attempt('duplicates.dismiss', { a: pair.created.id, b: pair.candidate.id });
    if (!answer.ok) setProblem(answer.error.message);
    else onChanged(`Marked ${pair.created.name} and ${pair.candidate.name} as not the same person.`);
  }
  async function decide(id: number, apply: boolean) {
    const answer = await attempt('packs.decide', { change_id: id, apply });
    if (!answer.ok) setProblem(answer.error.message);
    else onChanged(apply ? 'The value from the event was applied.' : "The file's value was kept.");
  }

  if (comparing?.created && comparing.candidate)
    return (
      <MergeView
        aId={comparing.candidate.id}
        bId={comparing.created.id}
        onMerged={() => {
          setComparing(null);
          onChanged('Merged the two records.');
        }}
        onCancel={() => setComparing(null)}
      />
    );
  return (
    <section aria-labelledby="pack-review">
      <h2 id="pack-review">To review from merged packs</h2>
      <ErrorBanner message={problem ?? queue.error ?? changes.error} />
      {open.length === 0 && waiting.length === 0 && <p>Nothing waits for review.</p>}
      {open.length > 0 && (
        <ul className="list" aria-label="Probably the same person">
          {open.map((p) => (
            <li key={p.id}>
              {p.created?.name} (new, from {p.event_name}) is probably {p.candidate?.name}
              {p.candidate?.ref ? ` (${p.candidate.ref})` : ''}: score {p.score.toFixed(2)}, {p.reasons.join('; ')}.{' '}
              <button type="button" className="button button--small" onClick={() => setComparing(p)}>
                Compare
              </button>{' '}
              <button type="button" className="button button--small" onClick={() => void dismiss(p)}>
                Not the same
              </button>
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && (
        <ul className="list" aria-label="Changes waiting">
          {waiting.map((c) => (
            <li key={c.id}>
              {c.name}, {c.field}: the event changed “{c.replaced}” to “{c.value}”, but the file now holds “{c.current}
              ”.{' '}
              <button type="button" className="button button--small" onClick={() => void decide(c.id, true)}>
                Use the event's value
              </button>{' '}
              <button type="button" className="button button--small" onClick={() => void decide(c.id, false)}>
                Keep the file's value
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
