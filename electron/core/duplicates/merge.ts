// Merging two records of one person, and undoing it. The kept record takes the chosen field
// values and the union of both records' emails, phones and addresses; the other record's
// information requests move to it; the other record leaves the customers table (so search,
// lists, scans and exports no longer see it) but both before-images stay in `merges`, so undo
// puts back both records exactly as they were. Every step is in one audited transaction.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { type Customer, LIMITS } from '../../../shared/customer';
import { type MergeChoices, mergedData } from '../../../shared/merge';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { customerExists, findByRef, getCustomer, updateCustomer } from '../customers/customers.queries';
import { forgetMergeProvenance } from '../customers/details.queries';
import { type CustomerImage, removeCustomer, restoreImage, takeImage } from '../customers/images';
import { withValues } from '../register/custom-values';
import {
  type HistoryRow,
  insertMerge,
  keepLaterVerified,
  type MergeRow,
  markUndone,
  mergedAwayInto,
  uncarriedRelations,
} from './merge.queries';
import { carryRelations, type Moved, movedCount, returnRelations } from './merge.relations';

const CHANGED = 'One of these records was changed while you were merging. Compare them again to see the changes.';

export function mustFind(ctx: Context, id: number): Customer {
  const customer = getCustomer(ctx.db, id);
  if (customer) return customer;
  const merge = mergedAwayInto(ctx.db, id);
  if (merge) {
    throw new CoreError('NOT_FOUND', `Record ${id} was already merged into record ${merge.kept_id}. Open that one.`);
  }
  throw new CoreError('NOT_FOUND', `Record ${id} does not exist (it may have been erased).`);
}

/** Refuse a merge whose result would break the record's limits, in words the person can act on. */
function checkLimits(data: ReturnType<typeof mergedData>): void {
  for (const [list, word] of [
    [data.emails, 'email addresses'],
    [data.phones, 'phone numbers'],
    [data.addresses, 'addresses'],
  ] as const) {
    const max = LIMITS[word === 'email addresses' ? 'emails' : word === 'phone numbers' ? 'phones' : 'addresses'];
    if (list.length > max) {
      throw new CoreError(
        'INVALID_INPUT',
        `Together these records have ${list.length} ${word}; a record keeps at most ${max}. Remove some from one record first.`,
      );
    }
  }
  if (data.notes.length > LIMITS.notes) {
    throw new CoreError('INVALID_INPUT', 'Both sets of notes together are too long: keep the notes of one record.', [
      { path: 'choices.notes', message: `Notes can be at most ${LIMITS.notes} characters.` },
    ]);
  }
}

/** One record merged into another (both already checked against the versions compared). */
export function mergePair(
  ctx: Context,
  keep: Customer,
  merge: Customer,
  choices: Partial<MergeChoices>,
  now: string,
  groupId: number | null = null,
): { mergeId: number; after: Customer; moved: number } {
  const uncarried = uncarriedRelations(ctx.db, merge.id);
  if (uncarried.length > 0) {
    throw new CoreError(
      'CONFLICT',
      `Record ${merge.id} has ${uncarried.join(', ')} that merging cannot carry over yet. Keep that record and merge the other into it, or move them first.`,
    );
  }
  const data = mergedData(keep, merge, choices);
  checkLimits(data);
  const keptBefore = takeImage(ctx.db, keep.id) as CustomerImage;
  const mergedBefore = takeImage(ctx.db, merge.id) as CustomerImage;
  const moved = carryRelations(ctx.db, merge.id, keep.id, ctx.session.user.id, now);
  // Out first: its customer number may be the one the kept record takes.
  removeCustomer(ctx.db, merge.id);
  const userId = ctx.session.user.id;
  if (!updateCustomer(ctx.db, keep.id, keep.version, data, userId, now, { source: 'merge', importId: null }))
    throw new CoreError('CONFLICT', CHANGED);
  // Verified is a fact about the person: the later confirmation of either record holds.
  keepLaterVerified(ctx.db, keep.id, merge.verified_at);
  const after = getCustomer(ctx.db, keep.id) as Customer;
  const mergeId = insertMerge(ctx.db, {
    keptId: keep.id,
    mergedId: merge.id,
    keptBefore,
    mergedBefore,
    keptVersionAfter: after.version,
    moved,
    choices,
    userId,
    now,
    groupId,
  });
  appendAudit(ctx.db, userId, now, {
    action: 'customer.mergedAway',
    entity: 'customer',
    entityId: merge.id,
    detail: { merge: mergeId, kept: keep.id, merged: merge.id, moved_rows: movedCount(moved) },
  });
  return { mergeId, after, moved: movedCount(moved) };
}

export function mergeRecords(ctx: Context, input: Input<'duplicates.merge'>): Output<'duplicates.merge'> {
  return ctx.db.transaction(() => {
    // One instant for the whole merge: undo finds the provenance it wrote by this time.
    const now = ctx.now();
    const keep = mustFind(ctx, input.keep_id);
    const merge = mustFind(ctx, input.merge_id);
    if (keep.version !== input.keep_version || merge.version !== input.merge_version) {
      throw new CoreError('CONFLICT', CHANGED);
    }
    const { mergeId, after, moved } = mergePair(ctx, keep, merge, input.choices ?? {}, now);
    appendAudit(ctx.db, ctx.session.user.id, now, {
      action: 'duplicates.merge',
      entity: 'customer',
      entityId: keep.id,
      detail: { merge: mergeId, kept: keep.id, merged: merge.id, moved_rows: moved, choices: input.choices ?? {} },
    });
    return { merge_id: mergeId, customer: withValues(ctx, after) };
  })();
}

/** Why a merge cannot be undone now, or '' when it can. */
export function undoBlocker(ctx: Context, row: HistoryRow | MergeRow): string {
  if (row.undone_at) return 'This merge has already been undone.';
  const kept = getCustomer(ctx.db, row.kept_id);
  if (!kept) {
    const later = mergedAwayInto(ctx.db, row.kept_id);
    return later
      ? `Record ${row.kept_id} was merged into record ${later.kept_id} since: undo that merge first.`
      : `Record ${row.kept_id} no longer exists (it was erased).`;
  }
  if (kept.version !== row.kept_version_after) {
    return 'The kept record was changed after this merge; undoing it now would lose those changes. Edit the record instead.';
  }
  if (customerExists(ctx.db, row.merged_id)) return `Record ${row.merged_id} already exists again.`;
  const ref = String((JSON.parse(row.merged_before) as CustomerImage).customer.ref ?? '');
  const holder = ref ? findByRef(ctx.db, ref) : undefined;
  const keptRef = String((JSON.parse(row.kept_before) as CustomerImage).customer.ref ?? '');
  if (holder !== undefined && holder !== row.kept_id && ref !== keptRef) {
    return `Customer number ${ref} has since been given to record ${holder}.`;
  }
  return '';
}

/** Take back one pairwise merge row, or refuse in words (the caller's transaction rolls back). */
export function undoPair(ctx: Context, row: MergeRow): void {
  const blocked = undoBlocker(ctx, row);
  if (blocked) throw new CoreError('CONFLICT', blocked);
  // The kept record first: it gives back the customer number the other record may have had.
  restoreImage(ctx.db, JSON.parse(row.kept_before) as CustomerImage);
  restoreImage(ctx.db, JSON.parse(row.merged_before) as CustomerImage);
  returnRelations(ctx.db, JSON.parse(row.moved) as Moved, row.kept_id, row.merged_id);
  forgetMergeProvenance(ctx.db, row.kept_id, row.merged_at);
  markUndone(ctx.db, row.id, ctx.session.user.id, ctx.now());
}
