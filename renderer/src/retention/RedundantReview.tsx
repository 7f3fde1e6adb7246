// The review of redundant records, with the reason for each, checkboxes, a preview of what will
// go, and "Erase selected" behind a confirmation. Erasure is real; only counts per rule are kept.
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { plural } from '../format';
import { ErrorBanner } from '../ui/ErrorBanner';
import { toggled } from '../ui/toggled';
import { ChooseCell, CustomerCell, EraseBar, ReasonCell } from './EraseChoice';
import { EraseDialog } from './EraseDialogs';
import { ExpiredValues } from './ExpiredValues';

export function RedundantReview() {
  const [review, setReview] = useState<Output<'retention.review'> | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Output<'retention.erase'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await attempt('retention.review', { limit: 500 });
    if (result.ok) {
      setReview(result.value);
      setChosen(new Set());
    } else setProblem(result.error.message);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const selected = review?.items.filter((r) => chosen.has(r.id)) ?? [];

  return (
    <section className="card" aria-labelledby="redundant-title">
      <h2 className="card__title" id="redundant-title">
        Records kept past their purpose
      </h2>
      {review && (
        <p className="muted">
          Erasure asked for, archived or unused for more than {review.years} years. Deleted records are gone for good;
          only a count per reason is kept.
        </p>
      )}
      <ErrorBanner message={problem} />
      {outcome && (
        <div className="banner banner--ok" role="status">
          Erased {plural(outcome.erased.length, 'record')}.
          {outcome.failed.map((f) => ` Record ${f.id} kept: ${f.message}`).join('')}
        </div>
      )}
      {review?.items.length === 0 && <p className="muted">No records are due for deletion.</p>}
      {review && review.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Choose</span>
              </th>
              <th scope="col">Customer</th>
              <th scope="col">Why</th>
              <th scope="col">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {review.items.map((r) => (
              <tr key={r.id}>
                <ChooseCell
                  id={`erase-${r.id}`}
                  label={`Erase ${r.name}`}
                  checked={chosen.has(r.id)}
                  blocked={r.blocked}
                  onToggle={() => setChosen((c) => toggled(c, r.id))}
                />
                <CustomerCell id={r.id} name={r.name} />
                <ReasonCell reason={r.reason} blocked={r.blocked} />
                <td>{r.activity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review && review.items.length > 0 && (
        <EraseBar chosen={selected.length} label="Erase selected" onErase={() => setConfirming(true)} />
      )}
      {confirming && (
        <EraseDialog
          items={selected}
          onClose={() => setConfirming(false)}
          onErased={(result) => {
            setConfirming(false);
            setOutcome(result);
            void load();
          }}
        />
      )}
      {review && <ExpiredValues values={review.values} capped={review.values_capped} onErased={() => void load()} />}
    </section>
  );
}
