// Erasing a customer for real: the record, its emails, phones, addresses and search entries go,
// with every before-image kept of them (an import batch's, a merge's) and the records merged into
// them; search queries in the audit log that would find them are blanked; requests about them are
// kept without them; the audit keeps only a tombstone (id, date, reason, who). With secure_delete
// (freed pages zeroed) and FTS5 secure-delete on, and the WAL checkpointed, nothing of the record
// is left in the file. One value can go the same way while the record stays (eraseValue: a field
// past its retention).
import type { Input, Output } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/result';
import type { Customer, CustomerData } from '../../../shared/customer';
import { fold, nameWords } from '../../../shared/text';
import { appendAudit, erasePayloads, searchesNaming } from '../audit/audit';
import { auditEntriesAbout } from '../audit/audit.queries';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { checkpoint } from '../db/pragmas';
import { forgetMerges, mergedInto, mergeImageTerms, rewriteMergeImages } from '../duplicates/merge.queries';
import { type BeforeImage, forgetBeforeImages, rewriteBeforeImages } from '../imports/imports.queries';
import { removeTerms } from '../search/index.queries';
import { customerTerms, queryFinds, queryTouches, termPrefixes } from '../search/terms';
import { getCustomer, RETENTION, updateCustomer } from './customers.queries';
import { dropValue, eraseProvenance, forgetValueProvenance } from './details.queries';
import {
  closeRequestsAbout,
  deleteCustomerRow,
  otherOpenRequest,
  requestState,
  requestTexts,
  storedTerms,
  writeRequestTexts,
} from './erase.queries';
import { eraseProfile } from './erase-profile.queries';
import { imageWithoutField } from './images';

export function eraseCustomer(ctx: Context, input: Input<'customers.erase'>): Output<'customers.erase'> {
  const erased = eraseRecord(ctx, input);
  // Old page images live in the WAL until a checkpoint: write them back and empty it.
  checkpoint(ctx.db);
  return erased;
}

/** The erasure itself, in one transaction; the caller checkpoints (once, after many). */
export function eraseRecord(ctx: Context, input: Input<'customers.erase'>): Output<'customers.erase'> {
  const erasedAt = ctx.now();
  ctx.db.transaction(() => {
    const stored = storedTerms(ctx.db, input.id);
    if (stored === undefined)
      throw new CoreError('NOT_FOUND', 'That customer record does not exist (it may already have been erased).');
    const open = otherOpenRequest(ctx.db, input.id, input.request_id ?? null);
    if (input.request_id !== undefined) checkLinkedRequest(ctx, input.id, input.request_id);
    if (open !== undefined) {
      throw new CoreError(
        'CONFLICT',
        `This customer has an open information request (number ${open}). Finish or refuse it before erasing the record.`,
      );
    }
    const terms = stored.split(' ').filter(Boolean);
    if (terms.length > 0) removeTerms(ctx.db, input.id, stored);
    // The person under every id they had: this record and those merged into it (merges: first).
    const ids = [input.id, ...mergedInto(ctx.db, input.id)];
    // What they were found by, now and in every before-image kept of them (an import's, a merge's):
    // a former phone number or name names them as much as the current one.
    const known = new Set(terms);
    for (const t of mergeImageTerms(ctx.db, ids)) known.add(t);
    for (const image of forgetBeforeImages(ctx.db, ids)) for (const t of imageTerms(image)) known.add(t);
    // Audit entries about the record keep who/when/what; their details (field lists, queries) go.
    erasePayloads(ctx.db, auditEntriesAbout(ctx.db, 'customer', ids));
    // Searches typed at the counter that would find them (a name prefix, phone digits, an email
    // or a postcode, by the search's own rule): the query text goes, the entry and its hash stay.
    erasePayloads(ctx.db, searchesFinding(ctx, known));
    closeRequestsAbout(ctx.db, input.id, input.request_id ?? null, erasedAt);
    blankRequestText(ctx, input.id, known);
    // Where their values came from, under each id they had.
    eraseProvenance(ctx.db, ids);
    // Merge before-images hold the person too (this record, or one merged into it).
    forgetMerges(ctx.db, ids);
    // Consent evidence, purchases, interactions and note confirmations go with the person.
    eraseProfile(ctx.db, input.id);
    deleteCustomerRow(ctx.db, input.id);
    appendAudit(ctx.db, ctx.session.user.id, erasedAt, {
      action: 'customer.erase',
      entity: 'tombstone',
      entityId: input.id,
      detail: { reason: input.reason, request: input.request_id ?? null },
    });
  })();
  return { id: input.id, erased_at: erasedAt };
}

