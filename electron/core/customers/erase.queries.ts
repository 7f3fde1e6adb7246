// What erasure reads and changes outside the profile tables (erase-profile.queries.ts): the
// record's search terms, the requests about it, and the counts the erasure preview shows. Lists
// of ids travel as one JSON parameter read by json_each.
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';

/** The record's search terms as stored (space-separated), or undefined when there is no such record. */
export function storedTerms(db: DB, id: number): string | undefined {
  return get<{ terms: string }>(db, sql`SELECT terms FROM customers WHERE id = ${id}`)?.terms;
}

export function deleteCustomerRow(db: DB, id: number): void {
  run(db, sql`DELETE FROM customers WHERE id = ${id}`);
}

/** An open request about the customer other than `except` (the one the erasure carries out). */
export function otherOpenRequest(db: DB, customerId: number, except: number | null): number | undefined {
  return get<{ id: number }>(
    db,
    sql`SELECT id FROM info_requests WHERE customer_id = ${customerId} AND status NOT IN ('confirmed', 'refused')
          AND id IS NOT ${except} LIMIT 1`,
  )?.id;
}

export function requestState(
  db: DB,
  id: number,
): { customer_id: number | null; kind: string; status: string } | undefined {
  return get(db, sql`SELECT customer_id, kind, status FROM info_requests WHERE id = ${id}`);
}

/**
 * Requests about the customer lose the customer as requester; the one the erasure carries out
 * (`requestId`, may be null) is confirmed as "Record erased" at `at`.
 */
export function closeRequestsAbout(db: DB, customerId: number, requestId: number | null, at: string): void {
  run(
    db,
    sql`UPDATE info_requests SET requester_name = CASE WHEN requester_type = 'customer' THEN '(the customer)' ELSE requester_name END,
          status = CASE WHEN id IS ${requestId} THEN 'confirmed' ELSE status END,
          confirmed_at = CASE WHEN id IS ${requestId} THEN ${at} ELSE confirmed_at END,
          confirmation_note = CASE WHEN id IS ${requestId} THEN 'Record erased' ELSE confirmation_note END
        WHERE customer_id = ${customerId}`,
  );
}

type RequestTexts = {
  id: number;
  requester_name: string;
  requester_org: string;
  reason: string;
  identity_check: string;
  decision_note: string;
  confirmation_note: string;
};

/** The free-text fields of every request about the customer. */
export function requestTexts(db: DB, customerId: number): RequestTexts[] {
  return all<RequestTexts>(
    db,
    sql`SELECT id, requester_name, requester_org, reason, identity_check, decision_note, confirmation_note
        FROM info_requests WHERE customer_id = ${customerId}`,
  );
}

export function writeRequestTexts(db: DB, r: RequestTexts): void {
  run(
    db,
    sql`UPDATE info_requests SET requester_name = ${r.requester_name}, requester_org = ${r.requester_org},
          reason = ${r.reason}, identity_check = ${r.identity_check},
          decision_note = ${r.decision_note}, confirmation_note = ${r.confirmation_note}
        WHERE id = ${r.id}`,
  );
}

// The erasure preview's reads.

type ErasedName = {
  title: string;
  given_name: string;
  family_name: string;
  preferred_name: string;
  kind: string;
  organisation_name: string;
  terms: string;
};

export function erasedName(db: DB, id: number): ErasedName | undefined {
  return get<ErasedName>(
    db,
    sql`SELECT title, given_name, family_name, preferred_name, kind, organisation_name, terms FROM customers WHERE id = ${id}`,
  );
}

/** The before-images imports kept of these records (JSON text). */
export function importImages(db: DB, ids: readonly number[]): { before: string }[] {
  return all(
    db,
    sql`SELECT before FROM import_before WHERE customer_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
}

type OpenRequest = { id: number; kind: string; requester_name: string; received_at: string; status: string };

export function openRequests(db: DB, customerId: number): OpenRequest[] {
  return all<OpenRequest>(
    db,
    sql`SELECT id, kind, requester_name, received_at, status FROM info_requests
          WHERE customer_id = ${customerId} AND status NOT IN ('confirmed', 'refused') ORDER BY id`,
  );
}

export function salesOf(db: DB, customerId: number): { months: number; amount: number | null } | undefined {
  return get(
    db,
    sql`SELECT count(DISTINCT substr(date, 1, 7)) AS months, sum(amount_pence) AS amount FROM purchases WHERE customer_id = ${customerId}`,
  );
}

const count = (db: DB, q: ReturnType<typeof sql>) => get<{ n: number }>(db, q)?.n ?? 0;

/** How many rows erasing the customer (under all of `ids`) would remove, table by table. */
export function erasureCounts(db: DB, id: number, ids: readonly number[]) {
  const idList = JSON.stringify(ids);
  return {
    emails: count(db, sql`SELECT count(*) AS n FROM customer_emails WHERE customer_id = ${id}`),
    phones: count(db, sql`SELECT count(*) AS n FROM customer_phones WHERE customer_id = ${id}`),
    addresses: count(db, sql`SELECT count(*) AS n FROM customer_addresses WHERE customer_id = ${id}`),
    consent_events: count(db, sql`SELECT count(*) AS n FROM consent_events WHERE customer_id = ${id}`),
    interactions: count(db, sql`SELECT count(*) AS n FROM interactions WHERE customer_id = ${id}`),
    purchases: count(db, sql`SELECT count(*) AS n FROM purchases WHERE customer_id = ${id}`),
    merges: count(
      db,
      sql`SELECT count(*) AS n FROM merges WHERE kept_id IN (SELECT value FROM json_each(${idList}))
            OR merged_id IN (SELECT value FROM json_each(${idList}))`,
    ),
    audit_details: count(
      db,
      sql`SELECT count(*) AS n FROM audit_log a JOIN audit_payload p ON p.seq = a.seq WHERE a.entity = 'customer'
            AND a.entity_id IN (SELECT value FROM json_each(${idList}))`,
    ),
    requests: count(db, sql`SELECT count(*) AS n FROM info_requests WHERE customer_id = ${id}`),
    campaign_lists: count(db, sql`SELECT count(*) AS n FROM campaign_members WHERE customer_id = ${id}`),
  };
}
