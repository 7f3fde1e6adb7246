// Contacts with a customer (visits, calls, emails, letters, complaints), logged from the record.
// Their summary and outcome are free text like the notes, under the same sensitive-text guard.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { requireCustomer } from '../customers/customer-guard';
import { addSensitiveAck, checkSensitiveText } from '../customers/sensitive';
import { getInteraction, insertInteraction, interactionsOf, userExists } from './interactions.queries';

export function addInteraction(ctx: Context, input: Input<'interactions.add'>): Output<'interactions.add'> {
  requireCustomer(ctx, input.customer_id);
  const handledBy = input.handled_by ?? ctx.session.user.id;
  if (!userExists(ctx.db, handledBy)) {
    throw new CoreError('INVALID_INPUT', 'Some values need correcting.', [
      { path: 'handled_by', message: 'There is no member of staff with that number.' },
    ]);
  }
  const at = input.at ? new Date(input.at).toISOString() : ctx.now();
  if (at > ctx.now()) {
    throw new CoreError('INVALID_INPUT', 'Some values need correcting.', [
      { path: 'at', message: 'An interaction cannot be in the future.' },
    ]);
  }
  // A summary is free text like the notes: the same guard, the same confirmation, kept on the record.
  const sensitive = checkSensitiveText(
    ctx,
    input.customer_id,
    [
      { path: 'summary', text: input.summary ?? '' },
      { path: 'outcome', text: input.outcome ?? '' },
    ],
    input.sensitive_ack,
  );
  return ctx.db.transaction(() => {
    const id = insertInteraction(
      ctx.db,
      {
        customer_id: input.customer_id,
        at,
        kind: input.kind,
        summary: input.summary ?? '',
        outcome: input.outcome ?? '',
        handled_by: handledBy,
      },
      ctx.now(),
      ctx.session.user.id,
    );
    addSensitiveAck(ctx, input.customer_id, sensitive, input.sensitive_ack);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'interaction.add',
      entity: 'customer',
      entityId: input.customer_id,
      // The kinds and basis of a confirmation, never the words that triggered it.
      detail: { interaction: id, kind: input.kind, ...(sensitive ? { sensitive } : {}) },
    });
    return getInteraction(ctx.db, id) as Output<'interactions.add'>;
  })();
}

export function listInteractions(ctx: Context, input: Input<'interactions.list'>): Output<'interactions.list'> {
  requireCustomer(ctx, input.customer_id);
  return interactionsOf(ctx.db, input.customer_id, input.limit ?? 50) as Output<'interactions.list'>;
}
