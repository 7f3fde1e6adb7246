// "Erase this customer…" on the record: the core counts what goes (customers.erasePreview) so the
// dialog names real numbers and says what stays only as anonymous totals; an open erasure request
// is offered to link (and is closed by the erasure); another open request blocks it, named, as the
// core refuses it too. A reason and the customer's name typed out are asked for before erasing.
import { useCallback, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { formatMoney } from '../../../shared/format';
import { attempt } from '../client';
import { formatDay, plural } from '../format';
import { KIND_SHORT } from '../requests/labels';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { useLoad } from '../useLoad';

type Preview = Output<'customers.erasePreview'>;

/** What goes, in words, leaving out what there is none of. */
function goesList(p: Preview): string[] {
  const g = p.goes;
  return [
    'The record itself: name, date of birth, notes and every other detail',
    g.emails ? plural(g.emails, 'email address', 'email addresses') : '',
    g.phones ? plural(g.phones, 'phone number') : '',
    g.addresses ? plural(g.addresses, 'postal address', 'postal addresses') : '',
    g.consent_events
      ? `The consent history (${plural(g.consent_events, 'entry', 'entries')}) and any do-not-contact mark`
      : '',
    g.interactions ? plural(g.interactions, 'logged contact') : '',
    g.purchases ? `${plural(g.purchases, 'purchase or booking', 'purchases and bookings')} linked to the person` : '',
    g.merged_records
      ? plural(g.merged_records, 'record merged into this one earlier', 'records merged into this one earlier')
      : '',
    g.earlier_versions
      ? plural(
          g.earlier_versions,
          'earlier version kept by an import or a merge',
          'earlier versions kept by imports and merges',
        )
      : '',
    g.campaign_lists
      ? `Their place on ${plural(g.campaign_lists, 'campaign list')} (each list's count goes down by one)`
      : '',
    'Its search entries',
    g.audit_details ? `The details of ${plural(g.audit_details, 'audit entry', 'audit entries')} about the record` : '',
    g.searches ? `The words typed in ${plural(g.searches, 'search', 'searches')} that would find them` : '',
  ].filter(Boolean);
}

function staysList(p: Preview): string[] {
  return [
    p.stays.purchase_months
      ? `Their purchases as anonymous monthly totals per item (${formatMoney(p.stays.amount_pence)} over ${plural(p.stays.purchase_months, 'month')}), without the person`
      : '',
    'The audit entries themselves (who did what and when), without their details, and a note that a record was erased, with your reason',
    p.goes.requests
      ? `${plural(p.goes.requests, 'request')} about them, kept without their name or anything that names them`
      : '',
  ].filter(Boolean);
}

export function EraseCustomerDialog({
  id,
  onClose,
  onErased,
}: {
  id: number;
  onClose: () => void;
  onErased: (name: string) => void;
}) {
  const { data: preview, error: loadProblem } = useLoad(
    useCallback(() => attempt('customers.erasePreview', { id }), [id]),
  );
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [link, setLink] = useState<number | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  // The first open erasure request is linked unless the user says otherwise.
  const linked = link === undefined ? (preview?.erasure_requests[0]?.id ?? null) : link;
  const blocked = (preview?.blocking.length ?? 0) > 0;
  const nameMatches = preview !== null && typed.trim().toLowerCase() === preview.name.trim().toLowerCase();

  async function erase() {
    if (!preview) return;
    setProblem(null);
    if (!reason.trim()) return setReasonError('Say why this record is being erased.');
    setReasonError(undefined);
    setBusy(true);
    const result = await attempt('customers.erase', {
      id,
      reason,
      ...(linked === null ? {} : { request_id: linked }),
    });
    setBusy(false);
    if (result.ok) onErased(preview.name);
    else setProblem(result.error.message);
  }

  return (
    <Dialog title={preview ? `Erase ${preview.name} for good?` : 'Erase this customer?'} onClose={onClose} wide>
      <ErrorBanner message={loadProblem ?? problem} />
      {!preview && !loadProblem && <p className="muted">Counting what would be erased…</p>}
      {preview && (
        <div className="stack">
          {blocked && (
            <div className="banner banner--error" role="alert">
              <p>
                This record cannot be erased while another request about it is open. Finish or refuse it first, so that
                what was asked for is answered before the data goes:
              </p>
              <ul>
                {preview.blocking.map((b) => (
                  <li key={b.id}>
                    Request {b.id}: {KIND_SHORT[b.kind as keyof typeof KIND_SHORT] ?? b.kind} for {b.requester}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <section aria-labelledby="erase-goes">
            <h3 className="subform__title" id="erase-goes">
              What goes, and cannot be brought back
            </h3>
            <ul className="history">
              {goesList(preview).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="erase-stays">
            <h3 className="subform__title" id="erase-stays">
              What stays, without the person
            </h3>
            <ul className="history">
              {staysList(preview).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
          {preview.erasure_requests.length > 0 && (
            <fieldset className="field">
              <legend className="field__label">The erasure request this carries out</legend>
              {preview.erasure_requests.map((r) => (
                <label key={r.id} className="check">
                  <input type="radio" name="erase-request" checked={linked === r.id} onChange={() => setLink(r.id)} />{' '}
                  Request {r.id} from {r.requester}, received {formatDay(r.received_at)} — closed as done when erased
                </label>
              ))}
              <label className="check">
                <input type="radio" name="erase-request" checked={linked === null} onChange={() => setLink(null)} />{' '}
                None of these
              </label>
            </fieldset>
          )}
          <Field id="erase-customer-reason" label="Reason recorded in the audit log" error={reasonError}>
            {(control) => (
              <input
                {...control}
                className="input"
                maxLength={200}
                value={reason}
                disabled={blocked}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <Field id="erase-customer-name" label={`Type the customer's name, ${preview.name}, to confirm`}>
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                value={typed}
                disabled={blocked}
                onChange={(e) => setTyped(e.target.value)}
              />
            )}
          </Field>
          <div className="form__actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={busy || blocked || !nameMatches}
              onClick={() => void erase()}
            >
              {busy ? 'Erasing…' : 'Erase for good'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
