// A record's merge history ('duplicates.history'): which record was merged into which, when and
// by whom, and "Undo merge" where the core says undo is still possible (otherwise its reason); a
// group merge is listed per record it took in and undone as one.
// Undo puts both records back as they were; the view then shows the restored kept record.
import { useEffect, useState } from 'react';
import type { MergeRecord } from '../../../shared/contract/duplicates';
import type { Customer } from '../../../shared/customer';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { useCan } from '../permissions';
import { openPane, recordChanged } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';

/** `onUndone` lets the record view keep the confirmation: this list re-mounts with the record's version. */
export function MergeHistory({ customer, onUndone }: { customer: Customer; onUndone: (message: string) => void }) {
  const [merges, setMerges] = useState<MergeRecord[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const canUndo = useCan('duplicates.unmerge');

  // Read when shown; the record view re-mounts this per version, so a merge or its undo re-reads it.
  useEffect(() => {
    let live = true;
    void attempt('duplicates.history', { customer_id: customer.id }).then((result) => {
      if (!live) return;
      if (result.ok) setMerges(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [customer.id]);

  async function undo(merge: MergeRecord) {
    setProblem(null);
    const result = await attempt('duplicates.unmerge', { merge_id: merge.id });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    recordChanged(result.value.kept);
    const back = result.value.restored_ids.length;
    onUndone(
      back > 1
        ? `Group merge undone: ${back} records are separate records again.`
        : `Merge undone: ${merge.merged_name} is a separate record again.`,
    );
  }

  if (!merges || merges.length === 0) return null;
  // A group merge is listed per record it took in, and undone as one: one button, on its first line.
  const firstOfGroup = new Set(
    merges.filter((m, i) => m.group_id === null || merges.findIndex((x) => x.group_id === m.group_id) === i),
  );
  return (
    <section className="card" aria-labelledby="rec-merges">
      <h2 className="card__title" id="rec-merges">
        Merge history
      </h2>
      <ErrorBanner message={problem} />
      <ul className="history">
        {merges.map((m) => (
          <li key={m.id} className="history__item">
            <span>
              {m.group_id !== null && 'Group merge: '}
              {m.merged_name}
              {m.merged_ref && ` (number ${m.merged_ref})`} was merged into {m.kept_name} on {formatStamp(m.merged_at)}{' '}
              by {m.merged_by}.{m.undone_at && ` Undone on ${formatStamp(m.undone_at)} by ${m.undone_by}.`}
            </span>
            {!m.undone_at && canUndo && !m.blocked && firstOfGroup.has(m) && (
              <button type="button" className="button button--small" onClick={() => void undo(m)}>
                {m.group_id !== null ? 'Undo group merge' : 'Undo merge'}
                <span className="sr-only"> of {m.merged_name}</span>
              </button>
            )}
            {!m.undone_at && m.blocked && firstOfGroup.has(m) && <span className="muted">{m.blocked}</span>}
            {m.undone_at && m.merged_id !== customer.id && (
              <button type="button" className="link" onClick={() => openPane({ kind: 'view', id: m.merged_id })}>
                Open {m.merged_name}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
