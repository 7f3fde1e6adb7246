// Compare & merge: two records side by side, a radio per field (the shared defaults pre-selected:
// a value over a blank, the fuller form, the fresher record), which record survives, and the
// emails, phones and addresses the merged record will hold (the union, without repeats).
// The versions compared are sent with the merge, so a record edited meanwhile is refused.
import { useCallback, useEffect, useState } from 'react';
import type { Customer } from '../../../shared/customer';
import {
  defaultChoices,
  MERGE_FIELD_LABELS,
  MERGE_FIELDS,
  type MergeChoices,
  type MergeField,
  mergedData,
} from '../../../shared/merge';
import { attempt } from '../client';
import { formatDay, fullName } from '../format';
import { MergeActions, MergeLoading, MergeProblem, MergeUnion, recordLabel, useMergeSend } from './MergeParts';

type Side = 'a' | 'b';
type Pick = Side | 'both';

type Props = { aId: number; bId: number; onMerged: (kept: Customer) => void; onCancel: () => void };

export function MergeView({ aId, bId, onMerged, onCancel }: Props) {
  const [records, setRecords] = useState<{ a: Customer; b: Customer } | null>(null);
  const [keepSide, setKeepSide] = useState<Side>('a');
  const [picks, setPicks] = useState<Record<MergeField, Pick> | null>(null);
  const { problem, setProblem, busy, send } = useMergeSend(onMerged);

  const load = useCallback(async () => {
    setProblem(null);
    const [a, b] = await Promise.all([attempt('customers.get', { id: aId }), attempt('customers.get', { id: bId })]);
    if (!a.ok || !b.ok) {
      setProblem({ message: (a.ok ? (b.ok ? null : b.error) : a.error)?.message ?? '', stale: false });
      return;
    }
    setRecords({ a: a.value, b: b.value });
    const defaults = defaultChoices(a.value, b.value);
    const toPick = (c: MergeChoices[MergeField]): Pick => (c === 'both' ? 'both' : c === 'keep' ? 'a' : 'b');
    setPicks(Object.fromEntries(MERGE_FIELDS.map((f) => [f, toPick(defaults[f])])) as Record<MergeField, Pick>);
  }, [aId, bId, setProblem]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!records || !picks) return <MergeLoading problem={problem} reading="Reading both records…" />;

  const keep = records[keepSide];
  const other = records[keepSide === 'a' ? 'b' : 'a'];
  const choices = Object.fromEntries(
    MERGE_FIELDS.map((f) => [f, picks[f] === 'both' ? 'both' : picks[f] === keepSide ? 'keep' : 'merge']),
  ) as MergeChoices;
  const result = mergedData(keep, other, choices);

  const merge = () =>
    send(() =>
      attempt('duplicates.merge', {
        keep_id: keep.id,
        merge_id: other.id,
        keep_version: keep.version,
        merge_version: other.version,
        choices,
      }),
    );

  return (
    <section className="card merge" aria-labelledby="merge-title">
      <h2 className="card__title" id="merge-title">
        Compare and merge {fullName(records.a)} and {fullName(records.b)}
      </h2>
      <MergeProblem problem={problem} again="Compare again" onAgain={() => void load()} />
      <fieldset className="merge__keep">
        <legend className="repeat__legend">Record to keep (the other is merged into it)</legend>
        {(['a', 'b'] as const).map((side) => (
          <label key={side} className="merge__radio">
            <input type="radio" name="keep-side" checked={keepSide === side} onChange={() => setKeepSide(side)} />
            Keep {recordLabel(records[side])}, created {formatDay(records[side].created_at)}
          </label>
        ))}
      </fieldset>
      <table className="table merge__table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">{recordLabel(records.a)}</th>
            <th scope="col">{recordLabel(records.b)}</th>
          </tr>
        </thead>
        <tbody>
          {MERGE_FIELDS.map((field) => (
            <FieldRow
              key={field}
              field={field}
              a={records.a[field]}
              b={records.b[field]}
              pick={picks[field]}
              onPick={(p) => setPicks({ ...picks, [field]: p })}
            />
          ))}
        </tbody>
      </table>
      <MergeUnion result={result} />
      <p className="muted">
        Requests of {recordLabel(other)} move to {recordLabel(keep)}. The merge can be undone from the record’s history.
      </p>
      <MergeActions busy={busy} label="Merge" onMerge={() => void merge()} onCancel={onCancel} />
    </section>
  );
}

function FieldRow(props: { field: MergeField; a: string; b: string; pick: Pick; onPick: (p: Pick) => void }) {
  const { field, a, b, pick, onPick } = props;
  const name = MERGE_FIELD_LABELS[field];
  const option = (side: Pick, value: string, text?: string) => (
    <label className="merge__radio">
      <input type="radio" name={`pick-${field}`} checked={pick === side} onChange={() => onPick(side)} />
      <span className="sr-only">{name}: </span>
      {text ?? (value || <span className="muted">(blank)</span>)}
    </label>
  );
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{option('a', a)}</td>
      <td>
        {option('b', b)}
        {field === 'notes' && a && b && a !== b && option('both', '', 'Keep both')}
      </td>
    </tr>
  );
}
