// One condition of a segment, edited in place: the inputs its kind needs, each labelled. Lists
// (postcodes, towns, sources, channels) are typed with commas; dates day first.
import { useId, useState } from 'react';
import { CHANNEL_NAMES, CONSENT_CHANNELS } from '../../../shared/consent';
import { AGE_BANDS, UK_REGIONS } from '../../../shared/geography';
import type { RegisterEntry } from '../../../shared/register';
import { CONSENT_STATES, type Condition, type Period } from '../../../shared/segments';
import { DateInput } from '../ui/DateInput';
import { splitList } from './conditions';

type Props<C extends Condition = Condition> = {
  cond: C;
  onChange: (cond: Condition) => void;
  fields: RegisterEntry[];
};

const CONSENT_STATE_LABELS: Record<(typeof CONSENT_STATES)[number], string> = {
  may_contact: 'may be contacted today (consent, address, not do-not-contact)',
  consented: 'gave consent (latest answer)',
  withdrawn: 'withdrew consent',
  never_given: 'never gave consent',
  do_not_contact: 'asked never to be contacted',
};

function ListInput({ label, values, onChange }: { label: string; values: string[]; onChange: (v: string[]) => void }) {
  const id = useId();
  const [text, setText] = useState(values.join(', '));
  return (
    <span className="seg__input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(splitList(e.target.value));
        }}
      />
    </span>
  );
}

function PeriodInput({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const id = useId();
  const set = (end: 'from' | 'to', value: string) => {
    const next = { ...period };
    if (value) next[end] = value;
    else delete next[end];
    onChange(next);
  };
  return (
    <>
      <span className="seg__input">
        <label htmlFor={`${id}-from`}>From</label>
        <DateInput id={`${id}-from`} value={period.from ?? ''} onChange={(v) => set('from', v)} />
      </span>
      <span className="seg__input">
        <label htmlFor={`${id}-to`}>To</label>
        <DateInput id={`${id}-to`} value={period.to ?? ''} onChange={(v) => set('to', v)} />
      </span>
    </>
  );
}

function Choices<T extends string>({
  legend,
  options,
  picked,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  picked: readonly string[];
  onChange: (v: T[]) => void;
}) {
  return (
    <fieldset className="seg__choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="check">
          <input
            type="checkbox"
            checked={picked.includes(o)}
            onChange={(e) =>
              onChange(e.target.checked ? [...(picked as T[]), o] : (picked as T[]).filter((p) => p !== o))
            }
          />{' '}
          {o}
        </label>
      ))}
    </fieldset>
  );
}

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <span className="seg__input">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </span>
  );
}

function NumberInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange: (v?: number) => void;
}) {
  const id = useId();
  return (
    <span className="seg__input">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input input--short"
        inputMode="numeric"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value.trim() === '' ? undefined : Number(e.target.value))}
      />
    </span>
  );
}

function FieldCondition({ cond, onChange, fields }: Props<Extract<Condition, { kind: 'field' }>>) {
  const field = fields.find((f) => f.key === cond.key);
  const numeric = field?.kind === 'number' || field?.kind === 'date';
  const ops = numeric
    ? ([
        ['at_least', 'is at least'],
        ['at_most', 'is at most'],
        ['is_set', 'is filled in'],
        ['not_set', 'is empty'],
      ] as const)
    : ([
        ['any_of', 'is any of'],
        ['all_of', 'includes all of'],
        ['is_set', 'is filled in'],
        ['not_set', 'is empty'],
      ] as const);
  return (
    <>
      <Select
        label="Field"
        value={cond.key}
        options={[['', 'Choose a field'] as const, ...fields.map((f) => [f.key, f.label] as const)]}
        onChange={(key) => onChange({ ...cond, key, op: 'any_of', values: [] })}
      />
      <Select label="Test" value={cond.op} options={ops} onChange={(op) => onChange({ ...cond, op, values: [] })} />
      {field && (cond.op === 'any_of' || cond.op === 'all_of') && field.choices.length > 0 && (
        <Choices
          legend="Values"
          options={field.choices}
          picked={cond.values}
          onChange={(values) => onChange({ ...cond, values })}
        />
      )}
      {field && (cond.op === 'any_of' || cond.op === 'all_of') && field.choices.length === 0 && (
        <ListInput
          label="Values (commas between)"
          values={cond.values}
          onChange={(values) => onChange({ ...cond, values })}
        />
      )}
      {field && (cond.op === 'at_least' || cond.op === 'at_most') && (
        <ListInput
          label="Value"
          values={cond.values}
          onChange={(values) => onChange({ ...cond, values: values.slice(0, 1) })}
        />
      )}
    </>
  );
}

