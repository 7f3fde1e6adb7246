// Campaign lists in SQL: why a segment's member is left out (the one contactable rule first,
// then their stated contact frequency, then earlier lists), the freeze as one INSERT … SELECT,
// the random hold-out, members by page, responses and results. Portable SQL (CASE, EXISTS,
// json_each for lists of ids, random()).
import type { ConsentChannel } from '../../../shared/consent';
import type { ListLeftOut, Response } from '../../../shared/contract/campaigns';
import { reasonSql } from '../consent/contactable.queries';
import type { DB } from '../db/open';
import { all, get, type Query, run, sql } from '../db/sql';

/** On a mailed list after this moment, a customer who chose the frequency is left out. */
type FrequencyCutoffs = { weekly: string; monthly: string; fewTimesAYear: string };

/** Why customer `c` stays off a list: a reason, or NULL when they go on it. */
export function listReasonSql(
  channel: ConsentChannel,
  today: string,
  cutoffs: FrequencyCutoffs,
  exclude: number[],
): Query {
  const since = sql`CASE v.value WHEN 'Weekly' THEN ${cutoffs.weekly} WHEN 'Monthly' THEN ${cutoffs.monthly}
                      WHEN 'A few times a year' THEN ${cutoffs.fewTimesAYear} END`;
  return sql`coalesce(${reasonSql(channel, today)},
    CASE WHEN EXISTS (
      SELECT 1 FROM customer_values v JOIN campaign_members m ON m.customer_id = v.customer_id AND m.holdout = 0
        JOIN campaign_lists l ON l.id = m.list_id
      WHERE v.customer_id = c.id AND v.field_key = 'contact_frequency' AND l.created_at > ${since}) THEN 'frequency' END,
    CASE WHEN EXISTS (
      SELECT 1 FROM campaign_members m WHERE m.customer_id = c.id
        AND m.list_id IN (SELECT value FROM json_each(${JSON.stringify(exclude)}))) THEN 'earlier_list' END)`;
}

export function leftOutCounts(db: DB, where: Query, reason: Query): { reason: ListLeftOut; count: number }[] {
  return all<{ reason: ListLeftOut; count: number }>(
    db,
    sql`SELECT reason, count(*) AS count
        FROM (SELECT ${reason} AS reason FROM customers c WHERE c.archived = 0 AND ${where}) x
        WHERE reason IS NOT NULL GROUP BY reason`,
  );
}

type NewList = {
  name: string;
  segment_name: string;
  definition: string;
  channel: ConsentChannel;
  purpose: string;
  wording: string;
  left_out: string;
  at: string;
  by: number;
};

export function insertList(db: DB, l: NewList): number {
  return Number(
    run(
      db,
      sql`INSERT INTO campaign_lists
            (name, segment_name, definition, channel, purpose, wording, left_out, created_at, created_by)
          VALUES (${l.name}, ${l.segment_name}, ${l.definition}, ${l.channel}, ${l.purpose}, ${l.wording},
            ${l.left_out}, ${l.at}, ${l.by})`,
    ).lastInsertRowid,
  );
}

export function listNameTaken(db: DB, name: string): boolean {
  return get(db, sql`SELECT 1 FROM campaign_lists WHERE name = ${name}`) !== undefined;
}

/** The freeze: everyone in the segment with no reason to stay off, in one statement. */
export function freezeMembers(db: DB, listId: number, where: Query, reason: Query): number {
  return run(
    db,
    sql`INSERT INTO campaign_members (list_id, customer_id)
        SELECT ${listId}, c.id FROM customers c WHERE c.archived = 0 AND ${where} AND (${reason}) IS NULL`,
  ).changes;
}

export function holdOut(db: DB, listId: number, count: number): void {
  if (count <= 0) return;
  run(
    db,
    sql`UPDATE campaign_members SET holdout = 1 WHERE list_id = ${listId} AND customer_id IN (
          SELECT customer_id FROM campaign_members WHERE list_id = ${listId} ORDER BY random() LIMIT ${count})`,
  );
}

export type ListRow = {
  id: number;
  name: string;
  segment_name: string;
  channel: ConsentChannel;
  purpose: string;
  wording: string;
  left_out: string;
  created_at: string;
  created_by: string;
  members: number;
  held_out: number;
};

export function readLists(db: DB, id?: number): ListRow[] {
  return all<ListRow>(
    db,
    sql`SELECT l.id, l.name, l.segment_name, l.channel, l.purpose, l.wording, l.left_out, l.created_at,
          coalesce(u.name, '') AS created_by,
          (SELECT count(*) FROM campaign_members m WHERE m.list_id = l.id) AS members,
          (SELECT count(*) FROM campaign_members m WHERE m.list_id = l.id AND m.holdout = 1) AS held_out
        FROM campaign_lists l LEFT JOIN users u ON u.id = l.created_by
        WHERE ${id ?? null} IS NULL OR l.id = ${id ?? null}
        ORDER BY l.created_at DESC, l.id DESC`,
  );
}

type MemberRow = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  organisation_name: string;
  kind: string;
  holdout: number;
  response: Response | null;
};

export function memberPage(db: DB, listId: number, afterId: number, limit: number): MemberRow[] {
  return all<MemberRow>(
    db,
    sql`SELECT c.id, coalesce(c.ref, '') AS ref, c.title, c.given_name, c.family_name, c.preferred_name,
          c.organisation_name, c.kind, m.holdout, m.response
        FROM campaign_members m JOIN customers c ON c.id = m.customer_id
        WHERE m.list_id = ${listId} AND m.customer_id > ${afterId} ORDER BY m.customer_id LIMIT ${limit}`,
  );
}

/** The mailed members' ids (never the hold-out), for an export. */
export function mailedIds(db: DB, listId: number): number[] {
  return all<{ id: number }>(
    db,
    sql`SELECT customer_id AS id FROM campaign_members WHERE list_id = ${listId} AND holdout = 0 ORDER BY customer_id`,
  ).map((r) => r.id);
}

export function memberOf(db: DB, listId: number, customerId: number): { holdout: number } | undefined {
  return get(db, sql`SELECT holdout FROM campaign_members WHERE list_id = ${listId} AND customer_id = ${customerId}`);
}

export function setResponse(db: DB, listId: number, customerId: number, response: Response, at: string): void {
  run(
    db,
    sql`UPDATE campaign_members SET response = ${response}, responded_at = ${at}
        WHERE list_id = ${listId} AND customer_id = ${customerId}`,
  );
}

/** A bounce or returned post: the record goes to the top of the "needs checking" worklist. */
export function markForChecking(db: DB, customerId: number): void {
  run(db, sql`UPDATE customers SET verified_at = '' WHERE id = ${customerId}`);
}

export function responseCounts(db: DB, listId: number): { response: Response; count: number }[] {
  return all(
    db,
    sql`SELECT response, count(*) AS count FROM campaign_members WHERE list_id = ${listId} AND response IS NOT NULL
        GROUP BY response ORDER BY response`,
  );
}

/** Members (mailed or held out) with a purchase from the list's day up to `until`. */
export function boughtBetween(db: DB, listId: number, from: string, until: string, holdout: 0 | 1): number {
  return (
    get<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM campaign_members m WHERE m.list_id = ${listId} AND m.holdout = ${holdout}
          AND EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = m.customer_id AND p.amount_pence >= 0
                        AND p.date >= ${from} AND p.date <= ${until})`,
    )?.n ?? 0
  );
}
