// Freshness: the records not checked since a cutoff.
import type { DB } from '../db/open';
import { all, get, sql } from '../db/sql';

type StaleRow = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  verified_at: string;
  updated_at: string;
};

/** Live records not verified since the cutoff, the longest unconfirmed first, one page. */
export function staleSince(db: DB, cutoff: string, limit: number, offset: number): StaleRow[] {
  return all(
    db,
    sql`SELECT id, coalesce(ref, '') AS ref, title, given_name, family_name, preferred_name, verified_at, updated_at
        FROM customers WHERE verified_at < ${cutoff} AND archived = 0
        ORDER BY verified_at, id LIMIT ${limit} OFFSET ${offset}`,
  );
}

export function countStaleSince(db: DB, cutoff: string): number {
  return (
    get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers WHERE verified_at < ${cutoff} AND archived = 0`)
      ?.n ?? 0
  );
}
