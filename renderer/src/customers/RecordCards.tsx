// The record's four cards: contact (emails and phones), addresses, personal details and notes.
import type { Customer } from '../../../shared/customer';
import { formatBirthDate } from '../format';
import { AddressMeta, AgeBandFact } from './RecordProfileDetails';

export function RecordCards({ customer: c }: { customer: Customer }) {
  return (
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
