// On the record: how many of the register's must-haves this customer has, which are missing,
// and any value kept for a field that is no longer collected (read-only, so a retired field
// never silently hides data that is still stored). Computed from the record and the register
// with the same helper the core uses to enforce must-haves.
import type { Customer } from '../../../shared/customer';
import { fieldValue, missingMustHaves } from '../../../shared/register';
import { useRegister } from '../register';

export function RecordCompleteness({ customer }: { customer: Customer }) {
  const register = useRegister();
  if (!register) return null;
  const must = register.filter((r) => r.priority === 'must_have');
  const missing = missingMustHaves(customer, register);
  const retired = register.filter((r) => r.priority === 'not_collected' && fieldValue(customer, r.key) !== '');
  if (must.length === 0 && retired.length === 0) return null;
  const have = must.length - missing.length;
  return (
    <section className="card completeness" aria-labelledby="rec-completeness">
      <h2 className="card__title" id="rec-completeness">
        Completeness
      </h2>
      {must.length > 0 && (
        <p className="completeness__score">
          <span className={`badge ${missing.length ? 'badge--warn' : 'badge--ok'}`}>
            {have} of {must.length} must-haves
          </span>
          {missing.length === 0 && <span className="muted"> Everything the organisation needs is recorded.</span>}
        </p>
      )}
      {missing.length > 0 && (
        <>
          <h3 className="completeness__sub" id="rec-missing">
            Missing
          </h3>
          <ul className="completeness__list" aria-labelledby="rec-missing">
            {missing.map((m) => (
              <li key={m.key}>
                {m.label}
                {m.purpose && <span className="muted"> — {m.purpose}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {retired.length > 0 && (
        <dl className="facts" aria-label="Kept but no longer collected">
          {retired.map((r) => (
            <div className="facts__row" key={r.key}>
              <dt>{r.label}</dt>
              <dd>
                {fieldValue(customer, r.key)} <span className="badge badge--muted">no longer collected</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
