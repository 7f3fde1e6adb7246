// The retention rules as SQL: customers with an erasure request not yet done, customers with no
// activity since a cutoff (archived or not), their count, and the totals per rule and month that
// survive the people erased.
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';

export type RedundantRow = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  archived: number;
  last_activity_at: string;
  last_activity: string;
  request_id: number | null;
  requested_at: string | null;
};

/** An information request still open. */
const OPEN = sql`status NOT IN ('confirmed', 'refused')`;

const COLUMNS = sql`c.id, coalesce(c.ref, '') AS ref, c.title, c.given_name, c.family_name, c.preferred_name,
  c.archived, c.last_activity_at, c.last_activity`;

/** One record by id, or none: two fixed statement texts (whole file, or one record), so both stay prepared. */
const onlyRecord = (onlyId: number | undefined) => (onlyId === undefined ? sql`` : sql` AND c.id = ${onlyId}`);

/** Customers with an erasure request not yet done (the oldest request per customer), oldest first. */
export function erasureRequested(db: DB, onlyId?: number): RedundantRow[] {
  return all(
    db,
    sql`SELECT ${COLUMNS}, r.id AS request_id, r.received_at AS requested_at
        FROM customers c JOIN info_requests r ON r.customer_id = c.id
        WHERE r.kind = 'erasure' AND r.${OPEN} AND r.id = (SELECT min(id) FROM info_requests x
          WHERE x.customer_id = c.id AND x.kind = 'erasure' AND x.${OPEN})${onlyRecord(onlyId)}
        ORDER BY r.received_at, c.id`,
  );
}

/**
 * No activity since the cutoff: the record's stamp (migration 0011) covers its changes and
 * verifications, purchases, consent, interactions, requests, imports and merges. An open request
 * keeps a record however old, since erasing it would end the request unanswered.
 */
export function unusedSince(db: DB, cutoff: string, archived: 0 | 1, limit: number, onlyId?: number): RedundantRow[] {
  return all(
    db,
    sql`SELECT ${COLUMNS}, NULL AS request_id, NULL AS requested_at FROM customers c
        WHERE c.last_activity_at < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM info_requests r WHERE r.customer_id = c.id AND r.${OPEN})
          AND c.archived = ${archived}${onlyRecord(onlyId)}
        ORDER BY c.last_activity_at, c.id LIMIT ${limit}`,
  );
}

/**
 * Records with no activity since the cutoff and no open request: the index on
 * (last_activity_at, archived) counts the range, less the few with an open request.
 */
export function countUnusedSince(db: DB, cutoff: string, archived: 0 | 1): number {
  return (
    get<{ n: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM customers WHERE archived = ${archived} AND last_activity_at < ${cutoff})
        - (SELECT count(DISTINCT c.id) FROM info_requests r JOIN customers c ON c.id = r.customer_id
            WHERE r.${OPEN} AND c.archived = ${archived} AND c.last_activity_at < ${cutoff}) AS n`,
    )?.n ?? 0
  );
}

/** An open request of this customer other than `requestId` (the one an erasure would fulfil). */
export function otherOpenRequest(db: DB, customerId: number, requestId: number | null): number | undefined {
  return get<{ id: number }>(
    db,
    sql`SELECT id FROM info_requests WHERE customer_id = ${customerId} AND ${OPEN}
          AND id IS NOT ${requestId} LIMIT 1`,
  )?.id;
}

/** One more record erased under `rule` this month: the only trace of it that stays. */
export function countErased(db: DB, rule: string, month: string): void {
  run(
    db,
    sql`INSERT INTO erasure_totals (rule, month, erased) VALUES (${rule}, ${month}, 1)
        ON CONFLICT (rule, month) DO UPDATE SET erased = erased + 1`,
  );
}

export function erasureTotals(db: DB): { rule: string; n: number }[] {
  return all(db, sql`SELECT rule, sum(erased) AS n FROM erasure_totals GROUP BY rule ORDER BY rule`);
}
