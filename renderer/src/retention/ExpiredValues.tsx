// Values held past their own field's retention, chosen one by one and erased while their records stay.
import { useState } from 'react';
import type { Output } from '../../../shared/contract';
import { plural } from '../format';
import { toggled } from '../ui/toggled';
import { ChooseCell, CustomerCell, EraseBar, ReasonCell } from './EraseChoice';
import { EraseValuesDialog, type ExpiredValue, valueKey } from './EraseDialogs';

/** Values held past their own field's retention: chosen one by one, erased while the records stay. */
export function ExpiredValues(props: { values: ExpiredValue[]; capped: boolean; onErased: () => void }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Output<'retention.eraseValues'> | null>(null);

  const selected = props.values.filter((v) => chosen.has(valueKey(v)));
  return (
    <section aria-labelledby="expired-values-title">
      <h3 id="expired-values-title">Values kept past their field’s retention</h3>
      <p className="muted">
        Each field’s retention is set in the register and counted from when the value was collected. Erasing removes
        just that value, for good; the rest of the record stays.
      </p>
      {outcome && (
        <div className="banner banner--ok" role="status">
          Erased {plural(outcome.erased.length, 'value')}.
          {outcome.failed.map((f) => ` Record ${f.customer_id} ${f.field} kept: ${f.message}`).join('')}
        </div>
      )}
      {props.values.length === 0 && <p className="muted">No values are past their retention.</p>}
      {props.values.length > 0 && (
        <table className="table" aria-labelledby="expired-values-title">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Choose</span>
              </th>
              <th scope="col">Customer</th>
              <th scope="col">Field</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {props.values.map((v) => {
              const key = valueKey(v);
              return (
                <tr key={key}>
                  <ChooseCell
                    id={`erase-value-${key}`}
                    label={`Erase ${v.label} of ${v.name}`}
                    checked={chosen.has(key)}
                    blocked={v.blocked}
                    onToggle={() => setChosen((c) => toggled(c, key))}
                  />
                  <CustomerCell id={v.customer_id} name={v.name} />
                  <td>{v.label}</td>
                  <ReasonCell reason={v.reason} blocked={v.blocked} />
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.capped && (
        <p className="muted">
          Showing the oldest {props.values.length}; more are due. Erase these, then the next ones are shown.
        </p>
      )}
      {props.values.length > 0 && (
        <EraseBar chosen={selected.length} label="Erase selected values" onErase={() => setConfirming(true)} />
      )}
      {confirming && (
        <EraseValuesDialog
          values={selected}
          onClose={() => setConfirming(false)}
          onErased={(result) => {
            setConfirming(false);
            setOutcome(result);
            setChosen(new Set());
            props.onErased();
          }}
        />
      )}
    </section>
  );
}
