// Counter search: as-you-type over names, email pieces, phone digits and postcodes.
// Each reading of the query (see terms.ts) is asked of the FTS5 index twice: every token as a
// whole term first (so "lee" finds Lee before Leeming), then every token as a prefix to fill up.
// The candidates' rows (one read each: the summary is on the row) are scored and ranked.
import type { Input } from '../../../shared/contract';
import type { CustomerSummary } from '../../../shared/customer';
import { appendReadAudit } from '../audit/audit';
import type { Context } from '../context';
import { visibleSummaries } from '../customers/details.service';
import { recentSummaries, type SummaryRow, summariesWithTerms, toSummary } from '../customers/summary.queries';
import type { DB } from '../db/open';
import { matchIds } from './index.queries';
import { matchExpression, type Reading, readQuery } from './terms';

type Row = SummaryRow & { terms: string };

/** 2 for each token that is a whole term, 1 for each that is only a prefix of one; 0 if one is neither. */
function score(terms: string[], reading: Reading): number {
  let total = 0;
  for (const token of reading) {
    if (terms.includes(token)) total += 2;
    else if (terms.some((t) => t.startsWith(token))) total += 1;
    else return 0;
  }
  return total;
}

type SearchResult = { items: CustomerSummary[]; capped: boolean };

export function searchCustomers(db: DB, q: string, limit: number, includeArchived: boolean): SearchResult {
  if (q.trim() === '') return recent(db, limit, includeArchived);
  // Archived records are in the index too and are dropped after reading; they are few, so a
  // page may show slightly fewer than `limit` rather than every search reading twice the rows.
  const cap = limit + 1;
  const best = new Map<number, { row: Row; score: number }>();
  let capped = false;
  for (const reading of readQuery(q)) {
    const ids = new Set(matchIds(db, matchExpression(reading, false), cap));
    if (ids.size < cap) {
      const more = matchIds(db, matchExpression(reading, true), cap);
      if (more.length >= cap) capped = true;
      for (const id of more) if (ids.size < cap) ids.add(id);
    } else {
      capped = true;
    }
    for (const row of summariesWithTerms(db, [...ids])) {
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
  const rows = recentSummaries(db, limit, includeArchived);
  return { items: rows.slice(0, limit).map(toSummary), capped: rows.length > limit };
}

/**
 * The counter search as staff call it: every query is recorded in the audit log. An empty one
 * searches for nothing (it lists the recently updated records the panel opens with): no entry.
 */
export function searchWithAudit(
  ctx: Context,
  input: Input<'search.query'> & { limit: number; include_archived: boolean },
) {
  const found = searchCustomers(ctx.db, input.q, input.limit, input.include_archived);
  const result = { ...found, items: visibleSummaries(ctx, found.items) };
  if (input.q.trim() === '') return result;
  appendReadAudit(ctx.db, ctx.session.user.id, ctx.now(), {
    action: 'search',
    detail: { q: input.q.slice(0, 200), results: result.items.length },
  });
  return result;
}
