// Counter search: as-you-type over names, email pieces, phone digits and postcodes.
// A one-token reading is a range scan of the term index. A reading of several tokens is narrowed
// in the index first: each token's range is read (up to TOKEN_SCAN entries) and the customer ids
// intersected, so only customers that can match are read from the table; a token with a range
// too large to read is checked against the candidate's stored terms instead. Then ranked, capped.

import type { Input } from '../../../shared/contract';
import type { CustomerSummary } from '../../../shared/customer';
import { appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { prepare } from '../db/sql';
import { prefixEnd, type Reading, readQuery } from './terms';

const MULTI_TOKEN_CANDIDATES = 2000;
/** Index entries read per token of a multi-token reading; a wider range is checked per candidate. */
const TOKEN_SCAN = 20_000;

type Row = Omit<CustomerSummary, 'archived'> & { archived: number; terms: string; updated_at: string };

const SUMMARY = `
  SELECT c.id, coalesce(c.ref, '') AS ref, c.title, c.given_name, c.family_name, c.preferred_name, c.archived,
    c.terms, c.updated_at,
    coalesce((SELECT address FROM customer_emails WHERE customer_id = c.id ORDER BY position LIMIT 1), '') AS email,
    coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), '') AS phone,
    coalesce((SELECT postcode FROM customer_addresses WHERE customer_id = c.id ORDER BY position LIMIT 1), '') AS postcode,
    coalesce((SELECT town FROM customer_addresses WHERE customer_id = c.id ORDER BY position LIMIT 1), '') AS town
  FROM customers c`;

function candidates(db: DB, token: string, cap: number): number[] {
  const rows = prepare(db, 'SELECT DISTINCT customer_id FROM search_terms WHERE term >= ? AND term < ? LIMIT ?')
    .raw(true)
    .all(token, prefixEnd(token), cap) as [number][];
  return rows.map((r) => r[0]);
}

/** The customers with a term starting with `token`, or null when there are more than `cap` entries. */
function tokenIds(db: DB, token: string, cap: number): Set<number> | null {
  const rows = prepare(db, 'SELECT customer_id FROM search_terms WHERE term >= ? AND term < ? LIMIT ?')
    .raw(true)
    .all(token, prefixEnd(token), cap + 1) as [number][];
  return rows.length > cap ? null : new Set(rows.map((r) => r[0]));
}

/**
 * Candidates for a reading of several tokens: the intersection of every token whose range is
 * small enough to read, or (when none is) the first ids under the longest token, as before.
 */
function multiTokenCandidates(db: DB, reading: Reading): { ids: number[]; capped: boolean } {
  let narrowed: Set<number> | null = null;
  for (const token of [...reading].sort((a, b) => b.length - a.length)) {
    const ids = tokenIds(db, token, TOKEN_SCAN);
    if (!ids) continue;
    if (narrowed === null) narrowed = ids;
    else {
      const next = new Set<number>();
      for (const id of narrowed) if (ids.has(id)) next.add(id);
      narrowed = next;
    }
    if (narrowed.size === 0) break;
  }
  if (narrowed === null) {
    const driver = reading.reduce((a, b) => (b.length > a.length ? b : a));
    const ids = candidates(db, driver, MULTI_TOKEN_CANDIDATES);
    return { ids, capped: ids.length >= MULTI_TOKEN_CANDIDATES };
  }
  const ids = [...narrowed];
  if (ids.length > MULTI_TOKEN_CANDIDATES) return { ids: ids.slice(0, MULTI_TOKEN_CANDIDATES), capped: true };
  return { ids, capped: false };
}

function matchingTerms(db: DB, ids: number[], reading: Reading, includeArchived: boolean): number[] {
  const rows = prepare(db, 'SELECT id, terms, archived FROM customers WHERE id IN (SELECT value FROM json_each(?))')
    .raw(true)
    .all(JSON.stringify(ids)) as [number, string, number][];
  return rows
    .filter(([, terms, archived]) => (includeArchived || !archived) && score(terms.split(' '), reading) > 0)
    .map((r) => r[0]);
}

function summaries(db: DB, ids: number[]): Row[] {
  if (ids.length === 0) return [];
  return prepare(db, `${SUMMARY} WHERE c.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[];
}

/** 2 for each token that is a whole term, 1 for each that is only a prefix of one. */
function score(terms: string[], reading: Reading): number {
  let total = 0;
  for (const token of reading) {
    if (terms.includes(token)) total += 2;
    else if (terms.some((t) => t.startsWith(token))) total += 1;
    else return 0;
  }
  return total;
}

export type SearchResult = { items: CustomerSummary[]; capped: boolean };

export function searchCustomers(db: DB, q: string, limit: number, includeArchived: boolean): SearchResult {
  if (q.trim() === '') return recent(db, limit, includeArchived);
  const readings = readQuery(q);
  const best = new Map<number, { row: Row; score: number }>();
  let capped = false;
  for (const reading of readings) {
    let ids: number[];
    if (reading.length === 1) {
      ids = candidates(db, reading[0] as string, limit + 1);
      if (ids.length > limit) capped = true;
    } else {
      const found = multiTokenCandidates(db, reading);
      ids = found.ids;
      if (found.capped) capped = true;
    }
    // Many candidates: check the stored terms first (one narrow row each), and read the summary
    // (four more lookups each) only for those that match every token.
    if (ids.length > limit + 1) ids = matchingTerms(db, ids, reading, includeArchived);
    for (const row of summaries(db, ids)) {
      if (row.archived && !includeArchived) continue;
      const s = score(row.terms.split(' '), reading);
      if (s === 0) continue;
      const seen = best.get(row.id);
      if (!seen || seen.score < s) best.set(row.id, { row, score: s });
    }
  }
  const ranked = [...best.values()].sort(
    (a, b) =>
      b.score - a.score ||
      a.row.family_name.localeCompare(b.row.family_name) ||
      a.row.given_name.localeCompare(b.row.given_name) ||
      a.row.id - b.row.id,
  );
  if (ranked.length > limit) capped = true;
  return { items: ranked.slice(0, limit).map(({ row }) => toSummary(row)), capped };
}

function recent(db: DB, limit: number, includeArchived: boolean): SearchResult {
  const rows = prepare(
    db,
    `${SUMMARY} WHERE c.id IN (SELECT id FROM customers WHERE archived = 0 OR ? ORDER BY updated_at DESC, id DESC LIMIT ?)
     ORDER BY c.updated_at DESC, c.id DESC`,
  ).all(includeArchived ? 1 : 0, limit + 1) as Row[];
  return { items: rows.slice(0, limit).map(toSummary), capped: rows.length > limit };
}

function toSummary(row: Row): CustomerSummary {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    given_name: row.given_name,
    family_name: row.family_name,
    preferred_name: row.preferred_name,
    email: row.email,
    phone: row.phone,
    postcode: row.postcode,
    town: row.town,
    archived: row.archived === 1,
  };
}

/** The counter search as staff call it: every query is recorded in the audit log. */
export function searchWithAudit(
  ctx: Context,
  input: Input<'search.query'> & { limit: number; include_archived: boolean },
) {
  const result = searchCustomers(ctx.db, input.q, input.limit, input.include_archived);
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'search',
    detail: { q: input.q.slice(0, 200), results: result.items.length },
  });
  return result;
}
