// Undoing a merge and the merge history of a record. A merge of two records is taken back here
// (merge.ts undoPair); one that was part of a group merge takes the whole group back
// (merge-group.ts). Kept apart from merge.ts so neither merge file imports the other's caller.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { type Customer, displayName } from '../../../shared/customer';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { getCustomer } from '../customers/customers.queries';
import type { CustomerImage } from '../customers/images';
import { withValues } from '../register/custom-values';
import { undoBlocker, undoPair } from './merge';
import { historyOf, readMerge } from './merge.queries';
import { groupBlocker, unmergeGroup } from './merge-group';

export function unmergeRecords(ctx: Context, input: Input<'duplicates.unmerge'>): Output<'duplicates.unmerge'> {
  return ctx.db.transaction(() => {
    const row = readMerge(ctx.db, input.merge_id);
    if (!row) throw new CoreError('NOT_FOUND', 'That merge does not exist (the records may have been erased).');
    if (row.group_id !== null) return unmergeGroup(ctx, row.group_id);
    undoPair(ctx, row);
    const detail = { merge: row.id, kept: row.kept_id, merged: row.merged_id };
    for (const id of [row.kept_id, row.merged_id]) {
      appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
        action: 'duplicates.unmerge',
        entity: 'customer',
        entityId: id,
        detail,
      });
    }
    return {
      kept: withValues(ctx, getCustomer(ctx.db, row.kept_id) as Customer),
      restored: withValues(ctx, getCustomer(ctx.db, row.merged_id) as Customer),
      restored_ids: [row.merged_id],
    };
  })();
}

function imageName(json: string): { name: string; ref: string } {
  const c = (JSON.parse(json) as CustomerImage).customer as Record<string, string>;
  return {
    name: displayName({
      title: c.title ?? '',
      given_name: c.given_name ?? '',
      family_name: c.family_name ?? '',
      preferred_name: c.preferred_name ?? '',
    }),
    ref: c.ref ?? '',
  };
}

export function listMergeHistory(ctx: Context, input: Input<'duplicates.history'>): Output<'duplicates.history'> {
  return historyOf(ctx.db, input.customer_id).map((row) => {
    const kept = getCustomer(ctx.db, row.kept_id);
    const merged = imageName(row.merged_before);
    return {
      id: row.id,
      kept_id: row.kept_id,
      merged_id: row.merged_id,
      merged_name: merged.name,
      merged_ref: merged.ref,
      kept_name: kept ? displayName(kept) : imageName(row.kept_before).name,
      merged_at: row.merged_at,
      merged_by: row.merged_by_name,
      undone_at: row.undone_at,
      undone_by: row.undone_by_name,
      blocked: row.group_id !== null ? groupBlocker(ctx, row.group_id) : undoBlocker(ctx, row),
      group_id: row.group_id,
    };
  });
}
