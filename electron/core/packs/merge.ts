// Merging an event pack into the main file, as one batch (an imports row of format 'pack', so its
// records, purchases and before-images are taken back together by the import undo's
// takeBackBatch; packs/undo.ts adds the consent events and the duplicate review's merges).
//
//   - New people: scored against the file by the duplicate review's own rule (findDraftMatchesMany,
//     the counter check's look-up for all sign-ups at once). At AUTO_MERGE_SCORE or above, with the reasons, they join that record
//     (empty fields filled, emails and phones added, as an import's "update empty"); below it a new
//     record is made and, when there is a likely match, the pair is queued for a person
//     (packs.queue, resolved with duplicates.merge / duplicates.dismiss).
//   - Consent events and purchases go to the record their person ended up in, with their own time,
//     wording and taker; consent events say which event, date, laptop and row they came from.
//   - A change to a looked-up record applies by itself only if the file still holds the value it
//     replaced; otherwise it waits for review, field by field. People erased since the pack was
//     made are not brought back (their changes, consent and sales are left out and counted).
//   - Every value written says where it came from: source 'event:NAME (DATE, LAPTOP)' and the batch.
import type { LookupField, MergeSummary } from '../../../shared/contract/packs';
import { CoreError } from '../../../shared/contract/result';
import type { Customer, CustomerData } from '../../../shared/customer';
import { displayName } from '../../../shared/customer';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import { insertCustomers } from '../customers/bulk';
import { customerExists, findByRef, getCustomer, type Origin, updateCustomer } from '../customers/customers.queries';
import { writeValueProvenance } from '../customers/details.queries';
import { storedValues } from '../customers/images';
import { checkCustomer, ruleErrors, saveRules } from '../customers/save';
import type { DB } from '../db/open';
import { withCacheSize } from '../db/pragmas';
import { type DraftMatch, findDraftMatchesMany } from '../duplicates/draft-matches';
import { mergeCustomer, sameData } from '../imports/merge';
import { keepBeforeImage } from '../imports/rollback';
import { writeImportedValues } from '../imports/values';
import { readValues, valueFields } from '../register/custom-values';
import { type OpenPack, openPack } from './pack-file';
import {
  countMergeBatch,
  insertChange,
  insertEventConsent,
  insertEventPurchase,
  insertMergeBatch,
  insertQueued,
  keptAfterMerge,
  markMerged,
  notePackConsent,
  readCaptures,
  readLookups,
  readPackConsents,
  readPackPurchases,
} from './packs.queries';
import { dataOf, valuePayload, valueText, withValue } from './values';

/**
 * A new person joins an existing record without anyone asking only at this score or above (0.5 is
 * the review's threshold). 0.95 is a weight of about 15: the same name and the same email, or a
 * misspelt name with the same email and phone, or the same name, date of birth and phone.
 */
const AUTO_MERGE_SCORE = 0.95;

/** The page cache while matching, in KiB as PRAGMA cache_size takes it (negative): 512 MiB. */
const MATCH_CACHE_KIB = -524_288;

class DryRun extends Error {}

/** The provenance of every value a merge writes: which event, its date and the laptop. */
export function eventSource(info: { event_name: string; event_date: string; laptop: string }): string {
  return `event:${info.event_name} (${info.event_date}, ${info.laptop})`;
}

type Plan = { summary: MergeSummary; customerOf: Map<number, number> };

/** A record from the pack as new-record data: its organisation link is the pack's, so it is not carried. */
function signUpData(c: Customer): CustomerData {
  return { ...dataOf(c), organisation_id: null };
}

/** Where a looked-up record is now: itself, the record it was merged into, or nowhere (erased). */
function currentId(db: DB, id: number): number | undefined {
  let at: number | undefined = id;
  for (let hops = 0; at !== undefined && hops < 10; hops++) {
    if (customerExists(db, at)) return at;
    at = keptAfterMerge(db, at);
  }
  return undefined;
}

