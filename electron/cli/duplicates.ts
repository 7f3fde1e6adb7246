// custodian duplicates FILE --json: likely duplicates across the whole file.
import { err, needArgs, type Options, out } from './common';
import { call, withFile } from './open';

export async function duplicates(options: Options): Promise<void> {
  const [file] = needArgs(options, 1, 'duplicates FILE [--json]') as [string];
  await withFile(file, options, async (core, token) => {
    const scan = await call(core, token, 'duplicates.scan', { limit: 10_000 });
    const pairs = scan.pairs.map((p) => ({
      a: { id: p.a.id, ref: p.a.ref },
      b: { id: p.b.id, ref: p.b.ref },
      score: p.score,
      reasons: p.reasons,
    }));
    if (options.switches.has('json')) {
      out(JSON.stringify(pairs, null, 2));
      return;
    }
    if (pairs.length === 0) out(`No likely duplicates among ${scan.customers} customers.`);
    for (const p of scan.pairs) {
      out(`${p.score.toFixed(2)}  ${p.a.id} ${p.a.name} / ${p.b.id} ${p.b.name}`);
      for (const reason of p.reasons) out(`      ${reason}`);
    }
    for (const g of scan.large_groups) err(`note: ${g.description}`);
    if (scan.capped) err(`(showing the strongest ${scan.pairs.length} of ${scan.total} pairs)`);
  });
}
