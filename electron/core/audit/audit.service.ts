// The audit trail as a person reads it: a page of entries narrowed by person, customer, kind of
// action and days, each with its label, the customer's name (as this role may see it; "erased
// customer" once erased) and its details in words (shared/audit-actions.ts).
import { actionsOfKind, auditLabel, describeAudit } from '../../../shared/audit-actions';
import type { Output, Parsed } from '../../../shared/contract';
import { type CustomerSummary, displayName } from '../../../shared/customer';
import type { Context } from '../context';
import { visibleSummaries } from '../customers/details.service';
import { flushAudit } from './audit';
import { type AuditRow, customersByIds, erasedIds, findAuditEntries, mergedAwayIds } from './audit.queries';

/** The first instant of a calendar day in this computer's time zone, the one the screen shows times in. */
function startOfDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

const aboutCustomer = (row: AuditRow) =>
  row.entity_id !== null && (row.entity === 'customer' || row.entity === 'tombstone');

/** The names of the customers on file among `ids`, as this role may see them. */
function namesOnFile(ctx: Context, ids: number[]): Map<number, string> {
  const names = new Map<number, string>();
  const onFile = customersByIds(ctx.db, ids);
  // Hidden name fields stay hidden here too: the register's who-may-see applies to the log.
  const shown = visibleSummaries(
    ctx,
    onFile.map(
      (c): CustomerSummary => ({
        ...c,
        email: '',
        phone: '',
        postcode: '',
        town: '',
        archived: false,
        kind: c.kind === 'organisation' ? 'organisation' : 'person',
      }),
    ),
  );
  for (const c of shown) {
    const name = displayName(c);
    names.set(c.id, name === '(no name)' ? (c.ref ? `customer ${c.ref}` : `record ${c.id}`) : name);
  }
  return names;
}

/** Each customer named on the page, by id: their name, or what became of them. */
function customerNames(ctx: Context, rows: AuditRow[]): Map<number, string> {
  const ids = [...new Set(rows.filter(aboutCustomer).map((r) => r.entity_id as number))];
  const names = namesOnFile(ctx, ids);
  const missing = ids.filter((id) => !names.has(id));
  const erased = erasedIds(ctx.db, missing);
  const merged = mergedAwayIds(ctx.db, missing);
  const keptNames = namesOnFile(
    ctx,
    [...merged.values()].filter((id) => !names.has(id)),
  );
  for (const id of missing) {
    const into = merged.get(id);
    const keptName = into === undefined ? '' : (names.get(into) ?? keptNames.get(into) ?? `record ${into}`);
    names.set(
      id,
      erased.has(id)
        ? 'erased customer'
        : into !== undefined
          ? `record ${id}, merged into ${keptName}`
          : `record ${id} (no longer on file)`,
    );
  }
  return names;
}

export function listAuditEntries(ctx: Context, input: Parsed<'audit.list'>): Output<'audit.list'> {
  // Reads waiting in the batch are part of the log the person asked for.
  flushAudit(ctx.db);
  const rows = findAuditEntries(ctx.db, {
    beforeSeq: input.before_seq,
    limit: input.limit,
    entityId: input.entity_id,
    customerId: input.customer_id,
    userId: input.user_id,
    actions: input.kind ? actionsOfKind(input.kind) : undefined,
    from: input.from ? startOfDay(input.from) : undefined,
    until: input.to ? startOfDay(input.to, 1) : undefined,
  });
  const names = customerNames(ctx, rows);
  return rows.map((row) => ({
    ...row,
    label: auditLabel(row.action),
    customer: aboutCustomer(row) ? (names.get(row.entity_id as number) ?? '') : '',
    said: describeAudit(row.action, row.detail),
  }));
}
