// The sources register: for every collection channel (the counter, events, the phone, customer
// requests, and each import source) what it has yielded — records, how many are complete in
// their must-haves, values refused on the way in, duplicates found — and, where the owner
// entered what the channel cost, the cost per complete record. Complete means every must-have of
// the register (register.service.ts mustHaveTests, the same test as the missing list). The record
// form says which channel a record came through (its `collected_via`, stored as the record's source).
import type { Input, Output } from '../../../shared/contract';
import { CHANNELS } from '../../../shared/contract/sources';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { readMustHaveTests } from '../register/register.service';
import { importYields, recordsBySource, setCost, sourceCosts } from './sources.queries';

const LABELS: Record<string, string> = {
  counter: 'At the counter',
  event: 'At an event',
  phone: 'By phone',
  request: 'Customer request',
};

type Tally = { records: number; complete: number; invalid: number; duplicates: number };

export function listSources(ctx: Context): Output<'sources.list'> {
  const tallies = new Map<string, Tally>();
  const tally = (source: string) => {
    let t = tallies.get(source);
    if (!t) {
      t = { records: 0, complete: 0, invalid: 0, duplicates: 0 };
      tallies.set(source, t);
    }
    return t;
  };
  for (const c of CHANNELS) tally(c);
  // The must-have tests are built from the register (column names from shared/fields.ts, keys bound).
  const must = readMustHaveTests(ctx.db);
  const records = recordsBySource(
    ctx.db,
    must.map((m) => m.test),
  );
  for (const r of records) Object.assign(tally(r.source), { records: r.records, complete: r.complete ?? 0 });
  const imports = importYields(ctx.db);
  for (const r of imports) Object.assign(tally(r.source), { invalid: r.invalid, duplicates: r.duplicates });
  const costs = new Map(sourceCosts(ctx.db).map((c) => [c.source, c.cost_pence]));
  for (const source of costs.keys()) tally(source);
  return [...tallies.entries()].map(([source, t]) => {
    const cost = costs.get(source) ?? null;
    return {
      source,
      label:
        LABELS[source] ??
        (source.startsWith('import:')
          ? `Import: ${source.slice(7)}`
          : source.startsWith('event:')
            ? `Event pack: ${source.slice(6)}`
            : source),
      ...t,
      completeness: t.records === 0 ? 0 : t.complete / t.records,
      cost_pence: cost,
      cost_per_complete_pence: cost === null || t.complete === 0 ? null : cost / t.complete,
    };
  });
}

export function setSourceCost(ctx: Context, input: Input<'sources.setCost'>): Output<'sources.setCost'> {
  ctx.db.transaction(() => {
    setCost(ctx.db, input.source, input.cost_pence, input.note ?? '', ctx.now());
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'sources.cost',
      detail: { source: input.source, cost_pence: input.cost_pence },
    });
  })();
  return { source: input.source, cost_pence: input.cost_pence };
}