export function ConditionEditor({ cond, onChange, fields }: Props) {
  switch (cond.kind) {
    case 'postcode':
      return (
        <>
          <Select
            label="Part"
            value={cond.level}
            options={[
              ['area', 'Area (BS)'],
              ['district', 'District (BS1)'],
              ['sector', 'Sector (BS1 4)'],
            ]}
            onChange={(level) => onChange({ ...cond, level })}
          />
          <ListInput
            label="Postcodes (commas between)"
            values={cond.values}
            onChange={(values) => onChange({ ...cond, values })}
          />
        </>
      );
    case 'region':
      return (
        <Choices
          legend="Regions"
          options={UK_REGIONS}
          picked={cond.values}
          onChange={(values) => onChange({ ...cond, values })}
        />
      );
    case 'town':
      return (
        <ListInput
          label="Towns (commas between)"
          values={cond.values}
          onChange={(values) => onChange({ ...cond, values })}
        />
      );
    case 'age_band':
      return (
        <Choices
          legend="Age bands"
          options={AGE_BANDS}
          picked={cond.values}
          onChange={(values) => onChange({ ...cond, values })}
        />
      );
    case 'customer_kind':
      return (
        <Select
          label="Is"
          value={cond.value}
          options={[
            ['person', 'a person'],
            ['organisation', 'an organisation'],
          ]}
          onChange={(value) => onChange({ ...cond, value })}
        />
      );
    case 'field':
      return <FieldCondition cond={cond} onChange={onChange} fields={fields} />;
    case 'bought':
      return (
        <>
          <ListInput
            label="Category"
            values={cond.category ? [cond.category] : []}
            onChange={(v) => onChange({ ...cond, category: v.join(', ') || undefined })}
          />
          <ListInput
            label="or item"
            values={cond.item ? [cond.item] : []}
            onChange={(v) => onChange({ ...cond, item: v.join(', ') || undefined })}
          />
          <PeriodInput period={cond.period} onChange={(period) => onChange({ ...cond, period })} />
          <NumberInput
            label="At least (times)"
            value={cond.min_times}
            onChange={(n) => onChange({ ...cond, min_times: n ?? 1 })}
          />
        </>
      );
    case 'purchases':
      return (
        <>
          <Select
            label="Measure"
            value={cond.measure}
            options={[
              ['count', 'Number of purchases'],
              ['spend_pence', 'Spend in pence'],
            ]}
            onChange={(measure) => onChange({ ...cond, measure })}
          />
          <NumberInput
            label="At least"
            value={cond.range.min}
            onChange={(min) => onChange({ ...cond, range: { ...cond.range, min } })}
          />
          <NumberInput
            label="At most"
            value={cond.range.max}
            onChange={(max) => onChange({ ...cond, range: { ...cond.range, max } })}
          />
          <PeriodInput period={cond.period} onChange={(period) => onChange({ ...cond, period })} />
        </>
      );
    case 'purchase_date':
      return (
        <>
          <Select
            label="Which"
            value={cond.which}
            options={[
              ['first', 'First purchase'],
              ['last', 'Last purchase'],
            ]}
            onChange={(which) => onChange({ ...cond, which })}
          />
          <PeriodInput period={cond.period} onChange={(period) => onChange({ ...cond, period })} />
        </>
      );
    case 'bought_via':
      return (
        <>
          <Select
            label="Through"
            value={cond.by}
            options={[
              ['channel', 'Sales channel'],
              ['venue', 'Venue'],
            ]}
            onChange={(by) => onChange({ ...cond, by })}
          />
          <ListInput
            label="Names (commas between)"
            values={cond.values}
            onChange={(values) => onChange({ ...cond, values })}
          />
          <PeriodInput period={cond.period} onChange={(period) => onChange({ ...cond, period })} />
        </>
      );
    case 'source':
      return (
        <ListInput
          label="Sources (commas between)"
          values={cond.values}
          onChange={(values) => onChange({ ...cond, values })}
        />
      );
    case 'record_date':
      return (
        <>
          <Select
            label="Date"
            value={cond.which}
            options={[
              ['created', 'Added'],
              ['last_verified', 'Last checked with them'],
              ['last_activity', 'Last active'],
            ]}
            onChange={(which) => onChange({ ...cond, which })}
          />
          <PeriodInput period={cond.period} onChange={(period) => onChange({ ...cond, period })} />
        </>
      );
    case 'consent':
      return (
        <>
          <Select
            label="Channel"
            value={cond.channel}
            options={CONSENT_CHANNELS.map((c) => [c, CHANNEL_NAMES[c]] as const)}
            onChange={(channel) => onChange({ ...cond, channel })}
          />
          <Select
            label="Who"
            value={cond.state}
            options={CONSENT_STATES.map((s) => [s, CONSENT_STATE_LABELS[s]] as const)}
            onChange={(state) => onChange({ ...cond, state })}
          />
        </>
      );
  }
}
