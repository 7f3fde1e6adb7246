// "Verified with the customer today" from the record: the record and every value in it are
// confirmed now, each value keeping when it was collected. The worklist of records nobody has
// verified for too long is quality.staleList (quality/freshness.ts).
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { withValues } from '../register/custom-values';
import { getCustomer, noteActivity } from './customers.queries';
import { markValuesVerified } from './details.queries';
import { visibleCustomer } from './details.service';
import { markVerified } from './verify.queries';

export function verifyCustomer(ctx: Context, input: Input<'customers.verify'>): Output<'customers.verify'> {
  return ctx.db.transaction(() => {
    // Not an edit: the version stays, so nobody editing the record meanwhile is refused for it.
    if (!markVerified(ctx.db, input.id, ctx.now()))
      throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may have been deleted).');
    // Every value of the record is confirmed with it, each keeping when it was collected.
    markValuesVerified(ctx.db, input.id, ctx.now());
    noteActivity(ctx.db, input.id, ctx.now(), 'verified');
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'customer.verify',
      entity: 'customer',
      entityId: input.id,
    });
    return visibleCustomer(
      ctx,
      withValues(ctx, getCustomer(ctx.db, input.id) as NonNullable<ReturnType<typeof getCustomer>>),
    );
  })();
}