/** The audit entries of searches whose typed query would find someone known by these terms. */
export function searchesFinding(ctx: Context, known: ReadonlySet<string>): number[] {
  const prefixes = termPrefixes(known);
  const seen = new Map<string, boolean>();
  return searchesNaming(ctx.db, (q) => {
    const cached = seen.get(q);
    if (cached !== undefined) return cached;
    const hit = queryFinds(q, prefixes);
    seen.set(q, hit);
    return hit;
  });
}

/**
 * The request an erasure carries out must be an open, approved erasure request about this
 * customer: linking any other would close it as "Record erased" and hide it from the open check.
 */
function checkLinkedRequest(ctx: Context, customerId: number, requestId: number): void {
  const r = requestState(ctx.db, requestId);
  if (!r || r.customer_id !== customerId)
    throw new CoreError('INVALID_INPUT', `Request ${requestId} is not about this customer.`);
  if (r.kind !== 'erasure')
    throw new CoreError('INVALID_INPUT', `Request ${requestId} is not an erasure request, so erasing cannot close it.`);
  if (r.status === 'awaiting_approval')
    throw new CoreError('CONFLICT', `Request ${requestId} is waiting for a manager's approval. Approve it first.`);
  if (r.status === 'confirmed' || r.status === 'refused')
    throw new CoreError('CONFLICT', `Request ${requestId} is already closed.`);
}

/** The terms an import's before-image would be found by (an image too odd to read adds none). */
export function imageTerms(image: BeforeImage): string[] {
  try {
    return customerTerms(image);
  } catch {
    return [];
  }
}

const ERASED_TEXT = '(erased with the customer)';

/**
 * Requests about them are kept without them: a free-text field (who asked, why, how they were
 * checked, the notes) that mentions a word of their name, an email, a phone number, a postcode or
 * a customer number they had is replaced as a whole; other text stays as written.
 */
function blankRequestText(ctx: Context, customerId: number, terms: ReadonlySet<string>): void {
  const words = new Set<string>();
  const pieces: string[] = [];
  const digits: string[] = [];
  for (const t of terms) {
    if (t.startsWith('#')) digits.push(t.slice(-10));
    else if (t.startsWith('~') || t.startsWith('@')) continue;
    else if (t.includes('@') || /\d/.test(t)) pieces.push(t);
    else if (t.length >= 3) words.add(t);
  }
  const mentions = (text: string) => {
    if (text === '' || text === ERASED_TEXT) return false;
    const folded = fold(text);
    const compact = folded.replace(/\s+/g, '');
    const textDigits = text.replace(/\D/g, '');
    return (
      nameWords(text).some((w) => words.has(w)) ||
      pieces.some((p) => compact.includes(p)) ||
      digits.some((d) => d.length >= 6 && textDigits.includes(d))
    );
  };
  const blank = (text: string) => (mentions(text) ? ERASED_TEXT : text);
  for (const r of requestTexts(ctx.db, customerId)) {
    writeRequestTexts(ctx.db, {
      id: r.id,
      requester_name: blank(r.requester_name),
      requester_org: blank(r.requester_org),
      reason: blank(r.reason),
      identity_check: blank(r.identity_check),
      decision_note: blank(r.decision_note),
      confirmation_note: blank(r.confirmation_note),
    });
  }
}

/**
 * Blank the counter searches in the audit log that would have found the record by a value now
 * erased: by the search's own rule on the record as it was, with a token that reads a removed term.
 */
function blankSearchesTyping(db: DB, before: readonly string[], removed: readonly string[]): void {
  if (removed.length === 0) return;
  const all = termPrefixes(before);
  const gone = termPrefixes(removed);
  erasePayloads(
    db,
    searchesNaming(db, (q) => queryFinds(q, all) && queryTouches(q, gone)),
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
 * retention/field-retention.ts): a built-in field is blanked through the one customer writer, so
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
    const before = (storedTerms(ctx.db, customerId) ?? '').split(' ').filter(Boolean);
    const data = withoutField(stored, key);
    updateCustomer(ctx.db, customerId, stored.version, data, ctx.session.user.id, ctx.now(), RETENTION);
    const after = new Set(customerTerms(data));
    blankSearchesTyping(
      ctx.db,
      before,
      before.filter((t) => !after.has(t)),
    );
  } else {
    // Register-defined values are not searched (search/terms.ts): the row is all there is.
    dropValue(ctx.db, customerId, key);
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
