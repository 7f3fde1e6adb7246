// The fields to hand over, nudged towards the least a request of this kind usually needs: the
// fixed fields, then the register's own, as the core offers them to this role; the fields the
// register keeps from this role are named as not offered.
import type { Output } from '../../../shared/contract';
import type { HandoverField } from '../../../shared/handover';
import { fieldLabels } from './labels';

type Props = {
  id: string;
  options: Output<'requests.options'>;
  fields: HandoverField[];
  minimum: number;
  onChange: (fields: HandoverField[]) => void;
};

export function FieldPicker({ id, options, fields, minimum, onChange }: Props) {
  const offered = options.fields;
  const toggle = (key: HandoverField, on: boolean) =>
    onChange(offered.filter((k) => (k === key ? on : fields.includes(k))));
  return (
    <fieldset className="choices" aria-describedby={`${id}-nudge`}>
      <legend className="field__label">Fields to hand over</legend>
      <p className={`nudge${fields.length > minimum ? ' nudge--more' : ''}`} id={`${id}-nudge`} aria-live="polite">
        Hand over only what this request needs — {fields.length} of {offered.length} fields
        {fields.length > minimum ? `; a request like this usually needs ${minimum}.` : '.'}
      </p>
      <div className="choices__grid">
        {offered.map((key) => (
          <label key={key} className="check check--strong">
            <input type="checkbox" checked={fields.includes(key)} onChange={(e) => toggle(key, e.target.checked)} />
            {options.labels[key] ?? key}
          </label>
        ))}
      </div>
      {options.withheld.length > 0 && (
        <p className="muted">
          Not offered: {fieldLabels(options.withheld, options.labels)}. The register does not let your role see{' '}
          {options.withheld.length === 1 ? 'it' : 'them'}.
        </p>
      )}
    </fieldset>
  );
}
