// Merging a group of three or more records of one person (a cluster the duplicate review shows)
// into one survivor in one step, and undoing it in one step. Each field takes the value of the
// member the person chose (notes may keep all of them); emails, phones and addresses are the
// union. It runs as pairwise merges (merge.ts mergePair) in one transaction, the survivor taking
// each member in turn, every row marked with the group's id: undo takes them back last first.
// Every member's version is compared with the one the person saw before anything is written, so
// a record edited meanwhile refuses the whole group with nothing changed.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Customer } from '../../../shared/customer';
import { groupStepChoices } from '../../../shared/merge';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { getCustomer } from '../customers/customers.queries';
import { withValues } from '../register/custom-values';
import { mergePair, mustFind, undoBlocker, undoPair } from './merge';
import { groupRows, type MergeRow, setGroup } from './merge.queries';

type GroupChoices = NonNullable<Input<'duplicates.mergeGroup'>['choices']>;

const STALE = (name: string) =>
  `${name} was changed by someone since this group was shown, so nothing was merged. Look at the group again to see the change, then merge.`;

export function mergeGroupRecords(
  ctx: Context,
  input: Input<'duplicates.mergeGroup'>,
): Output<'duplicates.mergeGroup'> {
  return ctx.db.transaction(() => {
    const now = ctx.now();
    const ids = input.members.map((m) => m.id);
    const choices: GroupChoices = input.choices ?? {};
    for (const [field, chosen] of Object.entries(choices)) {
      if (typeof chosen === 'number' && !ids.includes(chosen)) {
        throw new CoreError('INVALID_INPUT', `The value chosen for ${field} is from a record outside this group.`);
      }
    }
    const members = input.members.map((m) => {
      const customer = mustFind(ctx, m.id);
      if (customer.version !== m.version)
        throw new CoreError('CONFLICT', STALE(`Record ${customer.ref || customer.id}`));
      return customer;
    });
    const others = members.filter((c) => c.id !== input.keep_id);
    let keep = members.find((c) => c.id === input.keep_id) as Customer;
    let groupId: number | null = null;
    let moved = 0;
    for (const other of others) {
      const step = mergePair(ctx, keep, other, groupStepChoices(choices, other.id), now, groupId);
      if (groupId === null) {
        groupId = step.mergeId;
        setGroup(ctx.db, step.mergeId, groupId);
      }
      moved += step.moved;
      keep = step.after;
    }
    appendAudit(ctx.db, ctx.session.user.id, now, {
      action: 'duplicates.mergeGroup',
      entity: 'customer',
      entityId: keep.id,
      detail: { group: groupId, kept: keep.id, merged: others.map((c) => c.id), moved_rows: moved, choices },
    });
    return {
      merge_id: groupId as number,
      merged: others.length,
      customer: withValues(ctx, getCustomer(ctx.db, keep.id) as Customer),
    };
  })();
}

/** Why a group merge cannot be undone now ('' when it can): its last step is the one to check first. */
export function groupBlocker(ctx: Context, groupId: number): string {
  const rows = groupRows(ctx.db, groupId);
  const last = rows[0];
  return last ? undoBlocker(ctx, last) : 'That merge does not exist (the records may have been erased).';
}

/** Undo every step of a group merge, last first, in the caller's transaction. */
export function unmergeGroup(ctx: Context, groupId: number): Output<'duplicates.unmerge'> {
  const rows: MergeRow[] = groupRows(ctx.db, groupId);
  for (const row of rows) undoPair(ctx, row);
  const keptId = (rows[0] as MergeRow).kept_id;
  const restored = rows.map((r) => r.merged_id).reverse();
  appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'duplicates.unmergeGroup',
    entity: 'customer',
    entityId: keptId,
    detail: { group: groupId, kept: keptId, restored },
  });
  return {
    kept: withValues(ctx, getCustomer(ctx.db, keptId) as Customer),
    restored: withValues(ctx, getCustomer(ctx.db, restored[0] as number) as Customer),
    restored_ids: restored,
  };
}
