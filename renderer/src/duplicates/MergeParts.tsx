// What the pair merge and the group merge share: how a record is named in the columns, the
// sending of the merge (a record edited meanwhile is refused as stale and may be read afresh),
// the waiting and refusal banners, the emails, phones and addresses the survivor will hold, and
// the buttons at the foot.
import { useState } from 'react';
import type { Result } from '../../../shared/contract/result';
import type { Customer, CustomerData } from '../../../shared/customer';

type Problem = { message: string; stale: boolean };

export const recordLabel = (c: Customer) => `record ${c.id}${c.ref ? ` (number ${c.ref})` : ''}`;

/** The refusal of a load or a merge, and the merge's busy flag; send runs the merge call given. */
export function useMergeSend(onMerged: (kept: Customer) => void) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(call: () => Promise<Result<{ customer: Customer }>>) {
    setBusy(true);
    setProblem(null);
    const answer = await call();
    setBusy(false);
    if (answer.ok) onMerged(answer.value.customer);
    else setProblem({ message: answer.error.message, stale: answer.error.code === 'CONFLICT' });
  }
  return { problem, setProblem, busy, send };
}

/** Before the records are read: the refusal, or the wait. */
export function MergeLoading({ problem, reading }: { problem: Problem | null; reading: string }) {
  return problem ? (
    <div className="banner banner--error" role="alert">
      {problem.message}
    </div>
  ) : (
    <p className="muted">{reading}</p>
  );
}

/** A refusal over the comparison; a stale one offers to read the records again. */
export function MergeProblem({
  problem,
  again,
  onAgain,
}: {
  problem: Problem | null;
  again: string;
  onAgain: () => void;
}) {
  if (!problem) return null;
  return (
    <div className="banner banner--error" role="alert">
      <span>{problem.message}</span>
      {problem.stale && (
        <button type="button" className="button button--small" onClick={onAgain}>
          {again}
        </button>
      )}
    </div>
  );
}

/** The emails, phones and addresses the survivor will hold (the union, without repeats). */
export function MergeUnion({ result }: { result: CustomerData }) {
  return (
    <div className="merge__union">
      <UnionList title="Email addresses" items={result.emails.map((e) => e.address)} />
      <UnionList title="Phone numbers" items={result.phones.map((p) => p.number)} />
      <UnionList
        title="Addresses"
        items={result.addresses.map((a) => [a.line1, a.town, a.postcode].filter(Boolean).join(', '))}
      />
    </div>
  );
}

function UnionList({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <h3 className="merge__subtitle">{title} after the merge</h3>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="merge__list" aria-label={`${title} after the merge`}>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function MergeActions({
  busy,
  label,
  onMerge,
  onCancel,
}: {
  busy: boolean;
  label: string;
  onMerge: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="card__bar">
      <button type="button" className="button" onClick={onCancel}>
        Back to the list
      </button>
      <button type="button" className="button button--primary" disabled={busy} onClick={onMerge}>
        {busy ? 'Merging…' : label}
      </button>
    </div>
  );
}
