// Information requests as stored: a request read with the names of the people who recorded,
// decided and supplied it and of its customer; each step's write (created, decided, supplied,
// corrected, confirmed).
import type { InfoRequest } from '../../../shared/contract/requests';
import type { DB } from '../db/open';
import { all, get, join, type Query, run, sql } from '../db/sql';

export type Row = Omit<InfoRequest, 'fields' | 'understood' | 'customer_name' | 'customer_id'> & {
  customer_id: number | null;
  fields: string;
  understood: number | null;
  given_name: string;
  family_name: string;
  preferred_name: string;
  title: string;
  created_by_id: number;
};

const SELECT = sql`
  SELECT r.*, r.created_by AS created_by_id,
    coalesce(cb.name, '') AS created_by, coalesce(db.name, '') AS decided_by, coalesce(sb.name, '') AS supplied_by,
    coalesce(c.given_name, '') AS given_name, coalesce(c.family_name, '') AS family_name,
    coalesce(c.preferred_name, '') AS preferred_name, coalesce(c.title, '') AS title
  FROM info_requests r
  LEFT JOIN customers c ON c.id = r.customer_id
  LEFT JOIN users cb ON cb.id = r.created_by
  LEFT JOIN users db ON db.id = r.decided_by
  LEFT JOIN users sb ON sb.id = r.supplied_by`;

export function requestRow(db: DB, id: number): Row | undefined {
  return get<Row>(db, sql`${SELECT} WHERE r.id = ${id}`);
}

/** The newest 500 requests, about one customer and/or still open when asked. */
export function requestRows(
  db: DB,
  filter: { customerId?: number | undefined; openOnly?: boolean | undefined },
): Row[] {
  const where: Query[] = [];
  if (filter.customerId) where.push(sql`r.customer_id = ${filter.customerId}`);
  if (filter.openOnly) where.push(sql`r.status NOT IN ('confirmed','refused')`);
  const clause = where.length > 0 ? sql`WHERE ${join(where, ' AND ')}` : sql``;
  return all<Row>(db, sql`${SELECT} ${clause} ORDER BY r.id DESC LIMIT 500`);
}

export function insertRequest(
  db: DB,
  r: {
    customerId: number;
    kind: string;
    requesterType: string;
    requesterName: string;
    requesterOrg: string;
    reason: string;
    identityCheck: string;
    lawfulBasis: string;
    status: string;
    receivedOn: string;
    due: string;
    by: number;
    at: string;
  },
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO info_requests (customer_id, kind, requester_type, requester_name, requester_org, reason,
          identity_check, lawful_basis, status, received_at, due_at, created_by, created_at)
        VALUES (${r.customerId}, ${r.kind}, ${r.requesterType}, ${r.requesterName}, ${r.requesterOrg}, ${r.reason},
          ${r.identityCheck}, ${r.lawfulBasis}, ${r.status}, ${r.receivedOn}, ${r.due}, ${r.by}, ${r.at})`,
  );
  return Number(lastInsertRowid);
}

export function markDecided(db: DB, id: number, d: { approve: boolean; by: number; at: string; note: string }): void {
  run(
    db,
    sql`UPDATE info_requests SET status = ${d.approve ? 'approved' : 'refused'}, decided_by = ${d.by},
          decided_at = ${d.at}, decision_note = ${d.note} WHERE id = ${id}`,
  );
}

/** Receipt confirmed: how, whether it was understood, and a note. */
export function markConfirmed(
  db: DB,
  id: number,
  c: { at: string; method: string; understood: boolean; note: string },
): void {
  run(
    db,
    sql`UPDATE info_requests SET status = 'confirmed', confirmed_at = ${c.at}, confirmation_method = ${c.method},
          understood = ${c.understood ? 1 : 0}, confirmation_note = ${c.note} WHERE id = ${id}`,
  );
}

/** A rectification request's fields corrected so far, as stored (JSON), with what it is about and its state. */
export function rectificationRow(
  db: DB,
  id: number,
): { customer_id: number | null; kind: string; status: string; fields: string } | undefined {
  return get(db, sql`SELECT customer_id, kind, status, fields FROM info_requests WHERE id = ${id}`);
}

/** The fields a rectification corrected so far (never the values), by whom and when. */
export function markCorrected(db: DB, id: number, fields: readonly string[], by: number, at: string): void {
  run(
    db,
    sql`UPDATE info_requests SET fields = ${JSON.stringify(fields)}, status = 'supplied', channel = 'corrected',
          supplied_by = ${by}, supplied_at = ${at} WHERE id = ${id}`,
  );
}

export function closeAsCorrected(db: DB, id: number, at: string, note: string): void {
  run(
    db,
    sql`UPDATE info_requests SET status = 'confirmed', confirmed_at = ${at}, confirmation_method = 'corrected',
          confirmation_note = ${note} WHERE id = ${id}`,
  );
}

/** Record a request as supplied: the fields handed over, on which channel, by whom and when. */
export function markSupplied(
  db: DB,
  id: number,
  supplied: { fields: readonly string[]; channel: string; by: number; at: string },
): void {
  run(
    db,
    sql`UPDATE info_requests SET status = 'supplied', fields = ${JSON.stringify(supplied.fields)},
          channel = ${supplied.channel}, supplied_by = ${supplied.by}, supplied_at = ${supplied.at}
        WHERE id = ${id}`,
  );
}
