// The one customer-summary projection and its mapper: the row a list of customers shows (the
// counter search, its opening list of recent records, the must-have worklist). The summary
// columns are copied onto the customers row when it is written (customers.queries.ts summaryOf),
// so a list reads one row per customer and no child table.
import type { CustomerSummary } from '../../../shared/customer';
import type { DB } from '../db/open';
import { all, join, type Query, sql } from '../db/sql';

/** A summary as stored, before mapping (archived as 0/1, kind as text). */
export type SummaryRow = Omit<CustomerSummary, 'archived' | 'kind'> & { archived: number; kind: string };

/** The projection over an unaliased `customers`; `extra` adds columns a caller needs besides (`terms`). */
function summaryColumns(extra?: Query): Query {
  const columns = sql`id, coalesce(ref, '') AS ref, title, given_name, family_name, preferred_name, archived,
    summary_email AS email, summary_phone AS phone, summary_postcode AS postcode, summary_town AS town,
    kind, organisation_name`;
  return extra ? join([columns, extra], ', ') : columns;
}

const SUMMARY = summaryColumns();
const SUMMARY_AND_TERMS = summaryColumns(sql`terms`);

export function toSummary(row: SummaryRow): CustomerSummary {
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
    // Only organisations say so: a person's row stays as it was.
    ...(row.kind === 'organisation' ? { kind: 'organisation' as const, organisation_name: row.organisation_name } : {}),
  };
}

/** The summaries (with their search terms) of these records, in no particular order. */
export function summariesWithTerms(db: DB, ids: readonly number[]): (SummaryRow & { terms: string })[] {
  if (ids.length === 0) return [];
  return all(
    db,
    sql`SELECT ${SUMMARY_AND_TERMS} FROM customers WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
}

/** The most recently updated records, one more than `limit` (to tell that there are more). */
export function recentSummaries(db: DB, limit: number, includeArchived: boolean): SummaryRow[] {
  return all(
    db,
    sql`SELECT ${SUMMARY} FROM customers WHERE archived = 0 OR ${includeArchived ? 1 : 0}
        ORDER BY updated_at DESC, id DESC LIMIT ${limit + 1}`,
  );
}

/**
 * Records for which any of `tests` holds (each a condition over an unaliased customers row), most
 * recently updated first, with one 0/1 column per test (m0, m1, …); one more than `limit`.
 */
export function summariesWhereAny(
  db: DB,
  tests: readonly Query[],
  includeArchived: boolean,
  limit: number,
): (SummaryRow & Record<string, unknown>)[] {
  const flags = join(
    tests.map((t, i) => sql`${t} AS ${flagName(i)}`),
    ', ',
  );
  return all(
    db,
    sql`SELECT ${summaryColumns(flags)} FROM customers
        WHERE (archived = 0 OR ${includeArchived ? 1 : 0}) AND (${join(tests, ' OR ')})
        ORDER BY updated_at DESC, id DESC LIMIT ${limit + 1}`,
  );
}

/** The name of the i-th flag column: made here from a number, never from input. */
export function flagName(i: number): Query {
  if (!Number.isInteger(i) || i < 0) throw new Error('flag: a column number');
  return { text: `m${i}`, params: [] };
}
