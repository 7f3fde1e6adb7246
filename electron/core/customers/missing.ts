// The records that lack one of the register's must-haves (customers.missing), for the
// completeness worklist.
import type { Input, Output } from '../../../shared/contract';
import { appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { prepare } from '../db/sql';
import { mustHaveTests, readRegister } from '../register/register.service';

type MissingRow = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  email: string;
  phone: string;
  postcode: string;
  town: string;
  archived: number;
} & Record<string, unknown>;

/**
 * Records that lack a must-have, most recently updated first. A scan with a LIMIT over the
 * summary columns (the same ones the completeness counters read); the column names come from
 * shared/fields.ts, never from input, so splicing them into the text is safe.
 */
export function listMissing(ctx: Context, input: Input<'customers.missing'>): Output<'customers.missing'> {
  const limit = input.limit ?? 200;
  const must = readRegister(ctx.db).filter((e) => e.priority === 'must_have');
  const fields = mustHaveTests(must);
  if (fields.length === 0) return { items: [], capped: false, must_haves: [] };
  const flags = fields.map((f, i) => `${f.test} AS m${i}`).join(', ');
  const params = fields.flatMap((f) => f.params);
  const rows = prepare(
    ctx.db,
    `SELECT id, coalesce(ref, '') AS ref, title, given_name, family_name, preferred_name, archived,
       summary_email AS email, summary_phone AS phone, summary_postcode AS postcode, summary_town AS town, ${flags}
     FROM customers
     WHERE (archived = 0 OR ?) AND (${fields.map((f) => f.test).join(' OR ')})
     ORDER BY updated_at DESC, id DESC LIMIT ?`,
  ).all(...params, input.include_archived ? 1 : 0, ...params, limit + 1) as MissingRow[];
  // A list of people is a read of personal data, recorded like a search.
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customers.missing',
    detail: { results: Math.min(rows.length, limit) },
  });
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      ref: r.ref,
      title: r.title,
      given_name: r.given_name,
      family_name: r.family_name,
      preferred_name: r.preferred_name,
      email: r.email,
      phone: r.phone,
      postcode: r.postcode,
      town: r.town,
      archived: r.archived === 1,
      missing: fields.filter((_, i) => r[`m${i}`] === 1).map((f) => f.label),
    })),
    capped: rows.length > limit,
    must_haves: must.map((e) => e.label),
  };
}
