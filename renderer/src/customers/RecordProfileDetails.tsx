// The fuller profile on the record view: the organisation a person belongs to (or an
// organisation's people), each address's type, dates and the geography its postcode gives, the
// age band, and where each value came from and when it was last verified. Geography and age
// band are derived here from shared/geography.ts, never stored.
import { useEffect, useState } from 'react';
import type { Customer } from '../../../shared/customer';
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import { ageBand, geographyOf } from '../../../shared/geography';
import { ADDRESS_KIND_LABELS, isCurrentAddress, type ProvenanceRow } from '../../../shared/profile-details';
import { attempt } from '../client';
import { formatDay, formatStamp } from '../format';
import { openPane } from '../store';

const today = () => new Date().toISOString().slice(0, 10);

/** "today", or the day it happened. */
export function verifiedWords(iso: string): string {
  if (!iso) return 'not yet';
  const local = new Date(iso);
  if (Number.isNaN(local.getTime())) return iso;
  return local.toDateString() === new Date().toDateString() ? 'today' : formatStamp(iso);
}

/** Under the name: "Organisation", or "Treasurer at Riverside Society" with a link to it. */
export function OrganisationLine({ customer: c }: { customer: Customer }) {
  if (c.kind === 'organisation') return <span className="chip">Organisation</span>;
  if (!c.organisation && !c.job_title) return null;
  return (
    <span className="chip">
      {c.job_title}
      {/* No-break spaces: the chip is a flex box, which drops plain spaces at its items' edges. */}
      {c.job_title && c.organisation ? '\u00a0at\u00a0' : ''}
      {c.organisation && (
        <button
          type="button"
          className="link"
          onClick={() => openPane({ kind: 'view', id: (c.organisation as { id: number }).id })}
        >
          {c.organisation.name}
        </button>
      )}
    </span>
  );
}

/** Which details the register keeps from this role (the core left them out of the record). */
export function HiddenNote({ customer: c }: { customer: Customer }) {
  if (c.hidden.length === 0) return null;
  const labels = c.hidden.map((key) => COMPLETENESS_FIELDS.find((f) => f.key === key)?.label ?? key);
  return (
    <p className="banner banner--info">
      Not shown to your role (the register decides who sees what): {labels.join(', ')}.
    </p>
  );
}

/** An organisation's people, each a link to their record. */
export function OrganisationPeople({ customer: c }: { customer: Customer }) {
  if (c.kind !== 'organisation') return null;
  return (
    <section className="card" aria-labelledby="rec-people">
      <h2 className="card__title" id="rec-people">
        People
      </h2>
      {c.members.length === 0 ? (
        <p className="muted">Nobody is recorded as belonging to this organisation.</p>
      ) : (
        <ul className="people">
          {c.members.map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => openPane({ kind: 'view', id: m.id })}>
                {m.name}
              </button>
              {m.job_title && <span className="muted"> · {m.job_title}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Type and dates of one address, and what its postcode says about where it is. */
export function AddressMeta({ address: a }: { address: Customer['addresses'][number] }) {
  const geo = geographyOf(a.postcode, a.country);
  const dates = [a.valid_from && `from ${formatDay(a.valid_from)}`, a.valid_to && `until ${formatDay(a.valid_to)}`]
    .filter(Boolean)
    .join(' ');
  const ended = !isCurrentAddress(a, today());
  return (
    <>
      <span className="postal__label">
        {ADDRESS_KIND_LABELS[a.kind]}
        {dates && ` · ${dates}`}
        {ended && ' (not current)'}
      </span>
      {geo && (
        <span className="postal__geo">
          {geo.region ? `${geo.region} · ` : ''}area {geo.area} · {geo.outward}
        </span>
      )}
    </>
  );
}

/** The age band from the date of birth, for the Details list. */
export function AgeBandFact({ dateOfBirth }: { dateOfBirth: string }) {
  const band = ageBand(dateOfBirth, today());
  if (!band) return null;
  return (
    <div className="facts__row">
      <dt>Age band</dt>
      <dd>{band}</dd>
    </div>
  );
}

/** Where each value came from, when it was collected, and when it was last verified. */
export function ProvenanceCard({ customer: c }: { customer: Customer }) {
  const [rows, setRows] = useState<ProvenanceRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { id } = c;
  // Read when shown; the record view remounts this card after every save and verification.
  useEffect(() => {
    let live = true;
    setError(null);
    void attempt('customers.provenance', { id }).then((r) => {
      if (!live) return;
      if (r.ok) setRows(r.value.items);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <section className="card" aria-labelledby="rec-provenance">
      <h2 className="card__title" id="rec-provenance">
        Where the details came from
      </h2>
      {error && <p className="muted">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">No details recorded yet.</p>}
      {rows && rows.length > 0 && (
        <table className="table provenance">
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">From</th>
              <th scope="col">Collected</th>
              <th scope="col">Last verified</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field}>
                <th scope="row">{r.label}</th>
                <td>{r.source}</td>
                <td>
                  {formatDay(r.collected_at)}
                  {r.collected_by && <span className="muted"> by {r.collected_by}</span>}
                </td>
                <td>{verifiedWords(r.verified_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
