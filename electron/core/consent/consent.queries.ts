// Consent as stored: the append-only events (with the wording each was given under) and the
// do-not-contact flag. Who may be contacted is decided in contactable.queries.ts, not here.
import type { DB } from '../db/open';
import { all, get, run, sql } from '../db/sql';

/** A consent event as stored (without its id, time and who recorded it). */
export type StoredEvent = {
  customer_id: number;
  channel: string;
  purpose: string;
  action: string;
  basis: string;
  soft_sale: number | null;
  soft_similar: number | null;
  soft_opt_out: number | null;
  wording_version: number;
  wording: string;
  method: string;
  evidence_note: string;
};

/** Append one event (the append-only trigger refuses any change to it afterwards). */
export function appendConsentEvent(db: DB, e: StoredEvent, at: string, userId: number): number {
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO consent_events (customer_id, channel, purpose, action, basis, soft_sale, soft_similar, soft_opt_out,
          wording_version, wording, method, at, by_user, evidence_note)
        VALUES (${e.customer_id}, ${e.channel}, ${e.purpose}, ${e.action}, ${e.basis}, ${e.soft_sale}, ${e.soft_similar},
          ${e.soft_opt_out}, ${e.wording_version}, ${e.wording}, ${e.method}, ${at}, ${userId}, ${e.evidence_note})`,
  );
  return Number(lastInsertRowid);
}

/** A customer's events, newest first, with the name of who recorded each. */
export function consentEventsOf<Row>(db: DB, customerId: number): Row[] {
  return all<Row>(
    db,
    sql`SELECT e.id, e.channel, e.purpose, e.action, e.basis, e.soft_sale, e.soft_similar, e.soft_opt_out,
          e.wording_version, e.wording, e.method, e.at, u.name AS by, e.evidence_note
        FROM consent_events e JOIN users u ON u.id = e.by_user
        WHERE e.customer_id = ${customerId} ORDER BY e.id DESC`,
  );
}

export function doNotContactOf(db: DB, customerId: number): { at: string; by: string; reason: string } | undefined {
  return get(
    db,
    sql`SELECT d.at, u.name AS by, d.reason FROM customer_do_not_contact d JOIN users u ON u.id = d.by_user
        WHERE d.customer_id = ${customerId}`,
  );
}

/** Set (kept as first set: the earliest stands) or lift the do-not-contact flag. */
export function setDoNotContactFlag(
  db: DB,
  customerId: number,
  on: { at: string; userId: number; reason: string } | null,
): void {
  if (on) {
    run(
      db,
      sql`INSERT INTO customer_do_not_contact (customer_id, at, by_user, reason)
          VALUES (${customerId}, ${on.at}, ${on.userId}, ${on.reason})
          ON CONFLICT (customer_id) DO NOTHING`,
    );
  } else {
    run(db, sql`DELETE FROM customer_do_not_contact WHERE customer_id = ${customerId}`);
  }
}
