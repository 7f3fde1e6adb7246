// The audit trail (owner and managers): who did what to which record and when, newest first,
// a page at a time. The owner can verify the hash chain: the answer is the number of entries
// checked, or the first problem found (an altered, missing or inserted entry), in red.
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatStamp } from '../format';
import { useCan } from '../permissions';

type Entry = Output<'audit.list'>[number];
const PAGE = 50;

const ACTIONS: Record<string, string> = {
  'file.create': 'Created the file',
  'file.close': 'Closed the file',
  'file.rekey': 'Changed the file passphrase',
  'session.start': 'Signed in',
  'session.end': 'Signed out',
  'session.refused': 'Wrong password or PIN',
  refused: 'Refused an action',
  'staff.create': 'Added an account',
  'staff.update': 'Changed an account',
  'staff.secret': 'Set a password or PIN',
  'settings.update': 'Changed the settings',
  'customer.view': 'Viewed a record',
  'customer.create': 'Added a record',
  'customer.update': 'Changed a record',
  'customer.archive': 'Archived a record',
  'customer.unarchive': 'Unarchived a record',
  'customers.import': 'Imported records',
  'customers.export': 'Exported records',
  'interaction.add': 'Logged a contact with the customer',
  search: 'Searched',
  'request.create': 'Recorded a request',
  'request.approve': 'Approved a request',
  'request.refuse': 'Refused a request',
  'request.supply': 'Handed over information',
  'request.confirm': 'Confirmed receipt',
  'request.access_pack': 'Produced a subject-access pack',
};

export function AuditScreen() {
  // The cursors of the pages shown so far: [undefined] is the newest page.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [check, setCheck] = useState<Output<'audit.verify'> | null>(null);
  const [checking, setChecking] = useState(false);
  const canVerify = useCan('audit.verify');
  const before = cursors.at(-1);

  const load = useCallback(async (beforeSeq: number | undefined) => {
    setEntries(null);
    const result = await attempt('audit.list', { limit: PAGE, ...(beforeSeq ? { before_seq: beforeSeq } : {}) });
    if (result.ok) setEntries(result.value);
    else setProblem(result.error.message);
  }, []);

  useEffect(() => {
    void load(before);
  }, [before, load]);

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
      <section className="card" aria-label="Audit entries">
        {entries === null ? (
          <p className="muted">Reading the audit trail…</p>
        ) : entries.length === 0 ? (
          <p className="muted">No entries.</p>
        ) : (
          <table className="table table--audit">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Record</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="table__num">{e.seq}</td>
                  <td>{formatStamp(e.at)}</td>
                  <td>{e.user || <span className="muted">—</span>}</td>
                  <td>
                    {ACTIONS[e.action] ?? e.action} <code className="code">{e.action}</code>
                  </td>
                  <td>{e.entity ? `${e.entity}${e.entity_id !== null ? ` ${e.entity_id}` : ''}` : ''}</td>
                  <td className="table__detail">{e.detail}</td>
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
