// custodian retention FILE: records and values kept past their retention, erased for real.
import { plural } from '../../shared/format';
import { err, needArgs, type Options, out } from './common';
import { call, withFile } from './open';

export async function retention(options: Options): Promise<number> {
  const [file] = needArgs(options, 1, 'retention FILE [--dry-run] [--json]') as [string];
  const json = options.switches.has('json');
  return withFile(file, options, async (core, token) => {
    const review = await call(core, token, 'retention.review', { limit: 10_000 });
    if (options.switches.has('dry-run')) {
      if (json) out(JSON.stringify({ records: review.items, values: review.values }, null, 2));
      else if (review.items.length === 0 && review.values.length === 0)
        out('No records or values are due for deletion.');
      else {
        for (const r of review.items) {
          out(`${r.id}\t${r.ref}\t${r.rule}\t${r.reason}${r.blocked ? ` (kept for now: ${r.blocked})` : ''}`);
        }
        for (const v of review.values) {
          out(`${v.customer_id}\t${v.ref}\t${v.field}\t${v.reason}${v.blocked ? ` (kept for now: ${v.blocked})` : ''}`);
        }
        out(
          `${plural(review.total, 'record')} and ${review.values.length}${
            review.values_capped ? ' or more' : ''
          } value${review.values.length === 1 ? '' : 's'} past their field's retention would be erased (dry run: nothing was changed).`,
        );
      }
      return 0;
    }
    const ids = review.items.filter((r) => !r.blocked).map((r) => r.id);
    const blocked = review.items.filter((r) => r.blocked).map((r) => ({ id: r.id, message: r.blocked }));
    const result =
      ids.length > 0
        ? await call(core, token, 'retention.erase', { ids, reason: 'Retention rules (command line)' })
        : { erased: [], failed: [], totals: {} };
    // Values of records erased just now went with them. The review lists up to its limit: erase,
    // and review again while more are due and some went.
    const gone = new Set(result.erased.map((e) => e.id));
    const fields: { erased: number; failed: { id: number; field: string; message: string }[] } = {
      erased: 0,
      failed: [],
    };
    const held = new Map<string, { id: number; field: string; message: string }>();
    for (let round = review; ; round = await call(core, token, 'retention.review', { limit: 10_000 })) {
      for (const v of round.values.filter((x) => x.blocked))
        held.set(`${v.customer_id} ${v.field}`, { id: v.customer_id, field: v.field, message: v.blocked });
      const values = round.values
        .filter((v) => !v.blocked && !gone.has(v.customer_id))
        .map((v) => ({ customer_id: v.customer_id, field: v.field }));
      if (values.length === 0) break;
      const done = await call(core, token, 'retention.eraseValues', {
        values,
        reason: 'Field retention (command line)',
      });
      fields.erased += done.erased.length;
      for (const f of done.failed) fields.failed.push({ id: f.customer_id, field: f.field, message: f.message });
      if (!round.values_capped || done.erased.length === 0) break;
    }
    const failed = [...blocked, ...result.failed, ...held.values(), ...fields.failed];
    const counts: Record<string, number> = {};
    for (const e of result.erased) counts[e.rule] = (counts[e.rule] ?? 0) + 1;
    if (json)
      out(JSON.stringify({ erased: counts, values_erased: fields.erased, failed, totals: result.totals }, null, 2));
    else {
      out(`Erased ${plural(result.erased.length, 'record')}.`);
      for (const [rule, n] of Object.entries(counts)) out(`  ${rule}: ${n}`);
      out(`Erased ${plural(fields.erased, 'value')} past their field's retention.`);
      for (const f of failed) err(`kept ${f.id}${'field' in f ? ` ${f.field}` : ''}: ${f.message}`);
    }
    // Records and values kept back by an open request are expected; only an erasure that failed is an error.
    return result.failed.length > 0 || fields.failed.length > 0 ? 1 : 0;
  });
}
