// Contacts with a customer (visits, calls, emails, letters, complaints), logged from the record.
// Their summary and outcome are free text like the notes, under the same sensitive-text guard.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { requireCustomer } from '../customers/customer-guard';
import { addSensitiveAck, checkSensitiveText } from '../customers/sensitive';
import { all, get, run, sql } from '../db/sql';

const SELECT_INTERACTION = `
  SELECT i.id, i.customer_id, i.at, i.kind, i.summary, i.outcome, u.name AS handled_by, l.name AS logged_by
  FROM interactions i JOIN users u ON u.id = i.handled_by JOIN users l ON l.id = i.created_by`;

export function addInteraction(ctx: Context, input: Input<'interactions.add'>): Output<'interactions.add'> {
  requireCustomer(ctx, input.customer_id);
  const handledBy = input.handled_by ?? ctx.session.user.id;
  if (!get(ctx.db, sql`SELECT 1 FROM users WHERE id = ${handledBy}`)) {
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
    const { lastInsertRowid } = run(
      ctx.db,
      sql`INSERT INTO interactions (customer_id, at, kind, summary, outcome, handled_by, created_at, created_by)
          VALUES (${input.customer_id}, ${at}, ${input.kind}, ${input.summary ?? ''}, ${input.outcome ?? ''}, ${handledBy},
            ${ctx.now()}, ${ctx.session.user.id})`,
    );
    addSensitiveAck(ctx, input.customer_id, sensitive, input.sensitive_ack);
    const id = Number(lastInsertRowid);
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'interaction.add',
      entity: 'customer',
      entityId: input.customer_id,
      // The kinds and basis of a confirmation, never the words that triggered it.
      detail: { interaction: id, kind: input.kind, ...(sensitive ? { sensitive } : {}) },
    });
    return get(ctx.db, { text: `${SELECT_INTERACTION} WHERE i.id = ?`, params: [id] }) as Output<'interactions.add'>;
  })();
}

export function listInteractions(ctx: Context, input: Input<'interactions.list'>): Output<'interactions.list'> {
  requireCustomer(ctx, input.customer_id);
  return all(ctx.db, {
    text: `${SELECT_INTERACTION} WHERE i.customer_id = ? ORDER BY i.at DESC, i.id DESC LIMIT ?`,
    params: [input.customer_id, input.limit ?? 50],
  });
}
