// One customer, read-only: every detail, who created and last changed it and when, the actions
// the role allows (Edit, Archive/Unarchive, Save as PDF, Erase), contacts with the customer (C
// logs one), and the customer's requests and disclosures. Focus moves to the name so a screen
// reader announces it; Esc goes back to the search box.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Customer } from '../../../shared/customer';
import { attempt } from '../client';
import { ConsentSection } from '../consent/ConsentSection';
import { base64ToBytes, savedMessage, saveFile } from '../download';
import { formatBirthDate, formatStamp, fullName, joinPresent } from '../format';
import { ContactsSection } from '../interactions/ContactsSection';
import { isTyping } from '../keys';
import { useCan } from '../permissions';
import { BuyingSection } from '../purchases/BuyingSection';
import { MergeHistory } from '../screens/MergeHistory';
import { RequestsSection } from '../screens/RequestsSection';
import { openPane, recordChanged, recordErased, useWorkspace } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { EraseCustomerDialog } from './EraseCustomerDialog';
import { RecordCompleteness } from './RecordCompleteness';
import { RecordFields } from './RecordFields';
import {
  AddressMeta,
  AgeBandFact,
  HiddenNote,
  OrganisationLine,
  OrganisationPeople,
  ProvenanceCard,
  verifiedWords,
} from './RecordProfileDetails';

