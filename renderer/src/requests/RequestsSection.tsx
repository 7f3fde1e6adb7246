// "Requests & disclosures" on a customer's record: the customer's disclosure history (who
// asked, why, on what lawful basis, which fields went out by which channel, when, and how
// receipt was confirmed), a form to record a new request, and each request's card with its next
// step. The fields offered, and whether this role may prepare a subject-access pack, come from
// the core (requests.options). A request just recorded opens at its next step.
import { useCallback, useState } from 'react';
import type { Customer } from '../../../shared/customer';
import { attempt } from '../client';
import { useCan } from '../permissions';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';
import { NewRequestForm } from './NewRequestForm';
import { RequestCard } from './RequestCard';

const loadOptions = () => attempt('requests.options', {});

export function RequestsSection({ customer }: { customer: Customer }) {
  const {
    data: requests,
    error: problem,
    reload: load,
  } = useLoad(useCallback(() => attempt('requests.list', { customer_id: customer.id }), [customer.id]));
  const { data: options, error: optionsProblem } = useLoad(loadOptions);
  const [adding, setAdding] = useState(false);
  const [recorded, setRecorded] = useState<number | null>(null);
  const canCreate = useCan('requests.create');

  return (
    <section className="card" aria-labelledby="rec-requests">
      <div className="card__bar">
        <h2 className="card__title" id="rec-requests">
          Requests &amp; disclosures
        </h2>
        {canCreate && !adding && (
          <button type="button" className="button button--small" onClick={() => setAdding(true)}>
            New request
          </button>
        )}
      </div>
      <ErrorBanner message={problem ?? optionsProblem} />
      {adding && (
        <NewRequestForm
          customer={customer}
          onCancel={() => setAdding(false)}
          onSaved={async (id) => {
            setAdding(false);
            setRecorded(id);
            await load();
          }}
        />
      )}
      {requests === null && !problem && <p className="muted">Reading the requests…</p>}
      {requests?.length === 0 && !adding && (
        <p className="muted">No requests yet. Nothing from this record has been handed over.</p>
      )}
      {requests && requests.length > 0 && (
        <ol className="requests">
          {requests.map((r) => (
            <li key={r.id}>
              <RequestCard
                request={r}
                customer={customer}
                options={options}
                justRecorded={r.id === recorded}
                onChanged={load}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
