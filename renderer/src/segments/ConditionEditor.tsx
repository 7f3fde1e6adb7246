// One condition of a segment, edited in place: the inputs its kind needs, each labelled, from the
// editor for its group (where and who, what they buy, how we know them). Lists (postcodes, towns,
// sources, channels) are typed with commas; dates day first.
import { BuyingCondition } from './BuyingCondition';
import type { ConditionProps } from './conditions';
import { RecordCondition } from './RecordCondition';
import { WhoWhereCondition } from './WhoWhereCondition';

export function ConditionEditor({ cond, onChange, fields }: ConditionProps) {
  switch (cond.kind) {
    case 'postcode':
    case 'region':
    case 'town':
    case 'age_band':
    case 'customer_kind':
    case 'field':
      return <WhoWhereCondition cond={cond} onChange={onChange} fields={fields} />;
    case 'bought':
    case 'purchases':
    case 'purchase_date':
    case 'bought_via':
    case 'rfm_group':
      return <BuyingCondition cond={cond} onChange={onChange} />;
    case 'completeness':
    case 'source':
    case 'record_date':
    case 'consent':
      return <RecordCondition cond={cond} onChange={onChange} />;
  }
}
