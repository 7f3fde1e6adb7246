// The record's heading (name, organisation, archived, numbers) and the actions the role allows:
// verified today (V), edit, archive, save as PDF (Ctrl+P), erase.
import type { RefObject } from 'react';
import type { Customer } from '../../../shared/customer';
import { fullName } from '../format';
import { useCan } from '../permissions';
import { openPane } from '../store';
import { OrganisationLine } from './RecordProfileDetails';

type Props = {
  customer: Customer;
  /** The name, focused when the record opens so a screen reader announces it. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  busy: boolean;
  onVerify: () => void;
  onArchive: () => void;
  onPdf: () => void;
  onErase: () => void;
};

export function RecordHeader({ customer: c, headingRef, busy, onVerify, onArchive, onPdf, onErase }: Props) {
  const canEdit = useCan('customers.update');
  const canArchive = useCan('customers.setArchived');
  const canVerify = useCan('customers.verify');
  const canErase = useCan('customers.erase');
  const canPrint = useCan('customers.summaryPdf');
  return (
    <header className="record__head">
      <div>
        <h1 id="record-name" className="record__name" tabIndex={-1} ref={headingRef}>
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
            <button type="button" className="button" disabled={busy} onClick={onVerify} aria-keyshortcuts="V">
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
            <button type="button" className="button" disabled={busy} onClick={onArchive}>
              {c.archived ? 'Unarchive' : 'Archive'}
            </button>
          )}
          {canPrint && (
            <button type="button" className="button" disabled={busy} onClick={onPdf} aria-keyshortcuts="Control+P">
              Save as PDF
            </button>
          )}
          {canErase && (
            <button type="button" className="button button--danger-quiet" onClick={onErase}>
              Erase this customer…
            </button>
          )}
        </div>
      )}
    </header>
  );
}
