// Interactions logged against a customer: their rows in and out, and the staff they name.
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';

const SELECT_INTERACTION = sql`
  SELECT i.id, i.customer_id, i.at, i.kind, i.summary, i.outcome, u.name AS handled_by, l.name AS logged_by
  FROM interactions i JOIN users u ON u.id = i.handled_by JOIN users l ON l.id = i.created_by`;

type InteractionRow = {
  id: number;
  customer_id: number;
  at: string;
  kind: string;
  summary: string;
  outcome: string;
  handled_by: string;
  logged_by: string;
};

export function insertInteraction(
  db: DB,
  i: { customer_id: number; at: string; kind: string; summary: string; outcome: string; handled_by: number },
  now: string,
  userId: number,
): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO interactions (customer_id, at, kind, summary, outcome, handled_by, created_at, created_by)
        VALUES (${i.customer_id}, ${i.at}, ${i.kind}, ${i.summary}, ${i.outcome}, ${i.handled_by}, ${now}, ${userId})`,
  );
  return Number(lastInsertRowid);
}

export function getInteraction(db: DB, id: number): InteractionRow | undefined {
  return get(db, sql`${SELECT_INTERACTION} WHERE i.id = ${id}`);
}

export function interactionsOf(db: DB, customerId: number, limit: number): InteractionRow[] {
  return all(
    db,
    sql`${SELECT_INTERACTION} WHERE i.customer_id = ${customerId} ORDER BY i.at DESC, i.id DESC LIMIT ${limit}`,
  );
}

export function userExists(db: DB, id: number): boolean {
  return get(db, sql`SELECT 1 FROM users WHERE id = ${id}`) !== undefined;
}
