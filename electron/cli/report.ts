// custodian report FILE rfm|sales [--by month|category|item|weekday|channel|venue|region|age_band] [--json]:
// the buying-pattern figures the Reports page shows, as a table or JSON. Aggregates only.
import { SALES_BY, type SalesBy } from '../../shared/contract/reports';
import { formatPence } from '../../shared/format';
import { needArgs, type Options, out, UsageError } from './common';
import { call, withFile } from './open';

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  out(line(head));
  for (const r of rows) out(line(r));
}

export async function report(options: Options): Promise<void> {
  const [file, kind] = needArgs(options, 2, 'report FILE rfm|sales [--by KEY] [--json]') as [string, string];
  if (kind !== 'rfm' && kind !== 'sales') throw new UsageError(`Unknown report "${kind}": choose rfm or sales.`);
  const by = (options.values.get('by') ?? 'month') as SalesBy;
  if (!SALES_BY.includes(by)) throw new UsageError(`--by is one of ${SALES_BY.join(', ')}.`);
  const json = options.switches.has('json');
  await withFile(file, options, async (core, token) => {
    if (kind === 'rfm') {
      const r = await call(core, token, 'reports.rfm', { period: {} });
      if (json) {
        out(JSON.stringify(r, null, 2));
        return;
      }
      table(
        ['Group', 'Customers', 'Spend'],
        r.groups.map((g) => [g.label, g.customers.toLocaleString('en-GB'), formatPence(g.spend_pence)]),
      );
      return;
    }
    const r = await call(core, token, 'reports.sales', { by });
    if (json) {
      out(JSON.stringify(r, null, 2));
      return;
    }
    table(
      [by, 'Customers', 'Purchases', 'Amount'],
      r.rows.map((row) => [
        row.label,
        row.customers.toLocaleString('en-GB'),
        row.purchases.toLocaleString('en-GB'),
        formatPence(row.amount_pence),
      ]),
    );
    if (r.erased.purchases > 0)
      out(
        `Customers since erased (totals only): ${r.erased.purchases.toLocaleString('en-GB')} purchases, ${formatPence(r.erased.amount_pence)}`,
      );
  });
}
