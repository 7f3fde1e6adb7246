// A condition on how we know a customer (where the record came from, when it was added, checked
// or last active, consent on a channel, completeness by the register's must-haves), edited in place.
import { CHANNEL_NAMES, CONSENT_CHANNELS } from '../../../shared/consent';
import { COMPLETENESS_STATES, CONSENT_STATES, type Condition } from '../../../shared/segments';
import type { ConditionEditing } from './conditions';
import { ListInput, NumberInput, PeriodInput, Select } from './inputs';

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

/** How we know them. */
export function RecordCondition({
  cond,
  onChange,
}: ConditionEditing<Extract<Condition, { kind: 'completeness' | 'source' | 'record_date' | 'consent' }>>) {
  switch (cond.kind) {
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
