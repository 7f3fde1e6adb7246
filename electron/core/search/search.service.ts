// Counter search: as-you-type over names, email pieces, phone digits and postcodes.
// Each reading of the query drives a range scan of the term index from its longest token; the
// other tokens are checked against the candidate's stored terms; results are ranked and capped.

import type { Input } from '../../../shared/contract';
import type { CustomerSummary } from '../../../shared/customer';
import { appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import type { DB } from '../db/open';
import { prepare } from '../db/sql';
import { prefixEnd, type Reading, readQuery } from './terms';

const MULTI_TOKEN_CANDIDATES = 2000;

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
    const driver = reading.reduce((a, b) => (b.length > a.length ? b : a));
    const cap = reading.length === 1 ? limit + 1 : MULTI_TOKEN_CANDIDATES;
    const ids = candidates(db, driver, cap);
    if (ids.length >= cap) capped = true;
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
