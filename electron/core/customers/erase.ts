// Erasing a customer for real: the record, its emails, phones, addresses and search entries go;
// search queries in the audit log that would name them are blanked; requests about them are kept
// without them; the audit keeps only a tombstone (id, date, reason, who). With secure_delete and
// FTS5 secure-delete on, and the WAL checkpointed, nothing of the record is left in the file.
// One value can go the same way while the record stays (eraseValue: a field past its retention).
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Customer, CustomerData } from '../../../shared/customer';
import { appendAudit, erasePayloads, flushAudit } from '../audit/audit';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';
import { rewriteBeforeImages } from '../imports/imports.queries';
import { eraseProfile } from '../profile/erase-profile';
import { forgetMerges, rewriteMergeImages } from '../quality/merge.queries';
import { customerTerms } from '../search/terms';
import { getCustomer, RETENTION, updateCustomer } from './customers.queries';
import { eraseProvenance, forgetValueProvenance } from './details.queries';
import { imageWithoutField } from './images';

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
    blankSearchesNaming(ctx.db, terms);
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

/** Blank the counter searches in the audit log that typed any of these search terms. */
function blankSearchesNaming(db: DB, terms: readonly string[]): void {
  const names = terms.filter((t) => !t.startsWith('#') && !t.startsWith('~') && t.length > 2);
  if (names.length === 0) return;
  // Searches are audited in batches: one typed a moment ago may still be waiting to be written.
  flushAudit(db);
  const searches = all<{ seq: number; detail: string }>(
    db,
    sql`SELECT p.seq, p.detail FROM audit_payload p JOIN audit_log a ON a.seq = p.seq WHERE a.action = 'search'`,
  );
  erasePayloads(
    db,
    searches.filter((s) => names.some((n) => s.detail.toLowerCase().includes(n))).map((s) => s.seq),
  );
}

/** A stored record with one built-in field's values blanked: every email, phone, postcode or town. */
function withoutField(c: Customer, key: string): CustomerData {
  const data = { ...c } as unknown as CustomerData;
  switch (key) {
    case 'email':
      return { ...data, emails: [] };
    case 'phone':
      return { ...data, phones: [] };
    case 'postcode':
      return { ...data, addresses: data.addresses.map((a) => ({ ...a, postcode: '' })) };
    case 'town':
      return { ...data, addresses: data.addresses.map((a) => ({ ...a, town: '' })) };
    default:
      return { ...data, [key]: '' };
  }
}

/**
 * One value of a record erased for real, the rest kept (a field past its retention,
 * quality/field-retention.ts): a built-in field is blanked through the one customer writer, so
 * the search terms, summary and completeness counters follow and the old terms leave the index
 * (FTS5 secure-delete); a register-defined value's row is deleted. Its provenance goes, and the
 * counter searches that typed it are blanked in the audit log, as when a record is erased. Runs
 * in the caller's transaction; the caller audits and checkpoints.
 */
export function eraseValue(ctx: Context, customerId: number, key: string, builtIn: boolean): void {
  const stored = getCustomer(ctx.db, customerId);
  if (!stored)
    throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may already have been erased).');
  if (builtIn) {
    const before = (
      get<{ terms: string }>(ctx.db, sql`SELECT terms FROM customers WHERE id = ${customerId}`)?.terms ?? ''
    )
      .split(' ')
      .filter(Boolean);
    const data = withoutField(stored, key);
    updateCustomer(ctx.db, customerId, stored.version, data, ctx.session.user.id, ctx.now(), RETENTION);
    const after = new Set(customerTerms(data));
    blankSearchesNaming(
      ctx.db,
      before.filter((t) => !after.has(t)),
    );
  } else {
    // Register-defined values are not searched (search/terms.ts): the row is all there is.
    run(ctx.db, sql`DELETE FROM customer_values WHERE customer_id = ${customerId} AND field_key = ${key}`);
  }
  forgetValueProvenance(ctx.db, customerId, key);
  // Undo images of merges and unconfirmed imports hold the value too: they lose it the same way.
  rewriteMergeImages(ctx.db, customerId, (image) => imageWithoutField(image, key, builtIn));
  rewriteBeforeImages(ctx.db, customerId, (before) =>
    builtIn
      ? { ...before, ...withoutField(before, key) }
      : { ...before, stored_values: before.stored_values?.filter((v) => v.field_key !== key) },
  );
}
