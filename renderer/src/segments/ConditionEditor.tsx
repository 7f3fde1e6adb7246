// One condition of a segment, edited in place: the inputs its kind needs, each labelled. Lists
// (postcodes, towns, sources, channels) are typed with commas; dates day first.
import { CHANNEL_NAMES, CONSENT_CHANNELS } from '../../../shared/consent';
import { AGE_BANDS, UK_REGIONS } from '../../../shared/geography';
import type { RegisterEntry } from '../../../shared/register';
import { RFM_GROUP_LABELS, RFM_GROUPS } from '../../../shared/rfm';
import { COMPLETENESS_STATES, CONSENT_STATES, type Condition } from '../../../shared/segments';
import { Choices, ListInput, NumberInput, PeriodInput, Select } from './inputs';

type Props<C extends Condition = Condition> = {
  cond: C;
  onChange: (cond: Condition) => void;
  fields: RegisterEntry[];
};

const COMPLETENESS_LABELS: Record<(typeof COMPLETENESS_STATES)[number], string> = {
  complete: 'has every must-have of the register',
  missing: 'is missing one or more must-haves',
  at_least: 'holds at least a share of the must-haves',
};

const CONSENT_STATE_LABELS: Record<(typeof CONSENT_STATES)[number], string> = {
  may_contact: 'may be contacted today (consent, address, not do-not-contact)',
  consented: 'gave consent (latest answer)',
  withdrawn: 'withdrew consent',
  never_given: 'never gave consent',
  do_not_contact: 'asked never to be contacted',
};

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
    case 'rfm_group':
      return (
        <>
          <Choices
            legend="RFM groups"
            options={RFM_GROUPS}
            labels={RFM_GROUP_LABELS}
            picked={cond.groups}
            onChange={(groups) => onChange({ ...cond, groups })}
          />
          <Select
            label="Counting"
            value={cond.basis}
            options={[
              ['purchases', 'every purchase'],
              ['bookings', 'bookings and attendance only'],
            ]}
            onChange={(basis) => onChange({ ...cond, basis })}
          />
          <PeriodInput period={cond.period} onChange={(period) => onChange({ ...cond, period })} />
        </>
      );
    case 'completeness':
      return (
        <>
          <Select
            label="The record"
            value={cond.state}
            options={COMPLETENESS_STATES.map((s) => [s, COMPLETENESS_LABELS[s]] as const)}
            onChange={(state) => onChange({ ...cond, state })}
          />
          {cond.state === 'at_least' && (
            <NumberInput
              label="Per cent held"
              value={cond.percent}
              onChange={(percent) => onChange({ ...cond, percent: percent ?? 100 })}
            />
          )}
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
