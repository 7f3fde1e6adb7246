// What erasing one customer would take, counted from the same places customers/erase.ts removes
// them from, so the confirmation names real numbers; and the open requests that block or that the
// erasure can carry out. Reads only: nothing is changed and the preview itself is audited as a view.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { displayName } from '../../../shared/customer';
import { appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { mergedInto, mergeImageTerms } from '../duplicates/merge.queries';
import type { BeforeImage } from '../imports/imports.queries';
import { imageTerms, searchesFinding } from './erase';
import { erasedName, erasureCounts, importImages, openRequests, salesOf } from './erase.queries';

export function previewErasure(ctx: Context, input: Input<'customers.erasePreview'>): Output<'customers.erasePreview'> {
  const id = input.id;
  const row = erasedName(ctx.db, id);
  if (!row) throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may already have been erased).');
  const ids = [id, ...mergedInto(ctx.db, id)];

  const known = new Set(row.terms.split(' ').filter(Boolean));
  for (const t of mergeImageTerms(ctx.db, ids)) known.add(t);
  const images = importImages(ctx.db, ids);
  for (const i of images) for (const t of imageTerms(JSON.parse(i.before) as BeforeImage)) known.add(t);
  const counts = erasureCounts(ctx.db, id, ids);
  const sales = salesOf(ctx.db, id);
  const open = openRequests(ctx.db, id);
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
      emails: counts.emails,
      phones: counts.phones,
      addresses: counts.addresses,
      consent_events: counts.consent_events,
      interactions: counts.interactions,
      purchases: counts.purchases,
      merged_records: ids.length - 1,
      earlier_versions: images.length + counts.merges,
      audit_details: counts.audit_details,
      searches: searchesFinding(ctx, known).length,
      requests: counts.requests,
      campaign_lists: counts.campaign_lists,
    },
    stays: { purchase_months: sales?.months ?? 0, amount_pence: sales?.amount ?? 0 },
    blocking: open.filter((r) => !canCarryOut(r)).map((r) => ({ id: r.id, kind: r.kind, requester: r.requester_name })),
    erasure_requests: open
      .filter(canCarryOut)
      .map((r) => ({ id: r.id, requester: r.requester_name, received_at: r.received_at })),
  };
}