type SignUp = {
  packId: number;
  uid: string;
  data: CustomerData;
  best: DraftMatch | undefined;
};

/**
 * Read the sign-ups and score each against the file, before any write: only reads, with a larger
 * page cache. The sign-ups are looked up together (findDraftMatchesMany), so the candidates'
 * records are read once each, in file order, rather than at random sign-up after sign-up.
 */
function matchSignUps(ctx: Context, pack: OpenPack, summary: MergeSummary): SignUp[] {
  const rules = saveRules(ctx);
  const refs = new Set<string>();
  const matched: SignUp[] = [];
  const unnumbered: SignUp[] = [];
  for (const capture of readCaptures(pack.db).filter((c) => c.kind === 'customer')) {
    const stored = getCustomer(pack.db, capture.row_id);
    if (!stored) continue;
    summary.signups++;
    // The register's values typed at the sign-up come too, those the file's register still has.
    const known = new Set(rules.fields.map((f) => f.key));
    const typed = Object.entries(readValues(pack.db, stored.id)).filter(([key]) => known.has(key));
    const data: CustomerData = { ...signUpData(stored), fields: Object.fromEntries(typed) };
    // A customer number the file already holds names that record: the strongest match there is.
    const holder = data.ref ? findByRef(ctx.db, data.ref) : undefined;
    if (data.ref && (holder !== undefined || refs.has(data.ref))) data.ref = '';
    if (data.ref) refs.add(data.ref);
    const refused = ruleErrors(() => checkCustomer(ctx, null, data, 'import', rules));
    if (refused) {
      summary.rejected.push({ uid: capture.uid, message: refused.map((f) => f.message).join(' ') });
      continue;
    }
    const signUp: SignUp = { packId: stored.id, uid: capture.uid, data, best: undefined };
    if (holder !== undefined)
      signUp.best = { id: holder, weight: Number.POSITIVE_INFINITY, score: 1, reasons: ['the same customer number'] };
    else unnumbered.push(signUp);
    matched.push(signUp);
  }
  const found = findDraftMatchesMany(
    ctx.db,
    unnumbered.map((s) => ({ draft: s.data })),
    1,
  );
  unnumbered.forEach((s, i) => {
    s.best = found[i]?.[0];
  });
  return matched;
}

function mergeSignUps(
  ctx: Context,
  pack: OpenPack,
  signUps: readonly SignUp[],
  batch: number,
  origin: Origin,
  plan: Plan,
): void {
  const { summary, customerOf } = plan;
  const definitions = valueFields(ctx.db);
  const user = ctx.session.user.id;
  const now = ctx.now();
  const fresh: SignUp[] = [];
  for (const signUp of signUps) {
    const { best, data } = signUp;
    // The record may have changed since it was scored (an earlier sign-up of this pack joined it).
    const existing = best && best.score >= AUTO_MERGE_SCORE ? getCustomer(ctx.db, best.id) : undefined;
    if (!best || !existing) {
      fresh.push(signUp);
      continue;
    }
    const merged = mergeCustomer(existing, data, 'update-empty');
    const held = storedValues(ctx.db, existing.id);
    // Only what the record lacks is filled in, as for the fields above (update-empty).
    const filled = writeImportedValues(ctx.db, existing.id, data.fields, definitions, true);
    if (!sameData(existing, merged) || filled.size > 0) {
      keepBeforeImage(ctx.db, batch, { ...existing, stored_values: held }, existing.version + 1);
      // Also when only register values changed: the new version tells undo the record is untouched since.
      updateCustomer(ctx.db, existing.id, existing.version, merged, user, now, origin);
      writeValueProvenance(ctx.db, existing.id, filled, user, now, origin);
    }
    customerOf.set(signUp.packId, existing.id);
    summary.auto_merged++;
    summary.auto.push({
      uid: signUp.uid,
      customer_id: existing.id,
      name: displayName(existing),
      score: best.score,
      reasons: best.reasons,
    });
  }
  const ids = insertCustomers(
    ctx.db,
    fresh.map((f) => f.data),
    user,
    now,
    origin,
  );
  fresh.forEach((f, i) => {
    const id = ids[i] as number;
    writeValueProvenance(
      ctx.db,
      id,
      writeImportedValues(ctx.db, id, f.data.fields, definitions, false),
      user,
      now,
      origin,
    );
    customerOf.set(f.packId, id);
    summary.created++;
    if (f.best) {
      insertQueued(ctx.db, {
        packId: pack.info.pack_id,
        uid: f.uid,
        customerId: id,
        candidateId: f.best.id,
        score: f.best.score,
        reasons: f.best.reasons,
      });
      summary.queued++;
    }
  });
}

