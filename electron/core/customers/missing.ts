// The records that lack one of the register's must-haves (customers.missing), for the
// completeness worklist.
import type { Input, Output } from '../../../shared/contract';
import { appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { mustHaveTests, readRegister } from '../register/register.queries';
import { flagName, summariesWhereAny, toSummary } from './summary.queries';

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
  const rows = summariesWhereAny(
    ctx.db,
    fields.map((f) => f.test),
    input.include_archived === true,
    limit,
  );
  // A list of people is a read of personal data, recorded like a search.
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customers.missing',
    detail: { results: Math.min(rows.length, limit) },
  });
  return {
    items: rows.slice(0, limit).map((r) => ({
      ...toSummary(r),
      missing: fields.filter((_, i) => r[flagName(i).text] === 1).map((f) => f.label),
    })),
    capped: rows.length > limit,
    must_haves: must.map((e) => e.label),
  };
}
