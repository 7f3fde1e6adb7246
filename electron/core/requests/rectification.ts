// Rectification requests carried out on the record: an edit saved with the request's id records
// the names of the fields it corrected on the request (never the wrong values: keeping them would
// keep the very data the customer asked to have put right), and the request is then closed as
// corrected, listing those fields.
import { CoreError } from '../../../shared/contract/result';
import type { Context } from '../context';
import { closeAsCorrected, markCorrected, rectificationRow } from './requests.queries';

function readRequest(ctx: Context, requestId: number) {
  const r = rectificationRow(ctx.db, requestId);
  if (!r) throw new CoreError('NOT_FOUND', 'That request does not exist.');
  return r;
}

/** The request an edit carries out must be an approved, open rectification request about this record. */
export function openRectification(ctx: Context, requestId: number, customerId: number): void {
  const r = readRequest(ctx, requestId);
  if (r.customer_id !== customerId)
    throw new CoreError('INVALID_INPUT', `Request ${requestId} is not about this record.`);
  if (r.kind !== 'rectification')
    throw new CoreError('INVALID_INPUT', `Request ${requestId} is not a rectification request.`);
  if (r.status === 'awaiting_approval')
    throw new CoreError('CONFLICT', `Request ${requestId} is waiting for a manager's approval. Approve it first.`);
  if (r.status === 'confirmed' || r.status === 'refused')
    throw new CoreError('CONFLICT', `Request ${requestId} is already closed.`);
}

/** Add the fields an edit corrected to the request's list (each once, in the order first corrected). */
export function recordCorrection(ctx: Context, requestId: number, fields: readonly string[]): void {
  if (fields.length === 0) return;
  const r = readRequest(ctx, requestId);
  const all = [...new Set([...(JSON.parse(r.fields) as string[]), ...fields])];
  markCorrected(ctx.db, requestId, all, ctx.session.user.id, ctx.now());
}

/** Close a rectification request whose corrections were made; refused while none has been. */
export function closeCorrection(ctx: Context, requestId: number, note: string): string[] {
  const r = readRequest(ctx, requestId);
  if (r.kind !== 'rectification')
    throw new CoreError('INVALID_INPUT', `Request ${requestId} is not a rectification request.`);
  if (r.status === 'confirmed' || r.status === 'refused')
    throw new CoreError('CONFLICT', `Request ${requestId} is already closed.`);
  const fields = JSON.parse(r.fields) as string[];
  if (r.status !== 'supplied' || fields.length === 0) {
    throw new CoreError(
      'CONFLICT',
      'Nothing has been corrected for this request yet. Use "Correct the record" and save the corrections first.',
    );
  }
  closeAsCorrected(ctx.db, requestId, ctx.now(), note);
  return fields;
}