function mergeChanges(ctx: Context, pack: OpenPack, batch: number, origin: Origin, plan: Plan): void {
  const { summary, customerOf } = plan;
  const fields = (JSON.parse(pack.info.lookup) as { fields: LookupField[] }).fields;
  const user = ctx.session.user.id;
  const now = ctx.now();
  const definitions = valueFields(ctx.db);
  const known = new Set(definitions.map((f) => f.key));
  for (const lookup of readLookups(pack.db)) {
    const mainId = currentId(ctx.db, lookup.main_id);
    if (mainId === undefined) {
      summary.erased_skipped++;
      continue;
    }
    customerOf.set(lookup.customer_id, mainId);
    const atEvent = getCustomer(pack.db, lookup.customer_id);
    if (!atEvent) continue;
    const original = JSON.parse(lookup.original) as Record<string, string>;
    const here = getCustomer(ctx.db, mainId) as Customer;
    let data = dataOf(here);
    const applied: { field: LookupField; value: string; payload: unknown; replaced: string }[] = [];
    for (const field of fields) {
      const replaced = original[field] ?? '';
      const value = valueText(atEvent, field);
      if (value === replaced) continue;
      const payload = valuePayload(atEvent, field);
      if (valueText(here, field) === replaced) {
        data = withValue(data, field, payload);
        applied.push({ field, value, payload, replaced });
      } else {
        insertChange(ctx.db, {
          packId: pack.info.pack_id,
          customerId: mainId,
          field,
          replaced,
          value,
          payload: JSON.stringify(payload),
          status: 'waiting',
        });
        summary.changes_waiting++;
      }
    }
    // The register's values given at the event (the pack carries none out, so all of them are
    // new there) fill only what the record lacks, as a sign-up's do.
    const held = storedValues(ctx.db, here.id);
    const given = Object.entries(readValues(pack.db, lookup.customer_id)).filter(([key]) => known.has(key));
    const filled = writeImportedValues(ctx.db, here.id, Object.fromEntries(given), definitions, true);
    if (applied.length === 0 && filled.size === 0) continue;
    keepBeforeImage(ctx.db, batch, { ...here, stored_values: held }, here.version + 1);
    // Also when only register values changed: the new version tells undo the record is untouched since.
    if (!updateCustomer(ctx.db, here.id, here.version, data, user, now, origin))
      throw new CoreError('CONFLICT', 'A record changed while the pack was merging. Merge again.');
    writeValueProvenance(ctx.db, here.id, filled, user, now, origin);
    for (const a of applied) {
      insertChange(ctx.db, {
        packId: pack.info.pack_id,
        customerId: mainId,
        field: a.field,
        replaced: a.replaced,
        value: a.value,
        payload: JSON.stringify(a.payload),
        status: 'applied',
      });
      summary.changes_applied++;
    }
  }
}

