// What erasing one customer would take, counted from the same places customers/erase.ts removes
// them from, so the confirmation names real numbers; and the open requests that block or that the
// erasure can carry out. Reads only: nothing is changed and the preview itself is audited as a view.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { displayName } from '../../../shared/customer';
import { appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { all, get, sql } from '../db/sql';
import { mergedInto, mergeImageTerms } from '../duplicates/merge.queries';
import type { BeforeImage } from '../imports/imports.queries';
import { imageTerms, searchesFinding } from './erase';

type Named = { title: string; given_name: string; family_name: string; preferred_name: string; kind: string };

export function previewErasure(ctx: Context, input: Input<'customers.erasePreview'>): Output<'customers.erasePreview'> {
  const id = input.id;
  const row = get<Named & { terms: string; organisation_name: string }>(
    ctx.db,
    sql`SELECT title, given_name, family_name, preferred_name, kind, organisation_name, terms FROM customers WHERE id = ${id}`,
  );
  if (!row) throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may already have been erased).');
  const ids = [id, ...mergedInto(ctx.db, id)];
  const idList = JSON.stringify(ids);
  const count = (q: ReturnType<typeof sql>) => get<{ n: number }>(ctx.db, q)?.n ?? 0;

  const known = new Set(row.terms.split(' ').filter(Boolean));
  for (const t of mergeImageTerms(ctx.db, ids)) known.add(t);
  const images = all<{ before: string }>(
    ctx.db,
    sql`SELECT before FROM import_before WHERE customer_id IN (SELECT value FROM json_each(${idList}))`,
  );
  for (const i of images) for (const t of imageTerms(JSON.parse(i.before) as BeforeImage)) known.add(t);
  const merges = count(
    sql`SELECT count(*) AS n FROM merges WHERE kept_id IN (SELECT value FROM json_each(${idList}))
          OR merged_id IN (SELECT value FROM json_each(${idList}))`,
  );
  const sales = get<{ months: number; amount: number | null }>(
    ctx.db,
    sql`SELECT count(DISTINCT substr(date, 1, 7)) AS months, sum(amount_pence) AS amount FROM purchases WHERE customer_id = ${id}`,
  );
  const open = all<{ id: number; kind: string; requester_name: string; received_at: string; status: string }>(
    ctx.db,
    sql`SELECT id, kind, requester_name, received_at, status FROM info_requests
          WHERE customer_id = ${id} AND status NOT IN ('confirmed', 'refused') ORDER BY id`,
  );
  // Only an approved erasure request can be carried out (erase.ts checks the same); any other
  // open request, including an erasure request still awaiting approval, blocks the erasure.
  const canCarryOut = (r: (typeof open)[number]) => r.kind === 'erasure' && r.status !== 'awaiting_approval';

  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'customer.erasePreview',
    entity: 'customer',
    entityId: id,
  });
  return {
    id,
    name: displayName(row),
    goes: {
      emails: count(sql`SELECT count(*) AS n FROM customer_emails WHERE customer_id = ${id}`),
      phones: count(sql`SELECT count(*) AS n FROM customer_phones WHERE customer_id = ${id}`),
      addresses: count(sql`SELECT count(*) AS n FROM customer_addresses WHERE customer_id = ${id}`),
      consent_events: count(sql`SELECT count(*) AS n FROM consent_events WHERE customer_id = ${id}`),
      interactions: count(sql`SELECT count(*) AS n FROM interactions WHERE customer_id = ${id}`),
      purchases: count(sql`SELECT count(*) AS n FROM purchases WHERE customer_id = ${id}`),
      merged_records: ids.length - 1,
      earlier_versions: images.length + merges,
      audit_details: count(
        sql`SELECT count(*) AS n FROM audit_log a JOIN audit_payload p ON p.seq = a.seq WHERE a.entity = 'customer'
              AND a.entity_id IN (SELECT value FROM json_each(${idList}))`,
      ),
      searches: searchesFinding(ctx, known).length,
      requests: count(sql`SELECT count(*) AS n FROM info_requests WHERE customer_id = ${id}`),
      campaign_lists: count(sql`SELECT count(*) AS n FROM campaign_members WHERE customer_id = ${id}`),
    },
    stays: { purchase_months: sales?.months ?? 0, amount_pence: sales?.amount ?? 0 },
    blocking: open.filter((r) => !canCarryOut(r)).map((r) => ({ id: r.id, kind: r.kind, requester: r.requester_name })),
    erasure_requests: open
      .filter(canCarryOut)
      .map((r) => ({ id: r.id, requester: r.requester_name, received_at: r.received_at })),
  };
}
