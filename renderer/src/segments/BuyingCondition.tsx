// A condition on what a customer buys (an item or category, how often or how much, first or
// last purchase, channel or venue, RFM group), edited in place; periods are typed day first.
import { RFM_GROUP_LABELS, RFM_GROUPS } from '../../../shared/rfm';
import type { Condition } from '../../../shared/segments';
import type { ConditionEditing } from './conditions';
import { Choices, ListInput, NumberInput, PeriodInput, Select } from './inputs';

/** What they buy. */
export function BuyingCondition({
  cond,
  onChange,
}: ConditionEditing<
  Extract<Condition, { kind: 'bought' | 'purchases' | 'purchase_date' | 'bought_via' | 'rfm_group' }>
>) {
  switch (cond.kind) {
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
  }
}
