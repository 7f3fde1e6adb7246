// The core half of the guard on notes (and on a contact's summary and outcome): a save whose free
// text hints at special-category data or an identity number needs a confirmation with a lawful
// basis — given now, or already on file for the same kinds of hint. The confirmation is kept
// beside the record (evidence of a decision) and its kinds and basis go into the audit entry; the
// matched words never do.
import type { z } from 'zod';
import { CoreError } from '../../../shared/contract/result';
import type { CustomerData, SensitiveAck } from '../../../shared/customer';
import { findSensitiveHints, sensitiveMessage } from '../../../shared/rules/sensitive-guard';
import type { Context } from '../context';
import { textValues, type ValueField } from '../register/custom-values';
import { confirmedKinds, keepConfirmation } from './sensitive.queries';

type SensitiveDecision = { kinds: string[]; lawful_basis: string } | null;
type SensitiveAckInput = z.input<typeof SensitiveAck>;

/** Refuse unconfirmed hints; returns what was confirmed (for the audit), or null when nothing to confirm. */
export function checkSensitiveNotes(
  ctx: Context,
  customerId: number | null,
  data: CustomerData,
  fields?: readonly ValueField[],
): SensitiveDecision {
  // The notes and every text value of a register-defined field, each checked on its own.
  return checkSensitiveText(
    ctx,
    customerId,
    [{ path: 'notes', text: data.notes }, ...textValues(ctx.db, data, fields)],
    data.sensitive_ack,
  );
}

/**
 * The same guard over any free text kept about a customer (a contact's summary and outcome too):
 * hints need the confirmation given now, or one already on file for the same kinds of hint.
 */
export function checkSensitiveText(
  ctx: Context,
  customerId: number | null,
  texts: readonly { path: string; text: string }[],
  ack: SensitiveAckInput | undefined,
): SensitiveDecision {
  const places = texts
    .map((p) => ({ path: p.path, hints: findSensitiveHints(p.text) }))
    .filter((p) => p.hints.length > 0);
  if (places.length === 0) return null;
  const kinds = [...new Set(places.flatMap((p) => p.hints.map((h) => h.kind)))];
  if (ack) return { kinds, lawful_basis: ack.lawful_basis };
  if (customerId !== null) {
    const confirmed = storedKinds(ctx, customerId);
    if (kinds.every((k) => confirmed.has(k))) return null;
  }
  throw new CoreError(
    'INVALID_INPUT',
    'Some values need correcting.',
    places.map((p) => ({ path: p.path, message: sensitiveMessage(p.hints) })),
  );
}

function storedKinds(ctx: Context, customerId: number): Set<string> {
  return new Set(confirmedKinds(ctx.db, customerId));
}

/**
 * Keep a confirmation given for other free text than the record's own (a contact's summary): the
 * record's confirmation grows by these kinds, so what the notes had confirmed stays confirmed.
 */
export function addSensitiveAck(
  ctx: Context,
  customerId: number,
  decision: SensitiveDecision,
  ack: SensitiveAckInput | undefined,
): void {
  if (!decision || !ack) return;
  const kinds = [...new Set([...storedKinds(ctx, customerId), ...decision.kinds])];
  const kept = { kinds, lawful_basis: decision.lawful_basis, note: ack.note ?? '' };
  keepConfirmation(ctx.db, customerId, kept, ctx.now(), ctx.session.user.id);
}

/** Keep the confirmation given with this save (replacing an older one for the record). */
export function storeSensitiveAck(ctx: Context, customerId: number, data: CustomerData): void {
  const decision = checkSensitiveNotes(ctx, customerId, data);
  if (!decision || !data.sensitive_ack) return;
  const kept = { kinds: decision.kinds, lawful_basis: decision.lawful_basis, note: data.sensitive_ack.note };
  keepConfirmation(ctx.db, customerId, kept, ctx.now(), ctx.session.user.id);
}
