// On the record: the values of the fields defined in the register (the organisation's custom
// fields and the profile fields), one card per category, in the register's order. Values of a
// field no longer collected are shown by RecordCompleteness, marked as kept but not collected.

import { fieldText } from '../../../shared/custom-fields';
import type { Customer } from '../../../shared/customer';
import { CATEGORIES, CATEGORY_LABELS } from '../../../shared/register';
import { useRegister } from '../register';

export function RecordFields({ customer }: { customer: Customer }) {
  const register = useRegister();
  if (!register || !customer.fields) return null;
  const shown = register.filter(
    (e) => e.kind !== null && e.priority !== 'not_collected' && fieldText(customer.fields?.[e.key]) !== '',
  );
  if (shown.length === 0) return null;
  return (
    <section className="card" aria-labelledby="rec-profile">
      <h2 className="card__title" id="rec-profile">
        Profile
      </h2>
      {CATEGORIES.map((category) => {
        const rows = shown.filter((e) => e.category === category);
        if (rows.length === 0) return null;
        return (
          <dl className="facts" key={category} aria-label={CATEGORY_LABELS[category]}>
            {rows.map((e) => (
              <div className="facts__row" key={e.key}>
                <dt>{e.label}</dt>
                <dd>{fieldText(customer.fields?.[e.key])}</dd>
              </div>
            ))}
          </dl>
        );
      })}
    </section>
  );
}
