// What a merge carries from the merged-away record to the kept one, and how undo gives it back:
// requests, purchases, interactions and consent events move (their ids are remembered);
// one-per-customer rows (do-not-contact, a special-category acknowledgement) move when the kept
// record has none. Consent: the histories of both are kept, and the most restrictive choice wins —
// where one record had withdrawn what the other still has as given, a 'merge' event withdraws it.
import type { DB } from '../db/open';
import {
  carryValues,
  consentNewestFirst,
  deleteConsentEvent,
  deleteSingle,
  insertMergeWithdrawal,
  insertSingle,
  MOVED_TABLES,
  type MovedTable,
  moveRows,
  ONE_PER_CUSTOMER,
  type OneTable,
  returnRows,
  singleRow,
} from './relations.queries';

export type Moved = {
  rows: Partial<Record<MovedTable, number[]>>;
  /** One-per-customer rows of the merged-away record, as they were; `took` when the kept record received them. */
  singles: Partial<Record<OneTable, { row: Record<string, unknown>; took: boolean }>>;
  /** Consent events the merge itself wrote (withdrawals), removed again on undo. */
  added_events: number[];
};

/** Tables that hold rows about a customer and that a merge carries: the merge refuses nothing else silently. */
export const CARRIED_TABLES = new Set<string>([
  'customer_emails',
  'customer_phones',
  'customer_addresses',
  'customer_values',
  // People belonging to a merged-away organisation: detached by the foreign key (ON DELETE SET NULL).
  'customers',
  ...MOVED_TABLES,
  ...ONE_PER_CUSTOMER,
]);

type Latest = Map<string, { action: string; wording_version: number }>;

function latestConsent(db: DB, customerId: number): Latest {
  const latest: Latest = new Map();
  for (const r of consentNewestFirst(db, customerId))
    if (!latest.has(`${r.channel}|${r.purpose}`)) latest.set(`${r.channel}|${r.purpose}`, r);
  return latest;
}

export function carryRelations(db: DB, fromId: number, toId: number, userId: number, now: string): Moved {
  const kept = latestConsent(db, toId);
  const merged = latestConsent(db, fromId);
  const moved: Moved = { rows: {}, singles: {}, added_events: [] };
  // Register-defined values: the kept record's win; a field it lacks takes the other's. Undo
  // puts both back from the before-images (customers/images.ts), so nothing is remembered here.
  carryValues(db, fromId, toId);
  for (const table of MOVED_TABLES) {
    const ids = moveRows(db, table, fromId, toId);
    if (ids.length > 0) moved.rows[table] = ids;
  }
  for (const table of ONE_PER_CUSTOMER) {
    const row = singleRow(db, table, fromId);
    if (!row) continue;
    deleteSingle(db, table, fromId);
    const took = !singleRow(db, table, toId);
    if (took) insertSingle(db, table, { ...row, customer_id: toId });
    moved.singles[table] = { row, took };
  }
  for (const key of new Set([...kept.keys(), ...merged.keys()])) {
    const a = kept.get(key);
    const b = merged.get(key);
    if (!a || !b || a.action === b.action) continue;
    const now_ = latestConsent(db, toId).get(key);
    if (now_?.action !== 'given') continue;
    const [channel, purpose] = key.split('|') as [string, string];
    const id = insertMergeWithdrawal(db, {
      customerId: toId,
      channel,
      purpose,
      wordingVersion: now_.wording_version,
      wording: `Records ${toId} and ${fromId} were merged; one had withdrawn this consent, so the more restrictive choice is kept.`,
      at: now,
      userId,
    });
    moved.added_events.push(id);
  }
  return moved;
}

export function returnRelations(db: DB, moved: Moved, keptId: number, mergedId: number): void {
  for (const id of moved.added_events) deleteConsentEvent(db, id);
  for (const table of MOVED_TABLES) returnRows(db, table, moved.rows[table] ?? [], keptId, mergedId);
  for (const table of ONE_PER_CUSTOMER) {
    const single = moved.singles[table];
    if (!single) continue;
    if (single.took) deleteSingle(db, table, keptId);
    insertSingle(db, table, single.row);
  }
}

export function movedCount(moved: Moved): number {
  return Object.values(moved.rows).reduce((n, ids) => n + (ids?.length ?? 0), 0);
}
