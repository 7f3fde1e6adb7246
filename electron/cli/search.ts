// custodian search FILE QUERY: the counter search, as a table or JSON.
import type { CustomerSummary } from '../../shared/customer';
import { needArgs, type Options, out, UsageError } from './common';
import { call, withFile } from './open';

export async function search(options: Options): Promise<void> {
  const [file, query] = needArgs(options, 2, 'search FILE QUERY [--json]') as [string, string];
  const limitText = options.values.get('limit') ?? '50';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new UsageError('--limit must be a whole number from 1 to 200.');
  await withFile(file, options, async (core, token) => {
    const result = await call(core, token, 'search.query', {
      q: query,
      limit,
      include_archived: options.switches.has('include-archived'),
    });
    if (options.switches.has('json')) {
      out(JSON.stringify(result.items, null, 2));
      return;
    }
    if (result.items.length === 0) {
      out(`No customers match "${query}".`);
      return;
    }
    printTable(result.items);
    if (result.capped) out(`(showing the first ${result.items.length}: type more to narrow the search)`);
  });
}

function printTable(items: CustomerSummary[]): void {
  const rows = items.map((c) => [
    c.ref,
    [c.title, c.preferred_name || c.given_name, c.family_name].filter(Boolean).join(' ') +
      (c.archived ? ' (archived)' : ''),
    c.email,
    c.phone,
    c.postcode,
    c.town,
  ]);
  const head = ['Ref', 'Name', 'Email', 'Phone', 'Postcode', 'Town'];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] as string).length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.slice(0, widths[i]).padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  out(line(head));
  for (const r of rows) out(line(r));
}
