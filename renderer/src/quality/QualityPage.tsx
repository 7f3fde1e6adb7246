// Data quality (owner and manager): the verification worklist (records nobody has confirmed with
// the customer for stale_after_months, oldest first, each with "Verified today"), and the review
// of redundant records with the reason for each, checkboxes, a preview of what will go, and
// "Erase selected" behind a confirmation. Erasure is real; only counts per rule are kept. The
// same review lists values held past their own field's retention, erased the same way while
// their records stay.
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { openPane, showView } from '../store';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { CompletenessCard } from './CompletenessCard';

const PAGE = 50;

function openRecord(id: number) {
  showView('customers');
  openPane({ kind: 'view', id });
}

export function QualityPage() {
  return (
    <main className="page" aria-labelledby="quality-title">
      <header className="page__head">
        <h1 id="quality-title" className="record__name">
          Data quality
        </h1>
        <p className="muted">Confirm old details with customers, and delete records that have served their purpose.</p>
      </header>
      <StaleList />
      <RedundantReview />
      <CompletenessCard />
    </main>
  );
}

function StaleList() {
  const [list, setList] = useState<Output<'quality.staleList'> | null>(null);
  const [offset, setOffset] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async (from: number) => {
    const result = await attempt('quality.staleList', { limit: PAGE, offset: from });
    if (result.ok) setList(result.value);
    else setProblem(result.error.message);
  }, []);

  useEffect(() => {
    void load(offset);
  }, [load, offset]);

  async function verify(id: number) {
    const result = await attempt('customers.verify', { id });
    if (result.ok) void load(offset);
    else setProblem(result.error.message);
  }

  return (
    <section className="card" aria-labelledby="stale-title">
      <h2 className="card__title" id="stale-title">
        Not verified recently
      </h2>
      {list && (
        <p className="muted">
          {list.total} record{list.total === 1 ? '' : 's'} not confirmed with the customer for {list.months} months.
        </p>
      )}
      <ErrorBanner message={problem} />
      {list && list.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Last verified</th>
              <th scope="col">Last changed</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => openRecord(r.id)}>
                    {r.name}
                  </button>
                </th>
                <td>{formatStamp(r.verified_at)}</td>
                <td>{formatStamp(r.updated_at)}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => void verify(r.id)}>
                    Verified today<span className="sr-only">: {r.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && list.total > PAGE && (
        <div className="pager">
          <button
            type="button"
            className="button button--small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, list.total)} of {list.total}
          </span>
          <button
            type="button"
            className="button button--small"
            disabled={offset + PAGE >= list.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </div>
      )}
    </section>
  );
}

