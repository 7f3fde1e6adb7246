// What a pack's merge left for a person: pairs of a new record and the record it probably is
// (resolved in the duplicate review with duplicates.merge or duplicates.dismiss; this list only
// shows what became of each), and changes to looked-up records the file had changed meanwhile,
// decided one field at a time.
import type { Output, Parsed } from '../../../shared/contract';
import type { LookupField, PackChange, QueuedPair } from '../../../shared/contract/packs';
import { CoreError } from '../../../shared/contract/result';
import type { Customer } from '../../../shared/customer';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { getCustomer, updateCustomer } from '../customers/customers.queries';
import { storedValues } from '../customers/images';
import { keepBeforeImage } from '../imports/rollback';
import { eventSource } from './merge';
import { type ChangeRow, customerLabels, decideChange, readChange, readChanges, readQueue } from './packs.queries';
import { dataOf, valueText, withValue } from './values';

export function listQueue(ctx: Context, input: Parsed<'packs.queue'>): Output<'packs.queue'> {
  const rows = readQueue(ctx.db, input.pack_id ?? null);
  const labels = customerLabels(
    ctx.db,
    rows.flatMap((r) => [r.customer_id, r.candidate_id]),
  );
  const side = (id: number) => {
    const l = labels.get(id);
    return l ? { id, version: l.version, ref: l.ref, name: l.name } : null;
  };
  const pairs: QueuedPair[] = rows.map((r) => {
    const created = side(r.customer_id);
    const candidate = side(r.candidate_id);
    const status = r.merge_id !== null ? 'merged' : r.dismissed ? 'dismissed' : created && candidate ? 'open' : 'gone';
    return {
      id: r.id,
      pack_id: r.pack_id,
      event_name: r.event_name,
      uid: r.capture_uid,
      created,
      candidate,
      score: r.score,
      reasons: JSON.parse(r.reasons) as string[],
      status,
    };
  });
  return { pairs };
}

function changeOut(ctx: Context, r: ChangeRow, labels = customerLabels(ctx.db, [r.customer_id])): PackChange {
  const here = getCustomer(ctx.db, r.customer_id);
  return {
    id: r.id,
    pack_id: r.pack_id,
    event_name: r.event_name,
    customer_id: r.customer_id,
    name: labels.get(r.customer_id)?.name ?? '(no longer in the file)',
    field: r.field,
    replaced: r.replaced,
    value: r.value,
    current: here ? valueText(here, r.field as LookupField) : '',
    status: r.status,
  };
}

export function listChanges(ctx: Context, input: Parsed<'packs.changes'>): Output<'packs.changes'> {
  const rows = readChanges(ctx.db, input.pack_id ?? null);
  const labels = customerLabels(
    ctx.db,
    rows.map((r) => r.customer_id),
  );
  return { changes: rows.map((r) => changeOut(ctx, r, labels)) };
}

/** Apply a waiting change (the value taken at the event replaces today's) or keep the file's value. */
export function decide(ctx: Context, input: Parsed<'packs.decide'>): Output<'packs.decide'> {
  return ctx.db.transaction(() => {
    const row = readChange(ctx.db, input.change_id);
    if (!row) throw new CoreError('NOT_FOUND', 'That change is not waiting any more.');
    if (row.status !== 'waiting') throw new CoreError('CONFLICT', `That change was already ${row.status}.`);
    const here = getCustomer(ctx.db, row.customer_id) as Customer | undefined;
    if (!here) throw new CoreError('NOT_FOUND', 'That record is no longer in the file (erased or merged).');
    const now = ctx.now();
    const user = ctx.session.user.id;
    if (input.apply) {
      const data = withValue(dataOf(here), row.field as LookupField, JSON.parse(row.payload));
      if (row.import_id !== null)
        keepBeforeImage(
          ctx.db,
          row.import_id,
          { ...here, stored_values: storedValues(ctx.db, here.id) },
          here.version + 1,
        );
      updateCustomer(ctx.db, here.id, here.version, data, user, now, {
        source: eventSource(row),
        importId: row.import_id,
      });
    }
    decideChange(ctx.db, row.id, input.apply ? 'accepted' : 'rejected', user, now);
    appendAudit(ctx.db, user, now, {
      action: 'pack.decide',
      entity: 'customer',
      entityId: here.id,
      detail: { pack: row.pack_id, field: row.field, apply: input.apply },
    });
    return changeOut(ctx, readChange(ctx.db, row.id) as ChangeRow);
  })();
}
