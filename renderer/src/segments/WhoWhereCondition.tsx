// A condition on where a customer is (postcode, region, town) or who they are (age band, person
// or organisation, a field of the register), edited in place with labelled inputs.
import { AGE_BANDS, UK_REGIONS } from '../../../shared/geography';
import type { Condition } from '../../../shared/segments';
import type { ConditionProps } from './conditions';
import { Choices, ListInput, Select } from './inputs';

function FieldCondition({ cond, onChange, fields }: ConditionProps<Extract<Condition, { kind: 'field' }>>) {
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

/** Where they are and who they are. */
export function WhoWhereCondition({
  cond,
  onChange,
  fields,
}: ConditionProps<
  Extract<Condition, { kind: 'postcode' | 'region' | 'town' | 'age_band' | 'customer_kind' | 'field' }>
>) {
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
  }
}
