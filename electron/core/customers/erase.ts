// Erasing a customer for real: the record, its emails, phones, addresses and search entries go;
// search queries in the audit log that would name them are blanked; requests about them are kept
// without them; the audit keeps only a tombstone (id, date, reason, who). With secure_delete and
// FTS5 secure-delete on, and the WAL checkpointed, nothing of the record is left in the file.
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import { appendAudit, erasePayloads } from '../audit/audit';
import type { Context } from '../context';
import { all, get, prepare, run, sql } from '../db/sql';
import { eraseProfile } from '../profile/erase-profile';
import { forgetMerges } from '../quality/merge.queries';
import { eraseProvenance } from './details.queries';

export function eraseCustomer(ctx: Context, input: Input<'customers.erase'>): Output<'customers.erase'> {
  const erased = eraseRecord(ctx, input);
  // Old page images live in the WAL until a checkpoint: write them back and empty it.
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return erased;
}

/** The erasure itself, in one transaction; the caller checkpoints (once, after many). */
export function eraseRecord(ctx: Context, input: Input<'customers.erase'>): Output<'customers.erase'> {
  const erasedAt = ctx.now();
  ctx.db.transaction(() => {
    const row = get<{ terms: string }>(ctx.db, sql`SELECT terms FROM customers WHERE id = ${input.id}`);
    if (!row)
      throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may already have been erased).');
    const open = get<{ id: number }>(
      ctx.db,
      sql`SELECT id FROM info_requests WHERE customer_id = ${input.id} AND status NOT IN ('confirmed', 'refused')
            AND id IS NOT ${input.request_id ?? null} LIMIT 1`,
    );
    if (open) {
      throw new CoreError(
        'CONFLICT',
        `This customer has an open information request (number ${open.id}). Finish or refuse it before erasing the record.`,
      );
    }
    const terms = row.terms.split(' ').filter(Boolean);
    if (terms.length > 0) {
      prepare(ctx.db, "INSERT INTO search_index (search_index, rowid, terms) VALUES ('delete', ?, ?)").run(
        input.id,
        row.terms,
      );
    }
    // Audit entries about the record keep who/when/what; their details (field lists, queries) go.
    const about = all<{ seq: number }>(
      ctx.db,
      sql`SELECT seq FROM audit_log WHERE entity_id = ${input.id} AND entity = 'customer'`,
    );
    erasePayloads(
      ctx.db,
      about.map((a) => a.seq),
    );
    // Searches typed at the counter may have named them: blank those queries too.
    const searches = all<{ seq: number; detail: string }>(
      ctx.db,
      sql`SELECT p.seq, p.detail FROM audit_payload p JOIN audit_log a ON a.seq = p.seq WHERE a.action = 'search'`,
    );
    const names = terms.filter((t) => !t.startsWith('#') && !t.startsWith('~') && t.length > 2);
    erasePayloads(
      ctx.db,
      searches.filter((s) => names.some((n) => s.detail.toLowerCase().includes(n))).map((s) => s.seq),
    );
    run(
      ctx.db,
      sql`UPDATE info_requests SET requester_name = CASE WHEN requester_type = 'customer' THEN '(the customer)' ELSE requester_name END,
            status = CASE WHEN id IS ${input.request_id ?? null} THEN 'confirmed' ELSE status END,
            confirmed_at = CASE WHEN id IS ${input.request_id ?? null} THEN ${erasedAt} ELSE confirmed_at END,
            confirmation_note = CASE WHEN id IS ${input.request_id ?? null} THEN 'Record erased' ELSE confirmation_note END
          WHERE customer_id = ${input.id}`,
    );
    // Where their values came from, theirs and of records merged into them (needs merges: first).
    eraseProvenance(ctx.db, input.id);
    // Merge before-images hold the person too (this record, or one merged into it).
    forgetMerges(ctx.db, input.id);
    // Consent evidence, purchases, interactions and note confirmations go with the person.
    eraseProfile(ctx.db, input.id);
    run(ctx.db, sql`DELETE FROM customers WHERE id = ${input.id}`);
    appendAudit(ctx.db, ctx.session.user.id, erasedAt, {
      action: 'customer.erase',
      entity: 'tombstone',
      entityId: input.id,
      detail: { reason: input.reason, request: input.request_id ?? null },
    });
  })();
  return { id: input.id, erased_at: erasedAt };
}
