// "Contacts with the customer" on the record: visits, calls, emails, letters and complaints,
// newest first, with what they were about, the outcome and who logged them; "Log contact" (or C
// on the record) opens the dialog that logs one (LogContactDialog).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Customer } from '../../../shared/customer';
import { INTERACTION_KIND_LABELS } from '../../../shared/purchases';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { useCan } from '../permissions';
import { ErrorBanner } from '../ui/ErrorBanner';
import { LogContactDialog } from './LogContactDialog';
import type { Contact } from './useLogContact';

const FIRST = 20;
const ALL = 500;

export function ContactsSection({
  customer,
  logging,
  onLogging,
}: {
  customer: Customer;
  /** The log dialog is open (the record's C shortcut opens it too). */
  logging: boolean;
  onLogging: (open: boolean) => void;
}) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [limit, setLimit] = useState(FIRST);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canLog = useCan('interactions.add');
  const logButton = useRef<HTMLButtonElement>(null);
  const wasLogging = useRef(false);

  // Saved or cancelled, the dialog is gone and its focus with it: back to "Log contact", so the
  // keyboard stays on the record (C again logs the next one).
  useEffect(() => {
    const closed = wasLogging.current && !logging;
    wasLogging.current = logging;
    if (!closed) return;
    // Chromium lifts the modal's inertness from the rest of the page only after this render.
    const timer = setTimeout(() => {
      if (document.activeElement === document.body || !document.activeElement) logButton.current?.focus();
    });
    return () => clearTimeout(timer);
  }, [logging]);

  const load = useCallback(async () => {
    const result = await attempt('interactions.list', { customer_id: customer.id, limit });
    if (result.ok) setContacts(result.value);
    setProblem(result.ok ? null : result.error.message);
  }, [customer.id, limit]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card" aria-labelledby="rec-contacts">
      <div className="card__bar">
        <h2 className="card__title" id="rec-contacts">
          Contacts with the customer
        </h2>
        {canLog && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onLogging(true)}
            aria-keyshortcuts="C"
            ref={logButton}
          >
            Log contact <kbd className="kbd">C</kbd>
          </button>
        )}
      </div>
      <ErrorBanner message={problem} />
      <div aria-live="polite">{notice && <p className="banner banner--ok">{notice}</p>}</div>
      {contacts?.length === 0 && <p className="muted">No contacts logged.</p>}
      {contacts && contacts.length > 0 && (
        <table className="table" aria-label="Contacts, newest first">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">What about</th>
              <th scope="col">Outcome</th>
              <th scope="col">Logged by</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <td>
                  <time dateTime={c.at}>{formatStamp(c.at)}</time>
                </td>
                <td>
                  {c.kind === 'complaint' ? (
                    <span className="badge badge--warn">{INTERACTION_KIND_LABELS[c.kind]}</span>
                  ) : (
                    INTERACTION_KIND_LABELS[c.kind]
                  )}
                </td>
                <td className="contact__text">{c.summary || <span className="muted">—</span>}</td>
                <td className="contact__text">{c.outcome || <span className="muted">—</span>}</td>
                <td>
                  {c.logged_by}
                  {c.handled_by !== c.logged_by && <span className="muted"> (handled by {c.handled_by})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {contacts && contacts.length === limit && limit < ALL && (
        <button type="button" className="button button--small button--quiet" onClick={() => setLimit(ALL)}>
          Show older contacts
        </button>
      )}
      {logging && canLog && (
        <LogContactDialog
          customerId={customer.id}
          onClose={() => onLogging(false)}
          onSaved={async (saved) => {
            onLogging(false);
            setNotice(`${INTERACTION_KIND_LABELS[saved.kind]} logged.`);
            await load();
          }}
        />
      )}
    </section>
  );
}
