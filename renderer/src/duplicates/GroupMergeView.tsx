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
import { UnionList } from './MergeView';

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
  const [problem, setProblem] = useState<{ message: string; stale: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

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
  }, [ids]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!records || !picks) {
    return problem ? (
      <div className="banner banner--error" role="alert">
        {problem.message}
      </div>
    ) : (
      <p className="muted">Reading the records…</p>
    );
  }

  const keep = records.find((r) => r.id === keepId) as Customer;
  const others = records.filter((r) => r.id !== keepId);
  const result = groupMergedData(keep, others, picks as GroupChoices);
  const label = (c: Customer) => `record ${c.id}${c.ref ? ` (number ${c.ref})` : ''}`;

  async function merge() {
    setBusy(true);
    setProblem(null);
    const answer = await attempt('duplicates.mergeGroup', {
      keep_id: keepId,
      members: (records as Customer[]).map((r) => ({ id: r.id, version: r.version })),
      choices: picks as GroupChoices,
    });
    setBusy(false);
    if (answer.ok) onMerged(answer.value.customer);
    else setProblem({ message: answer.error.message, stale: answer.error.code === 'CONFLICT' });
  }

  return (
    <section className="card merge" aria-labelledby="group-merge-title">
      <h2 className="card__title" id="group-merge-title">
        Compare and merge {records.length} records: {records.map(fullName).join(', ')}
      </h2>
      {problem && (
        <div className="banner banner--error" role="alert">
          <span>{problem.message}</span>
          {problem.stale && (
            <button type="button" className="button button--small" onClick={() => void load()}>
              Look again
            </button>
          )}
        </div>
      )}
      <fieldset className="merge__keep">
        <legend className="repeat__legend">Record to keep (the others are merged into it)</legend>
        {records.map((r) => (
          <label key={r.id} className="merge__radio">
            <input type="radio" name="group-keep" checked={keepId === r.id} onChange={() => setKeepId(r.id)} />
            Keep {label(r)}, created {formatDay(r.created_at)}
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
                  {label(r)}
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
                        {MERGE_FIELD_LABELS[field]} from {label(r)}:{' '}
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
      <div className="merge__union">
        <UnionList title="Email addresses" items={result.emails.map((e) => e.address)} />
        <UnionList title="Phone numbers" items={result.phones.map((p) => p.number)} />
        <UnionList
          title="Addresses"
          items={result.addresses.map((a) => [a.line1, a.town, a.postcode].filter(Boolean).join(', '))}
        />
      </div>
      <p className="muted">
        Requests and history of the other records move to {label(keep)}. The merge is recorded as one and can be undone
        in one step from the record’s history.
      </p>
      <div className="card__bar">
        <button type="button" className="button" onClick={onCancel}>
          Back to the list
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void merge()}>
          {busy ? 'Merging…' : `Merge all ${records.length}`}
        </button>
      </div>
    </section>
  );
}
