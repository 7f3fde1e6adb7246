// Compare & merge a group of three or more records: one column per record, a radio per field
// (which record's value the survivor keeps; notes may keep all), which record survives, and the
// emails, phones and addresses it will hold (shared/merge.ts, the steps the core runs). The
// versions shown are sent with the merge: a record edited meanwhile is refused, nothing changes,
// and "Look again" reads the group afresh.
import { useCallback, useEffect, useState } from 'react';
import type { Customer } from '../../../shared/customer';
import {
  type GroupChoices,
  groupMergedData,
  MERGE_FIELD_LABELS,
  MERGE_FIELDS,
  type MergeField,
} from '../../../shared/merge';
import { attempt } from '../client';
import { formatDay, fullName } from '../format';
import { MergeActions, MergeLoading, MergeProblem, MergeUnion, recordLabel, useMergeSend } from './MergeParts';

type Props = { ids: number[]; onMerged: (kept: Customer) => void; onCancel: () => void };

/** A value beats a blank; otherwise the first record's. */
function defaultPicks(records: Customer[]): Record<MergeField, number | 'all'> {
  const first = records[0] as Customer;
  return Object.fromEntries(
    MERGE_FIELDS.map((f) => {
      const withValue = records.filter((r) => r[f]);
      if (f === 'notes' && new Set(withValue.map((r) => r.notes)).size > 1) return [f, 'all'];
      return [f, (withValue[0] ?? first).id];
    }),
  ) as Record<MergeField, number | 'all'>;
}

export function GroupMergeView({ ids, onMerged, onCancel }: Props) {
  const [records, setRecords] = useState<Customer[] | null>(null);
  const [keepId, setKeepId] = useState<number>(ids[0] as number);
  const [picks, setPicks] = useState<Record<MergeField, number | 'all'> | null>(null);
  const { problem, setProblem, busy, send } = useMergeSend(onMerged);

  const load = useCallback(async () => {
    setProblem(null);
    const answers = await Promise.all(ids.map((id) => attempt('customers.get', { id })));
    const failed = answers.find((a) => !a.ok);
    if (failed && !failed.ok) {
      setProblem({ message: failed.error.message, stale: false });
      return;
    }
    const loaded = answers.flatMap((a) => (a.ok ? [a.value] : []));
    setRecords(loaded);
    setPicks(defaultPicks(loaded));
  }, [ids, setProblem]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!records || !picks) return <MergeLoading problem={problem} reading="Reading the records…" />;

  const keep = records.find((r) => r.id === keepId) as Customer;
  const others = records.filter((r) => r.id !== keepId);
  const result = groupMergedData(keep, others, picks as GroupChoices);
  const merge = () =>
    send(() =>
      attempt('duplicates.mergeGroup', {
        keep_id: keepId,
        members: (records as Customer[]).map((r) => ({ id: r.id, version: r.version })),
        choices: picks as GroupChoices,
      }),
    );

  return (
    <section className="card merge" aria-labelledby="group-merge-title">
      <h2 className="card__title" id="group-merge-title">
        Compare and merge {records.length} records: {records.map(fullName).join(', ')}
      </h2>
      <MergeProblem problem={problem} again="Look again" onAgain={() => void load()} />
      <fieldset className="merge__keep">
        <legend className="repeat__legend">Record to keep (the others are merged into it)</legend>
        {records.map((r) => (
          <label key={r.id} className="merge__radio">
            <input type="radio" name="group-keep" checked={keepId === r.id} onChange={() => setKeepId(r.id)} />
            Keep {recordLabel(r)}, created {formatDay(r.created_at)}
          </label>
        ))}
      </fieldset>
      <div className="import__scroll">
        <table className="table merge__table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              {records.map((r) => (
                <th key={r.id} scope="col">
                  {recordLabel(r)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {MERGE_FIELDS.map((field) => (
              <tr key={field}>
                <th scope="row">{MERGE_FIELD_LABELS[field]}</th>
                {records.map((r) => (
                  <td key={r.id}>
                    <label className="merge__radio">
                      <input
                        type="radio"
                        name={`group-pick-${field}`}
                        checked={picks[field] === r.id}
                        onChange={() => setPicks({ ...picks, [field]: r.id })}
                      />
                      <span className="sr-only">
                        {MERGE_FIELD_LABELS[field]} from {recordLabel(r)}:{' '}
                      </span>
                      {r[field] || <span className="muted">(blank)</span>}
                    </label>
                    {field === 'notes' && r === records.at(-1) && (
                      <label className="merge__radio">
                        <input
                          type="radio"
                          name="group-pick-notes"
                          checked={picks.notes === 'all'}
                          onChange={() => setPicks({ ...picks, notes: 'all' })}
                        />
                        Keep all notes
                      </label>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MergeUnion result={result} />
      <p className="muted">
        Requests and history of the other records move to {recordLabel(keep)}. The merge is recorded as one and can be
        undone in one step from the record’s history.
      </p>
      <MergeActions
        busy={busy}
        label={`Merge all ${records.length}`}
        onMerge={() => void merge()}
        onCancel={onCancel}
      />
    </section>
  );
}