function RedundantReview() {
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

  function toggle(id: number) {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  }

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
          Erased {outcome.erased.length} record{outcome.erased.length === 1 ? '' : 's'}.
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
                <td>
                  <input
                    type="checkbox"
                    id={`erase-${r.id}`}
                    checked={chosen.has(r.id)}
                    disabled={Boolean(r.blocked)}
                    onChange={() => toggle(r.id)}
                  />
                  <label htmlFor={`erase-${r.id}`} className="sr-only">
                    Erase {r.name}
                  </label>
                </td>
                <th scope="row">
                  <button type="button" className="link" onClick={() => openRecord(r.id)}>
                    {r.name}
                  </button>
                </th>
                <td>
                  {r.reason}
                  {r.blocked && <span className="field__error"> {r.blocked}</span>}
                </td>
                <td>{r.activity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review && review.items.length > 0 && (
        <div className="card__bar">
          <span className="muted">{selected.length} chosen</span>
          <button
            type="button"
            className="button button--primary"
            disabled={selected.length === 0}
            onClick={() => setConfirming(true)}
          >
            Erase selected
          </button>
        </div>
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

type ExpiredValue = Output<'retention.review'>['values'][number];
const valueKey = (v: { customer_id: number; field: string }) => `${v.customer_id}:${v.field}`;

/** Values held past their own field's retention: chosen one by one, erased while the records stay. */
function ExpiredValues(props: { values: ExpiredValue[]; capped: boolean; onErased: () => void }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Output<'retention.eraseValues'> | null>(null);

  function toggle(key: string) {
    const next = new Set(chosen);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setChosen(next);
  }

  const selected = props.values.filter((v) => chosen.has(valueKey(v)));
  return (
    <section aria-labelledby="expired-values-title">
      <h3 id="expired-values-title">Values kept past their field’s retention</h3>
      <p className="muted">
        Each field’s retention is set in the register and counted from when the value was collected. Erasing removes
        just that value, for good; the rest of the record stays.
      </p>
      {outcome && (
        <div className="banner banner--ok" role="status">
          Erased {outcome.erased.length} value{outcome.erased.length === 1 ? '' : 's'}.
          {outcome.failed.map((f) => ` Record ${f.customer_id} ${f.field} kept: ${f.message}`).join('')}
        </div>
      )}
      {props.values.length === 0 && <p className="muted">No values are past their retention.</p>}
      {props.values.length > 0 && (
        <table className="table" aria-labelledby="expired-values-title">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Choose</span>
              </th>
              <th scope="col">Customer</th>
              <th scope="col">Field</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {props.values.map((v) => {
              const key = valueKey(v);
              return (
                <tr key={key}>
                  <td>
                    <input
                      type="checkbox"
                      id={`erase-value-${key}`}
                      checked={chosen.has(key)}
                      disabled={Boolean(v.blocked)}
                      onChange={() => toggle(key)}
                    />
                    <label htmlFor={`erase-value-${key}`} className="sr-only">
                      Erase {v.label} of {v.name}
                    </label>
                  </td>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => openRecord(v.customer_id)}>
                      {v.name}
                    </button>
                  </th>
                  <td>{v.label}</td>
                  <td>
                    {v.reason}
                    {v.blocked && <span className="field__error"> {v.blocked}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.capped && (
        <p className="muted">
          Showing the oldest {props.values.length}; more are due. Erase these, then the next ones are shown.
        </p>
      )}
      {props.values.length > 0 && (
        <div className="card__bar">
          <span className="muted">{selected.length} chosen</span>
          <button
            type="button"
            className="button button--primary"
            disabled={selected.length === 0}
            onClick={() => setConfirming(true)}
          >
            Erase selected values
          </button>
        </div>
      )}
      {confirming && (
        <EraseValuesDialog
          values={selected}
          onClose={() => setConfirming(false)}
          onErased={(result) => {
            setConfirming(false);
            setOutcome(result);
            setChosen(new Set());
            props.onErased();
          }}
        />
      )}
    </section>
  );
}

/**
 * "Erase … for good?": what goes, a reason for the audit log, Cancel and Erase. `erase` returns the
 * core's refusal in words, or null once done.
 */
function EraseForGoodDialog(props: {
  title: string;
  intro: string;
  children: ReactNode;
  reasonId: string;
  defaultReason: string;
  onClose: () => void;
  erase: (reason: string) => Promise<string | null>;
}) {
  const [reason, setReason] = useState(props.defaultReason);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function erase() {
    setBusy(true);
    const refused = await props.erase(reason);
    setBusy(false);
    setProblem(refused);
  }

  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p>{props.intro}</p>
      <ul className="history">{props.children}</ul>
      <div className="field">
        <label className="field__label" htmlFor={props.reasonId}>
          Reason recorded in the audit log
        </label>
        <input id={props.reasonId} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorBanner message={problem} />
      <div className="card__bar">
        <button type="button" className="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={busy || !reason.trim()}
          onClick={() => void erase()}
        >
          {busy ? 'Erasing…' : 'Erase for good'}
        </button>
      </div>
    </Dialog>
  );
}

function EraseValuesDialog(props: {
  values: ExpiredValue[];
  onClose: () => void;
  onErased: (result: Output<'retention.eraseValues'>) => void;
}) {
  return (
    <EraseForGoodDialog
      title={`Erase ${props.values.length} value${props.values.length === 1 ? '' : 's'} for good?`}
      intro="These values will be deleted from their records and from the search index. The records themselves stay. This cannot be undone."
      reasonId="erase-values-reason"
      defaultReason="Field retention review"
      onClose={props.onClose}
      erase={async (reason) => {
        const values = props.values.map((v) => ({ customer_id: v.customer_id, field: v.field }));
        const result = await attempt('retention.eraseValues', { values, reason });
        if (!result.ok) return result.error.message;
        props.onErased(result.value);
        return null;
      }}
    >
      {props.values.map((v) => (
        <li key={valueKey(v)}>
          <strong>
            {v.name}: {v.label}
          </strong>{' '}
          — {v.reason}
        </li>
      ))}
    </EraseForGoodDialog>
  );
}

function EraseDialog(props: {
  items: Output<'retention.review'>['items'];
  onClose: () => void;
  onErased: (result: Output<'retention.erase'>) => void;
}) {
  return (
    <EraseForGoodDialog
      title={`Erase ${props.items.length} record${props.items.length === 1 ? '' : 's'} for good?`}
      intro="These records, their search entries and their personal details in the audit log will be deleted. This cannot be undone."
      reasonId="erase-reason"
      defaultReason="Retention review"
      onClose={props.onClose}
      erase={async (reason) => {
        const result = await attempt('retention.erase', { ids: props.items.map((i) => i.id), reason });
        if (!result.ok) return result.error.message;
        props.onErased(result.value);
        return null;
      }}
    >
      {props.items.map((i) => (
        <li key={i.id}>
          <strong>{i.name}</strong> — {i.reason}
        </li>
      ))}
    </EraseForGoodDialog>
  );
}
