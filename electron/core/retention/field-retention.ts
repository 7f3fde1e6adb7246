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
import { COMPLETENESS_FIELDS } from '../../../shared/fields';
import type { RegisterEntry } from '../../../shared/register';
import type { Context } from '../context';
import { eraseValue } from '../customers/erase';
import { prepare } from '../db/sql';
import { monthsBefore } from '../quality/freshness';
import { readRegister } from '../register/register.service';

/**
 * "This record holds a value in the field", per built-in register key, over customers `c`. Fixed
 * texts (never from input), so splicing them is safe; email, phone, postcode and town look at
 * every entry, since erasing the field blanks them all.
 */
const HOLDS: Record<string, string> = {
  ...Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f.key, `c.${f.column} <> ''`])),
  ref: "coalesce(c.ref, '') <> ''",
  email: 'EXISTS (SELECT 1 FROM customer_emails x WHERE x.customer_id = c.id)',
  phone: 'EXISTS (SELECT 1 FROM customer_phones x WHERE x.customer_id = c.id)',
  postcode: "EXISTS (SELECT 1 FROM customer_addresses x WHERE x.customer_id = c.id AND x.postcode <> '')",
  town: "EXISTS (SELECT 1 FROM customer_addresses x WHERE x.customer_id = c.id AND x.town <> '')",
};

type Row = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  kind: string;
  organisation_name: string;
  collected_at: string;
  last_activity_at: string;
  last_activity: string;
  open_request: number | null;
};

/**
 * The values of one field collected before the cutoff, in record order. A value's collection is
 * never before its record's creation, so newer records are passed over at once; a register-defined
 * field is read from its own values (indexed by field), not from every record. No count and no
 * sort over the whole file: the review takes the first ones and says when there are more.
 */
function expiredText(field: RegisterEntry, one: boolean): string {
  const source =
    field.kind === null
      ? `FROM customers c LEFT JOIN value_provenance p ON p.customer_id = c.id AND p.field_key = ?
    WHERE c.created_at < ? AND coalesce(p.collected_at, c.created_at) < ? AND c.last_activity_at < ? AND ${HOLDS[field.key]}`
      : `FROM customer_values v JOIN customers c ON c.id = v.customer_id
    LEFT JOIN value_provenance p ON p.customer_id = c.id AND p.field_key = v.field_key
    WHERE v.field_key = ? AND c.created_at < ? AND coalesce(p.collected_at, c.created_at) < ? AND c.last_activity_at < ?`;
  return `SELECT c.id, coalesce(c.ref, '') AS ref, c.title, c.given_name, c.family_name, c.preferred_name, c.kind,
      c.organisation_name, coalesce(p.collected_at, c.created_at) AS collected_at, c.last_activity_at, c.last_activity,
      (SELECT min(r.id) FROM info_requests r WHERE r.customer_id = c.id
        AND r.status NOT IN ('confirmed', 'refused')) AS open_request
    ${source}${one ? ' AND c.id = ?' : ''} ORDER BY c.id LIMIT ?`;
}

/** The fields whose values are erased when they outlive their retention: all but the must-haves. */
function retainedFields(ctx: Context): RegisterEntry[] {
  return readRegister(ctx.db).filter(
    (e) => e.priority !== 'must_have' && (e.kind !== null || HOLDS[e.key] !== undefined),
  );
}

function params(ctx: Context, field: RegisterEntry, id?: number): unknown[] {
  const cutoff = monthsBefore(ctx.now(), field.retention_months);
  return [field.key, cutoff, cutoff, cutoff, ...(id === undefined ? [] : [id])];
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
    const rows = prepare(ctx.db, expiredText(field, false)).all(...params(ctx, field), limit + 1) as Row[];
    for (const row of rows) values.push(toItem(field, row));
  }
  values.sort((a, b) => a.collected_at.localeCompare(b.collected_at) || a.customer_id - b.customer_id);
  return { values: values.slice(0, limit), capped: values.length > limit };
}

export type ValueOutcome =
  | { ok: true; customer_id: number; field: string }
  | { ok: false; customer_id: number; field: string; message: string };

/** Erase one value if it is still past its retention (checked again now); the caller audits. */
export function eraseExpiredValue(ctx: Context, value: Input<'retention.eraseValues'>['values'][number]): ValueOutcome {
  const { customer_id, field: key } = value;
  const field = retainedFields(ctx).find((f) => f.key === key);
  const refuse = (message: string): ValueOutcome => ({ ok: false, customer_id, field: key, message });
  if (!field) return refuse('That field has no retention to enforce (it is a must-have, or not in the register).');
  const row = prepare(ctx.db, expiredText(field, true)).get(...params(ctx, field, customer_id), 1) as Row | undefined;
  if (!row) {
    const exists = prepare(ctx.db, 'SELECT 1 FROM customers WHERE id = ?').get(customer_id) !== undefined;
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
