// Per-field retention: the register keeps a retention period for every field, and a value held
// longer than that is listed by the retention review and erased for real on request while the
// rest of the record stays (customers/erase.ts eraseValue). The period runs from the later of
// when the value was collected (its provenance in value_provenance, or the record's creation for
// a value collected with it) and the customer's last activity of any kind (customers
// .last_activity_at, the same rule as the record's review): a customer who still buys every year
// keeps their email, and a value is not offered for erasure while the relationship is alive.
// Must-haves are left to the record's own retention: a record cannot be kept without them.

import { activityInWords, dayInWords } from '../../../shared/activity';
import type { Input } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { ExpiredValue } from '../../../shared/contract/retention';
import { displayName } from '../../../shared/customer';
import type { RegisterEntry } from '../../../shared/register';
import type { Context } from '../context';
import { customerExists } from '../customers/customers.queries';
import { eraseValue } from '../customers/erase';
import { monthsBefore } from '../quality/freshness';
import { readRegister } from '../register/register.queries';
import { type ExpiredRow, expiredValues, holdsTest } from './field-retention.queries';

type Row = ExpiredRow;

/** The fields whose values are erased when they outlive their retention: all but the must-haves. */
function retainedFields(ctx: Context): RegisterEntry[] {
  return readRegister(ctx.db).filter((e) => e.priority !== 'must_have' && (e.kind !== null || holdsTest(e.key)));
}

function expired(ctx: Context, field: RegisterEntry, limit: number, id?: number): Row[] {
  const cutoff = monthsBefore(ctx.now(), field.retention_months);
  return expiredValues(ctx.db, { key: field.key, builtIn: field.kind === null }, cutoff, limit, id);
}

function toItem(field: RegisterEntry, row: Row): ExpiredValue {
  const months = field.retention_months;
  const from = row.last_activity_at > row.collected_at ? row.last_activity_at : row.collected_at;
  const until = monthsBefore(from, -months);
  const since =
    from === row.collected_at ? '' : ` and counted from the customer's ${activityInWords(row.last_activity, from)}`;
  return {
    customer_id: row.id,
    ref: row.ref,
    name: displayName(row),
    field: field.key,
    label: field.label,
    collected_at: row.collected_at,
    retention_months: months,
    reason: `${field.label} collected ${dayInWords(row.collected_at)}, kept ${months} months${since}: due for erasure since ${dayInWords(until)}.`,
    blocked:
      row.open_request === null
        ? ''
        : `Open information request number ${row.open_request}: finish or refuse it first.`,
  };
}

/**
 * Values past their field's retention, up to `limit` (the first of each field, by record), oldest
 * collected first; `capped` when there are more, to erase and review again.
 */
export function findExpiredValues(ctx: Context, limit: number): { values: ExpiredValue[]; capped: boolean } {
  const values: ExpiredValue[] = [];
  for (const field of retainedFields(ctx)) {
    const rows = expired(ctx, field, limit + 1);
    for (const row of rows) values.push(toItem(field, row));
  }
  values.sort((a, b) => a.collected_at.localeCompare(b.collected_at) || a.customer_id - b.customer_id);
  return { values: values.slice(0, limit), capped: values.length > limit };
}

type ValueOutcome =
  | { ok: true; customer_id: number; field: string }
  | { ok: false; customer_id: number; field: string; message: string };

/** Erase one value if it is still past its retention (checked again now); the caller audits. */
export function eraseExpiredValue(ctx: Context, value: Input<'retention.eraseValues'>['values'][number]): ValueOutcome {
  const { customer_id, field: key } = value;
  const field = retainedFields(ctx).find((f) => f.key === key);
  const refuse = (message: string): ValueOutcome => ({ ok: false, customer_id, field: key, message });
  if (!field) return refuse('That field has no retention to enforce (it is a must-have, or not in the register).');
  const row = expired(ctx, field, 1, customer_id)[0];
  if (!row) {
    const exists = customerExists(ctx.db, customer_id);
    return refuse(
      exists
        ? 'No longer past its retention (collected again, or already blank since the review): kept.'
        : 'That record does not exist (it may have been erased).',
    );
  }
  const item = toItem(field, row);
  if (item.blocked) return refuse(item.blocked);
  try {
    ctx.db.transaction(() => eraseValue(ctx, customer_id, key, field.kind === null))();
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    return refuse(error.message);
  }
  return { ok: true, customer_id, field: key };
}
