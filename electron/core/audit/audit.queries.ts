// Reading the audit log for the audit screen: one page of entries, newest first, narrowed by
// person, customer, kinds of action and time, with the person's name and the customer's stored
// name parts joined in. Only reads; the chain itself is written and checked in audit.ts.
import type { DB } from '../db/open';
import { all, type Query, sql } from '../db/sql';

export type AuditRow = {
  seq: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: string;
};

type AuditQuery = {
  beforeSeq?: number | undefined;
  limit: number;
  entityId?: number | undefined;
  customerId?: number | undefined;
  userId?: number | undefined;
  actions?: readonly string[] | undefined;
  /** ISO instants: from included, until excluded. */
  from?: string | undefined;
  until?: string | undefined;
};

/** The entity names under which an entry is about a customer (tombstone: their erasure). */
const CUSTOMER_ENTITIES = ['customer', 'tombstone'];

/** Conditions joined with AND; every value stays a bound parameter. */
function allOf(conditions: Query[]): Query {
  return { text: conditions.map((c) => c.text).join(' AND '), params: conditions.flatMap((c) => c.params) };
}

function conditions(q: AuditQuery): Query[] {
  const where: Query[] = [sql`a.seq < ${q.beforeSeq ?? Number.MAX_SAFE_INTEGER}`];
  if (q.userId !== undefined) where.push(sql`a.user_id = ${q.userId}`);
  if (q.entityId !== undefined) where.push(sql`a.entity_id = ${q.entityId}`);
  if (q.customerId !== undefined) {
    where.push(
      sql`a.entity_id = ${q.customerId} AND a.entity IN (SELECT value FROM json_each(${JSON.stringify(CUSTOMER_ENTITIES)}))`,
    );
  }
  if (q.from !== undefined) where.push(sql`a.at >= ${q.from}`);
  if (q.until !== undefined) where.push(sql`a.at < ${q.until}`);
  return where;
}

const SELECT_PAGE = sql`
  SELECT a.seq, a.at, coalesce(u.name, '') AS user, a.action, a.entity, a.entity_id, coalesce(p.detail, '') AS detail
  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN audit_payload p ON p.seq = a.seq
  WHERE `;

function page(db: DB, where: Query, limit: number): AuditRow[] {
  const tail = sql` ORDER BY a.seq DESC LIMIT ${limit}`;
  return all<AuditRow>(db, {
    text: SELECT_PAGE.text + where.text + tail.text,
    params: [...where.params, ...tail.params],
  });
}

/** A page of entries, newest first, before `beforeSeq`, about `entityId` when given. */
export function entryPage(db: DB, beforeSeq: number, limit: number, entityId: number | null): AuditRow[] {
  return page(db, sql`a.seq < ${beforeSeq} AND (${entityId} IS NULL OR a.entity_id = ${entityId})`, limit);
}

const byActions = (actions: readonly string[]) =>
  sql`a.action IN (SELECT value FROM json_each(${JSON.stringify(actions)}))`;

/** The newest `limit` entries among those listed by seq. */
const pageOf = (db: DB, seqs: number[], limit: number) =>
  page(db, sql`a.seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)}))`, limit);

/**
 * One page. Each filter is its own condition (no `? IS NULL OR …`) so SQLite can walk an index
 * ordered by seq and stop after `limit` rows: audit_user (person), audit_entity (customer).
 * A kind is several actions: each is read newest first through audit_action, at most `limit`
 * entries each, and the newest of those make the page; one `action IN (…)` would have to sort
 * every matching entry (half the log for "views") or walk the whole log for a rare kind.
 * A range of days that ends in the past is read through audit_at instead: walking back from the
 * newest entry would cross everything after it (3.5 s for a day at the start of a million-entry
 * log). Its cost is the size of the range, whatever else is filtered.
 */
export function findAuditEntries(db: DB, q: AuditQuery): AuditRow[] {
  const where = conditions(q);
  if (q.until !== undefined) {
    const chosen = allOf(q.actions === undefined ? where : [...where, byActions(q.actions)]);
    const tail = sql` ORDER BY a.seq DESC LIMIT ${q.limit}`;
    const found = all<{ seq: number }>(db, {
      text: `SELECT a.seq FROM audit_log a INDEXED BY audit_at WHERE ${chosen.text}${tail.text}`,
      params: [...chosen.params, ...tail.params],
    });
    return pageOf(
      db,
      found.map((r) => r.seq),
      q.limit,
    );
  }
  if (q.actions === undefined) return page(db, allOf(where), q.limit);
  const seqs: number[] = [];
  for (const action of q.actions) {
    const one = allOf([...where, sql`a.action = ${action}`]);
    const tail = sql` ORDER BY a.seq DESC LIMIT ${q.limit}`;
    const found = all<{ seq: number }>(db, {
      text: `SELECT a.seq FROM audit_log a WHERE ${one.text}${tail.text}`,
      params: [...one.params, ...tail.params],
    });
    for (const row of found) seqs.push(row.seq);
  }
  return pageOf(db, seqs.sort((a, b) => b - a).slice(0, q.limit), q.limit);
}

type NamedCustomer = {
  id: number;
  ref: string;
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  kind: string;
  organisation_name: string;
};

/** The stored name parts of the customers still on file among `ids`. */
export function customersByIds(db: DB, ids: number[]): NamedCustomer[] {
  if (ids.length === 0) return [];
  return all<NamedCustomer>(
    db,
    sql`SELECT id, coalesce(ref, '') AS ref, title, given_name, family_name, preferred_name, kind, organisation_name
        FROM customers WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
}

/** Which of `ids` were erased (their erasure is in the log under a tombstone). */
export function erasedIds(db: DB, ids: number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = all<{ id: number }>(
    db,
    sql`SELECT DISTINCT entity_id AS id FROM audit_log
        WHERE entity_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND entity = 'tombstone'`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Records merged away (and not given back) among `ids`, with the record each went into. */
export function mergedAwayIds(db: DB, ids: number[]): Map<number, number> {
  if (ids.length === 0) return new Map();
  const rows = all<{ merged_id: number; kept_id: number }>(
    db,
    sql`SELECT merged_id, kept_id FROM merges
        WHERE merged_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND undone_at = ''`,
  );
  return new Map(rows.map((r) => [r.merged_id, r.kept_id]));
}

/** The entries about any of these records (their details are erased with the records). */
export function auditEntriesAbout(db: DB, entity: 'customer', ids: readonly number[]): number[] {
  return all<{ seq: number }>(
    db,
    sql`SELECT seq FROM audit_log WHERE entity = ${entity} AND entity_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  ).map((a) => a.seq);
}
