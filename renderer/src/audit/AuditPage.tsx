// The audit trail (owner and managers): who did what to which customer and when, newest first,
// a page at a time, in words (the labels and details come from the core's catalogue), narrowed
// by person, customer, kind of action and days. The owner can verify the hash chain: the answer
// is the number of entries checked, or the first problem found (an altered, missing or inserted
// entry), in red.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../shared/contract';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { useCan } from '../permissions';
import { ErrorBanner } from '../ui/ErrorBanner';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';

type Entry = Output<'audit.list'>[number];
const PAGE = 50;

function listInput(filters: AuditFilterValues, beforeSeq: number | undefined): Input<'audit.list'> {
  return {
    limit: PAGE,
    ...(beforeSeq ? { before_seq: beforeSeq } : {}),
    ...(filters.user_id ? { user_id: filters.user_id } : {}),
    ...(filters.customer ? { customer_id: filters.customer.id } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [people, setPeople] = useState<{ id: number; name: string }[]>([]);
  // The cursors of the pages shown so far: [undefined] is the newest page.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [check, setCheck] = useState<Output<'audit.verify'> | null>(null);
  const [checking, setChecking] = useState(false);
  const canVerify = useCan('audit.verify');
  const before = cursors.at(-1);

  // Only the answer to the latest filters is shown, however the answers arrive.
  const latest = useRef(0);

  const load = useCallback(async (shown: AuditFilterValues, beforeSeq: number | undefined) => {
    const seq = ++latest.current;
    setEntries(null);
    const result = await attempt('audit.list', listInput(shown, beforeSeq));
    if (seq !== latest.current) return;
    if (result.ok) setEntries(result.value);
    else setProblem(result.error.message);
  }, []);

  useEffect(() => {
    void load(filters, before);
  }, [filters, before, load]);

  useEffect(() => {
    void attempt('staff.list', {}).then((result) => {
      if (result.ok) setPeople(result.value.map((a) => ({ id: a.id, name: a.name })));
    });
  }, []);

  function apply(next: AuditFilterValues) {
    setProblem(null);
    setFilters(next);
    setCursors([undefined]);
  }

  const filtered = Object.keys(filters).length > 0;

  async function verify() {
    setChecking(true);
    setCheck(null);
    const result = await attempt('audit.verify', {});
    setChecking(false);
    if (result.ok) setCheck(result.value);
    else setProblem(result.error.message);
  }

  const last = entries?.at(-1);
  return (
    <main className="page" aria-labelledby="audit-title">
      <header className="page__head page__head--bar">
        <div>
          <h1 id="audit-title" className="record__name">
            Audit trail
          </h1>
          <p className="muted">Every sign-in, search, view, change and hand-over, newest first.</p>
        </div>
        {canVerify && (
          <button type="button" className="button button--primary" disabled={checking} onClick={() => void verify()}>
            {checking ? 'Checking…' : 'Verify the audit trail'}
          </button>
        )}
      </header>
      {(check || problem) && (
        <div aria-live="polite">
          {check?.ok && (
            <output className="banner banner--ok">
              The audit trail is intact: all {check.entries} entries check out.
            </output>
          )}
          {check && !check.ok && (
            <div className="banner banner--error" role="alert">
              The audit trail has been tampered with: {check.problem}. {check.entries} entries before it check out.
            </div>
          )}
          <ErrorBanner message={problem} />
        </div>
      )}
      <AuditFilters people={people} applied={filters} onApply={apply} />
      <section className="card" aria-label="Audit entries" aria-busy={entries === null}>
        {entries === null ? (
          <p className="muted">Reading the audit trail…</p>
        ) : entries.length === 0 ? (
          <p className="muted">{filtered ? 'No entries match these filters.' : 'No entries.'}</p>
        ) : (
          <table className="table table--audit">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Customer</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="table__num">{e.seq}</td>
                  <td>{formatStamp(e.at)}</td>
                  <td>{e.user || <span className="muted">nobody signed in</span>}</td>
                  <td>{e.label}</td>
                  <td>
                    {e.customer && e.entity_id !== null && !filters.customer ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => apply({ ...filters, customer: { id: e.entity_id as number, name: e.customer } })}
                      >
                        {e.customer}
                        <span className="sr-only"> (show only entries about them)</span>
                      </button>
                    ) : (
                      e.customer
                    )}
                  </td>
                  <td className="audit__said">{e.said}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav className="pager" aria-label="Audit pages">
          <button
            type="button"
            className="button button--small"
            disabled={cursors.length === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer entries
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={!last || (entries?.length ?? 0) < PAGE}
            onClick={() => last && setCursors((c) => [...c, last.seq])}
          >
            Older entries
          </button>
        </nav>
      </section>
    </main>
  );
}
