// The segment builder's vocabulary: each kind of condition in plain words, grouped the way the
// standard talks about customers (where, who, what they care about, what they buy, how we know
// them), the condition a new row starts with, and what each condition's editor is given. The
// shapes themselves are shared/segments.ts.
import type { RegisterEntry } from '../../../shared/register';
import type { Condition } from '../../../shared/segments';

export type Kind = Condition['kind'];

export const KIND_GROUPS: { label: string; kinds: { kind: Kind; label: string }[] }[] = [
  {
    label: 'Where they are',
    kinds: [
      { kind: 'postcode', label: 'Postcode area, district or sector' },
      { kind: 'region', label: 'Region' },
      { kind: 'town', label: 'Town' },
    ],
  },
  {
    label: 'Who they are',
    kinds: [
      { kind: 'age_band', label: 'Age band' },
      { kind: 'customer_kind', label: 'Person or organisation' },
      { kind: 'field', label: 'A field of the register (interests, household …)' },
    ],
  },
  {
    label: 'What they buy',
    kinds: [
      { kind: 'bought', label: 'Bought an item or category' },
      { kind: 'purchases', label: 'Number of purchases or spend' },
      { kind: 'purchase_date', label: 'First or last purchase' },
      { kind: 'bought_via', label: 'Bought through a channel or at a venue' },
      { kind: 'rfm_group', label: 'RFM group (champions, loyal, at risk, lapsed …)' },
    ],
  },
  {
    label: 'How we know them',
    kinds: [
      { kind: 'source', label: 'Where the record came from' },
      { kind: 'record_date', label: 'Added, last checked or last active' },
      { kind: 'consent', label: 'Consent' },
      { kind: 'completeness', label: 'Completeness by the register’s must-haves' },
    ],
  },
];

export function startOf(kind: Kind): Condition {
  switch (kind) {
    case 'postcode':
      return { kind, level: 'area', values: [] };
    case 'region':
    case 'age_band':
      return { kind, values: [] } as Condition;
    case 'town':
    case 'source':
      return { kind, values: [] };
    case 'customer_kind':
      return { kind, value: 'person' };
    case 'field':
      return { kind, key: '', op: 'any_of', values: [] };
    case 'bought':
      return { kind, category: '', period: {}, min_times: 1 };
    case 'purchases':
      return { kind, measure: 'count', range: { min: 2 }, period: {} };
    case 'purchase_date':
      return { kind, which: 'last', period: {} };
    case 'bought_via':
      return { kind, by: 'channel', values: [], period: {} };
    case 'record_date':
      return { kind, which: 'created', period: {} };
    case 'consent':
      return { kind, channel: 'email', state: 'may_contact' };
    case 'rfm_group':
      return { kind, groups: [], period: {}, basis: 'purchases' };
    case 'completeness':
      return { kind, state: 'missing', percent: 100 };
  }
}

/** "BS, BA" → ['BS', 'BA']: lists are typed with commas. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** What a condition's editor is given: the condition and where its change goes. */
export type ConditionEditing<C extends Condition = Condition> = {
  cond: C;
  onChange: (cond: Condition) => void;
};

/** …and the register's fields, for the editors that offer them. */
export type ConditionProps<C extends Condition = Condition> = ConditionEditing<C> & { fields: RegisterEntry[] };
