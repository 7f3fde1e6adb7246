// One customer, read-only: every detail, who created and last changed it and when, the actions
// the role allows (Edit, Archive/Unarchive, Save as PDF, Erase), contacts with the customer (C
// logs one), and the customer's requests and disclosures. Focus moves to the name so a screen
// reader announces it; Esc goes back to the search box.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { attempt } from '../client';
import { ConsentSection } from '../consent/ConsentSection';
import { MergeHistory } from '../duplicates/MergeHistory';
import { formatStamp, joinPresent } from '../format';
import { ContactsSection } from '../interactions/ContactsSection';
import { isTyping } from '../keys';
import { useCan } from '../permissions';
import { BuyingSection } from '../purchases/BuyingSection';
import { RequestsSection } from '../requests/RequestsSection';
import { recordErased, useWorkspace } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { EraseCustomerDialog } from './EraseCustomerDialog';
import { RecordCards } from './RecordCards';
import { RecordCompleteness } from './RecordCompleteness';
import { RecordFields } from './RecordFields';
import { RecordHeader } from './RecordHeader';
import { HiddenNote, OrganisationPeople, ProvenanceCard, verifiedWords } from './RecordProfileDetails';
import { useRecordActions } from './useRecordActions';

export function RecordView({ id, onDone }: { id: number; onDone: () => void }) {
  const current = useWorkspace((s) => (s.current?.id === id ? s.current : null));
  const [error, setError] = useState<string | null>(null);
  const { busy, notice, setNotice, toggleArchived, verify, savePdf } = useRecordActions(setError);
  const heading = useRef<HTMLHeadingElement>(null);
  const canRequests = useCan('requests.list');
  const canVerify = useCan('customers.verify');
  const canHistory = useCan('duplicates.history');
  const canProfile = useCan('consent.history');
  const canContacts = useCan('interactions.list');
  const canLogContact = useCan('interactions.add');
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
      <RecordHeader
        customer={c}
        headingRef={heading}
        busy={busy}
        onVerify={() => void verify(c)}
        onArchive={() => void toggleArchived(c)}
        onPdf={() => void savePdf(c)}
        onErase={() => setErasing(true)}
      />

      {erasing && (
        <EraseCustomerDialog id={c.id} onClose={() => setErasing(false)} onErased={() => recordErased(c.id)} />
      )}
      <ErrorBanner message={error} />
      <HiddenNote customer={c} />
      <div aria-live="polite">{notice && <p className="banner banner--ok">{notice}</p>}</div>

      <RecordCards customer={c} />

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