function mergeConsentsAndSales(ctx: Context, pack: OpenPack, batch: number, plan: Plan): void {
  const { summary, customerOf } = plan;
  const { info } = pack;
  const uidOf = new Map(readCaptures(pack.db).map((c) => [`${c.kind}:${c.row_id}`, c.uid]));
  const by = (id: number) => (pack.accountIds.has(id) ? id : ctx.session.user.id);
  for (const event of readPackConsents(pack.db)) {
    const target = customerOf.get(event.customer_id);
    if (target === undefined) continue;
    const note = `Event pack “${info.event_name}”, ${info.event_date}, laptop ${info.laptop}; row ${uidOf.get(`consent:${event.id}`) ?? event.id}${event.evidence_note ? `. ${event.evidence_note}` : ''}`;
    notePackConsent(
      ctx.db,
      info.pack_id,
      insertEventConsent(ctx.db, target, event, by(event.by_user), note.slice(0, 500)),
    );
    summary.consents++;
  }
  for (const sale of readPackPurchases(pack.db)) {
    const target = customerOf.get(sale.customer_id);
    if (target === undefined) continue;
    insertEventPurchase(ctx.db, target, sale, by(sale.created_by), batch);
    summary.purchases++;
  }
}

function emptySummary(pack: OpenPack, dryRun: boolean): MergeSummary {
  const { info } = pack;
  return {
    pack_id: info.pack_id,
    event_name: info.event_name,
    event_date: info.event_date,
    laptop: info.laptop,
    dry_run: dryRun,
    auto_threshold: AUTO_MERGE_SCORE,
    signups: 0,
    auto_merged: 0,
    created: 0,
    queued: 0,
    consents: 0,
    purchases: 0,
    changes_applied: 0,
    changes_waiting: 0,
    erased_skipped: 0,
    rejected: [],
    auto: [],
  };
}

/** Merge the pack at `file` (opened with its own passphrase); a dry run writes nothing. */
export function mergePackFile(ctx: Context, file: string, passphrase: string, dryRun: boolean): MergeSummary {
  const pack = openPack(ctx, file, passphrase);
  try {
    const plan: Plan = { summary: emptySummary(pack, dryRun), customerOf: new Map() };
    const { info } = pack;
    // The look-up reads the file's records once and the likely candidates' contacts scattered
    // over it: a larger page cache for this phase keeps more of them decrypted (given back afterwards).
    const signUps = withCacheSize(ctx.db, MATCH_CACHE_KIB, () => matchSignUps(ctx, pack, plan.summary));
    const write = () => {
      const now = ctx.now();
      const user = ctx.session.user.id;
      const batch = insertMergeBatch(
        ctx.db,
        {
          source: `Event pack: ${info.event_name} (${info.event_date}, ${info.laptop})`,
          fileName: pack.made.file_name,
          mapping: '[]',
        },
        user,
        now,
      );
      const origin: Origin = { source: eventSource(info), importId: batch };
      mergeSignUps(ctx, pack, signUps, batch, origin, plan);
      mergeChanges(ctx, pack, batch, origin, plan);
      mergeConsentsAndSales(ctx, pack, batch, plan);
      const s = plan.summary;
      if (dryRun) throw new DryRun();
      countMergeBatch(ctx.db, batch, {
        rows: s.signups,
        created: s.created,
        updated: s.auto_merged + s.changes_applied,
        rejected: s.rejected.length,
        matched: s.auto_merged,
      });
      const { auto: _auto, rejected, ...counts } = s;
      markMerged(ctx.db, info.pack_id, batch, user, now, JSON.stringify({ ...counts, rejected: rejected.length }));
      appendAudit(ctx.db, user, now, {
        action: 'pack.merge',
        detail: { pack: info.pack_id, event: info.event_name, ...counts, rejected: rejected.length },
      });
    };
    try {
      // One transaction in the WAL, with the file's own page cache: a few thousand rows are not a
      // bulk load (withBulkSettings would shrink the cache the look-ups above just warmed).
      ctx.db.transaction(write)();
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
    }
    return plan.summary;
  } finally {
    pack.db.close();
  }
}