export function RecordView({ id, onDone }: { id: number; onDone: () => void }) {
  const current = useWorkspace((s) => (s.current?.id === id ? s.current : null));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const canEdit = useCan('customers.update');
  const canArchive = useCan('customers.setArchived');
  const canRequests = useCan('requests.list');
  const canVerify = useCan('customers.verify');
  const canHistory = useCan('duplicates.history');
  const canProfile = useCan('consent.history');
  const canContacts = useCan('interactions.list');
  const canLogContact = useCan('interactions.add');
  const canErase = useCan('customers.erase');
  const [logging, setLogging] = useState(false);
  const [erasing, setErasing] = useState(false);
  const canPrint = useCan('customers.summaryPdf');

  // Read afresh whenever the record is opened (also again while already shown), so what is on
  // screen is what is stored, and the core can record who looked at it.
  const missing = current === null;
  useEffect(() => {
    if (!missing) return;
    let live = true;
    setError(null);
    void attempt('customers.get', { id }).then((result) => {
      if (!live) return;
      if (result.ok) useWorkspace.setState({ current: result.value });
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [id, missing]);

  useEffect(() => {
    if (!missing) heading.current?.focus();
  }, [missing]);

  async function toggleArchived(customer: Customer) {
    setBusy(true);
    const result = await attempt('customers.setArchived', { id: customer.id, archived: !customer.archived });
    setBusy(false);
    if (result.ok) recordChanged(result.value);
    else setError(result.error.message);
  }

  async function verify(customer: Customer) {
    setBusy(true);
    const result = await attempt('customers.verify', { id: customer.id });
    setBusy(false);
    if (result.ok) useWorkspace.setState({ current: result.value });
    else setError(result.error.message);
  }

  /** The record as this person may see it, made by the core, saved where the host saves files. */
  async function savePdf(customer: Customer) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await attempt('customers.summaryPdf', { id: customer.id });
    if (!result.ok) {
      setBusy(false);
      return setError(result.error.message);
    }
    const { filename, pdf_base64, left_out } = result.value;
    const saved = await saveFile(filename, base64ToBytes(pdf_base64), 'application/pdf', { announce: false });
    setBusy(false);
    if (!saved.path) return setError(savedMessage(saved));
    const omitted = left_out.length ? ` Left out because of your role: ${left_out.join(', ')}.` : '';
    setNotice(`${savedMessage(saved)}${omitted}`);
  }

  function onKeyDown(event: KeyboardEvent) {
    // Keys inside a dialog over the record (logging a contact, adding a purchase) are the dialog's.
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    const plainKey = !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    } else if (
      // Ctrl+P: the record as this person may see it, as a PDF (not the browser's print of the screen).
      event.code === 'KeyP' &&
      (event.ctrlKey || event.metaKey) &&
      !event.altKey &&
      !event.shiftKey &&
      canPrint &&
      current
    ) {
      event.preventDefault();
      if (!busy) void savePdf(current);
    } else if (event.code === 'KeyC' && plainKey && canLogContact && current) {
      // C: log a contact with the customer (a call, a visit) without reaching for the mouse.
      event.preventDefault();
      setLogging(true);
    } else if (
      // V: "verified with the customer today", one keystroke while the record has the focus.
      event.code === 'KeyV' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      canVerify &&
      current &&
      !busy &&
      !isTyping(event.target)
    ) {
      event.preventDefault();
      void verify(current);
    }
  }

  if (error && !current) {
    return (
      <div className="record">
        <div className="banner banner--error" role="alert">
          {error}
        </div>
      </div>
    );
  }
  if (!current) {
    return (
      <div className="record" aria-busy="true">
        <p className="muted">Opening the record…</p>
      </div>
    );
  }

  const c = current;
  return (
    <article className="record" aria-labelledby="record-name" onKeyDown={onKeyDown}>
      <header className="record__head">
        <div>
          <h1 id="record-name" className="record__name" tabIndex={-1} ref={heading}>
            {c.title && <span className="record__title">{c.title} </span>}
            {fullName(c)}
          </h1>
          {(c.ref ||
            c.archived ||
            c.kind === 'organisation' ||
            c.organisation ||
            c.job_title ||
            (c.preferred_name && c.given_name !== c.preferred_name)) && (
            <p className="record__sub">
              <OrganisationLine customer={c} />
              {c.archived && <span className="badge badge--warn">Archived</span>}
              {c.ref && <span className="chip">Customer number {c.ref}</span>}
              {c.preferred_name && c.given_name && c.preferred_name !== c.given_name && (
                <span className="chip">Given name {c.given_name}</span>
              )}
            </p>
          )}
        </div>
        {(canEdit || canArchive || canPrint || canErase) && (
          <div className="record__actions">
            {canVerify && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void verify(c)}
                aria-keyshortcuts="V"
              >
                Verified today <kbd className="kbd">V</kbd>
              </button>
            )}
            {canEdit && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => openPane({ kind: 'edit', id: c.id }, c)}
              >
                Edit
              </button>
            )}
            {canArchive && (
              <button type="button" className="button" disabled={busy} onClick={() => void toggleArchived(c)}>
                {c.archived ? 'Unarchive' : 'Archive'}
              </button>
            )}
            {canPrint && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void savePdf(c)}
                aria-keyshortcuts="Control+P"
              >
                Save as PDF
              </button>
            )}
            {canErase && (
              <button type="button" className="button button--danger-quiet" onClick={() => setErasing(true)}>
                Erase this customer…
              </button>
            )}
          </div>
        )}
      </header>

      {erasing && (
        <EraseCustomerDialog id={c.id} onClose={() => setErasing(false)} onErased={() => recordErased(c.id)} />
      )}
      <ErrorBanner message={error} />
      <HiddenNote customer={c} />
      <div aria-live="polite">{notice && <p className="banner banner--ok">{notice}</p>}</div>

      <div className="record__grid">
        <section className="card" aria-labelledby="rec-contact">
          <h2 className="card__title" id="rec-contact">
            Contact
          </h2>
          {c.emails.length === 0 && c.phones.length === 0 && <p className="muted">No email or phone recorded.</p>}
          <dl className="facts">
            {c.emails.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: stored rows have no id; their position is their identity
              <div className="facts__row" key={`e${i}-${e.address}`}>
                <dt>Email{e.label ? ` (${e.label})` : ''}</dt>
                <dd>{e.address}</dd>
              </div>
            ))}
            {c.phones.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: stored rows have no id; their position is their identity
              <div className="facts__row" key={`p${i}-${p.e164}`}>
                <dt>Phone{p.label ? ` (${p.label})` : ''}</dt>
                <dd>{p.number}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="card" aria-labelledby="rec-addresses">
          <h2 className="card__title" id="rec-addresses">
            {c.addresses.length > 1 ? 'Addresses' : 'Address'}
          </h2>
          {c.addresses.length === 0 && <p className="muted">No address recorded.</p>}
          {c.addresses.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: stored rows have no id; their position is their identity
            <address className="postal" key={`a${i}-${a.postcode}`}>
              <AddressMeta address={a} />
              {a.label && <span className="postal__label">{a.label}</span>}
              {(['line1', 'line2', 'town', 'region', 'postcode', 'country'] as const)
                .filter((field) => a[field] && !(field === 'country' && a.country === 'GB'))
                .map((field) => (
                  <span className="postal__line" key={field}>
                    {a[field]}
                  </span>
                ))}
            </address>
          ))}
        </section>

        <section className="card" aria-labelledby="rec-details">
          <h2 className="card__title" id="rec-details">
            Details
          </h2>
          <dl className="facts">
            {c.kind === 'organisation' ? (
              <Fact term="Organisation name" value={c.organisation_name} />
            ) : (
              <>
                <Fact term="Title" value={c.title} />
                <Fact term="Given name" value={c.given_name} />
                <Fact term="Family name" value={c.family_name} />
                <Fact term="Preferred name" value={c.preferred_name} />
                <Fact term="Date of birth" value={c.date_of_birth ? formatBirthDate(c.date_of_birth) : ''} />
                <AgeBandFact dateOfBirth={c.date_of_birth} />
              </>
            )}
            <Fact term="Customer number" value={c.ref} />
          </dl>
        </section>

        <section className="card" aria-labelledby="rec-notes">
          <h2 className="card__title" id="rec-notes">
            Notes
          </h2>
          {c.notes ? <p className="notes">{c.notes}</p> : <p className="muted">No notes.</p>}
        </section>
      </div>

      <OrganisationPeople customer={c} />
      <RecordFields customer={c} />
      <RecordCompleteness customer={c} />
      <ProvenanceCard key={`${c.version}-${c.verified_at}`} customer={c} />
      {canProfile && <ConsentSection customer={c} />}
      {canProfile && <BuyingSection customer={c} />}
      {canContacts && <ContactsSection customer={c} logging={logging} onLogging={setLogging} />}
      {canRequests && <RequestsSection customer={c} />}
      {canHistory && <MergeHistory key={c.version} customer={c} onUndone={setNotice} />}

      <footer className="record__foot">
        <span>
          Created {formatStamp(c.created_at)} by {c.created_by}
        </span>
        <span aria-hidden="true">·</span>
        <span>
          Updated {formatStamp(c.updated_at)} by {c.updated_by}
        </span>
        <span aria-hidden="true">·</span>
        <span className="verified" role="status">
          Last verified {verifiedWords(c.verified_at)}
        </span>
        <span aria-hidden="true">·</span>
        <span>{joinPresent([`Version ${c.version}`])}</span>
      </footer>
    </article>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd>{value || <span className="muted">—</span>}</dd>
    </div>
  );
}
