// The open requests across all customers (requests.list, open only): what is waiting, for
// whom, by when and what for next; subject-access deadlines first in mind, overdue ones in red.
// Opening a row goes to the customer's record, where the request is handled on its card.
import type { InfoRequest } from '../../../shared/contract/requests';
import type { Result } from '../../../shared/contract/result';
import { attempt } from '../client';
import { formatDay } from '../format';
import { openPane, showView } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';
import { DueDate } from './DueDate';
import { KIND_SHORT, nextStep, STATUS_LABELS } from './labels';

async function openRequests(): Promise<Result<InfoRequest[]>> {
  const result = await attempt('requests.list', { open_only: true });
  return result.ok ? { ok: true, value: sortByDue(result.value) } : result;
}

export function RequestsPage() {
  const { data: requests, error: problem } = useLoad(openRequests);

  function open(r: InfoRequest) {
    if (r.customer_id === null) return; // the customer was erased: nothing to open
    showView('customers');
    openPane({ kind: 'view', id: r.customer_id });
  }

  return (
    <main className="page" aria-labelledby="requests-title">
      <header className="page__head">
        <h1 id="requests-title" className="record__name">
          Open requests
        </h1>
        <p className="muted">
          Requests not yet confirmed as received or refused. Subject access is due within a month.
        </p>
      </header>
      <ErrorBanner message={problem} />
      <section className="card" aria-label="Open requests">
        {requests === null && !problem && <p className="muted">Reading the requests…</p>}
        {requests?.length === 0 && <p className="muted">No open requests.</p>}
        {requests && requests.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Request</th>
                <th scope="col">Who asks</th>
                <th scope="col">Status</th>
                <th scope="col">Next step</th>
                <th scope="col">Received</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => open(r)}>
                      {r.customer_name}
                    </button>
                  </th>
                  <td>{KIND_SHORT[r.kind]}</td>
                  <td>{[r.requester_name, r.requester_org].filter(Boolean).join(', ')}</td>
                  <td>{STATUS_LABELS[r.status]}</td>
                  <td>{nextStep(r)}</td>
                  <td>{formatDay(r.received_at)}</td>
                  <td>{r.due_at ? <DueDate request={r} /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

/** Dated requests first, soonest due first; then the rest, newest first (as listed). */
function sortByDue(list: InfoRequest[]): InfoRequest[] {
  const dated = list.filter((r) => r.due_at).sort((a, b) => a.due_at.localeCompare(b.due_at));
  return [...dated, ...list.filter((r) => !r.due_at)];
}
