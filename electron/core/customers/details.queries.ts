// The fuller profile's rows: a person's organisation and an organisation's people as the record
// shows them, and the provenance of each value changed since the record was created
// (value_provenance, migration 0008), written by updateCustomer in its transaction: one
// multi-row statement per save at most.
import type { Customer, CustomerData } from '../../../shared/customer';
import { displayName } from '../../../shared/customer';
import { changedFields, type ProvenanceField } from '../../../shared/profile-details';
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';

type OrganisationColumns = {
  id: number;
  kind: string;
  organisation_name: string;
  organisation_id: number | null;
  job_title: string;
};

const MAX_MEMBERS = 100;

/** The organisation fields of a stored row, with the organisation's name or its people. */
export function organisationOf(
  db: DB,
  row: OrganisationColumns,
): Pick<Customer, 'kind' | 'organisation_name' | 'organisation_id' | 'job_title' | 'organisation' | 'members'> {
  const kind = row.kind === 'organisation' ? 'organisation' : 'person';
  let organisation: Customer['organisation'] = null;
  if (row.organisation_id !== null) {
    const org = get<{ id: number; organisation_name: string }>(
      db,
      sql`SELECT id, organisation_name FROM customers WHERE id = ${row.organisation_id}`,
    );
    if (org) organisation = { id: org.id, name: org.organisation_name };
  }
  const members =
    kind === 'organisation'
      ? all<{
          id: number;
          title: string;
          given_name: string;
          family_name: string;
          preferred_name: string;
          job_title: string;
        }>(
          db,
          sql`SELECT id, title, given_name, family_name, preferred_name, job_title FROM customers
              WHERE organisation_id = ${row.id} ORDER BY family_name, given_name, id LIMIT ${MAX_MEMBERS}`,
        ).map((m) => ({ id: m.id, name: displayName(m), job_title: m.job_title }))
      : [];
  return {
    kind,
    organisation_name: row.organisation_name,
    organisation_id: row.organisation_id,
    job_title: row.job_title,
    organisation,
    members,
  };
}

/** How many people belong to an organisation (to refuse turning it into a person). */
export function memberCount(db: DB, organisationId: number): number {
  return (
    get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers WHERE organisation_id = ${organisationId}`)?.n ?? 0
  );
}

/** Values that come straight from the customer are verified as they are collected; imported and merged ones are not. */
function fromTheCustomer(source: string): boolean {
  return !source.startsWith('import:') && source !== 'merge';
}

/**
 * After an edit, record where the changed values came from: one INSERT … ON CONFLICT for all of
 * them. Values collected with the record itself have no row (the record's origin stands for
 * them); `before` null writes every filled value (a caller that wants rows for a new record).
 */
export function writeProvenance(
  db: DB,
  customerId: number,
  before: Customer | null,
  after: CustomerData,
  userId: number,
  now: string,
  origin: { source: string; importId: number | null },
): void {
  const rows = provenanceValues(customerId, before, after, userId, now, origin);
  if (rows.length === 0) return;
  prepare(db, provenanceInsertText(rows.length)).run(rows.flat());
}

/** The value_provenance rows of a save, in provenanceInsertText's column order. */
function provenanceValues(
  customerId: number,
  before: Customer | null,
  after: CustomerData,
  userId: number,
  now: string,
  origin: { source: string; importId: number | null },
): unknown[][] {
  const verified = fromTheCustomer(origin.source) ? now : '';
  return changedFields(before, after).map((key: ProvenanceField) => [
    customerId,
    key,
    origin.source,
    origin.importId,
    now,
    verified,
    userId,
  ]);
}

/** One INSERT … ON CONFLICT for `rows` rows of provenanceValues. */
function provenanceInsertText(rows: number): string {
  return `INSERT INTO value_provenance (customer_id, field_key, source, import_id, collected_at, verified_at, collected_by)
     VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}
     ON CONFLICT (customer_id, field_key) DO UPDATE SET source = excluded.source, import_id = excluded.import_id,
       collected_at = excluded.collected_at, verified_at = excluded.verified_at, collected_by = excluded.collected_by`;
}

/**
 * Register-defined values (custom and profile fields) changed on an existing record: each key's
 * row says when it was collected, so its retention runs from then (retention/field-retention.ts);
 * a cleared value has no row. Values collected with the record have none either, like the rest.
 */
export function writeValueProvenance(
  db: DB,
  customerId: number,
  changes: ReadonlyMap<string, string | null>,
  userId: number,
  now: string,
  origin: { source: string; importId: number | null },
): void {
  const verified = fromTheCustomer(origin.source) ? now : '';
  const rows: unknown[][] = [];
  for (const [key, value] of changes) {
    if (value === null)
      run(db, sql`DELETE FROM value_provenance WHERE customer_id = ${customerId} AND field_key = ${key}`);
    else rows.push([customerId, key, origin.source, origin.importId, now, verified, userId]);
  }
  if (rows.length > 0) prepare(db, provenanceInsertText(rows.length)).run(rows.flat());
}

/** A value erased (retention): it has no origin any more. */
export function forgetValueProvenance(db: DB, customerId: number, key: string): void {
  run(db, sql`DELETE FROM value_provenance WHERE customer_id = ${customerId} AND field_key = ${key}`);
}

/** "Verified with the customer today" holds for every value of the record. */
export function markValuesVerified(db: DB, customerId: number, now: string): void {
  run(db, sql`UPDATE value_provenance SET verified_at = ${now} WHERE customer_id = ${customerId}`);
}

/**
 * Undoing a merge: the kept record's values are back as they were, so the origins the merge gave
 * them go too (those values then show the record's own origin again).
 */
export function forgetMergeProvenance(db: DB, keptId: number, mergedAt: string): void {
  run(
    db,
    sql`DELETE FROM value_provenance WHERE customer_id = ${keptId} AND source = 'merge' AND collected_at = ${mergedAt}`,
  );
}

/** Erasure: the provenance of the person under each id they had (theirs and records merged into them). */
export function eraseProvenance(db: DB, ids: readonly number[]): void {
  run(db, sql`DELETE FROM value_provenance WHERE customer_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

type ProvenanceStored = {
  field_key: string;
  source: string;
  import_id: number | null;
  collected_at: string;
  verified_at: string;
  collected_by: string;
};

export function provenanceRows(db: DB, customerId: number): ProvenanceStored[] {
  return all<ProvenanceStored>(
    db,
    sql`SELECT p.field_key, p.source, p.import_id, p.collected_at, p.verified_at, coalesce(u.name, '') AS collected_by
        FROM value_provenance p LEFT JOIN users u ON u.id = p.collected_by WHERE p.customer_id = ${customerId}`,
  );
}

/**
 * Store one register-defined value: `fillOnly` leaves a value the record already has, otherwise
 * an existing value is replaced. True when the stored value changed.
 */
export function storeValue(db: DB, customerId: number, key: string, value: string, fillOnly: boolean): boolean {
  const onConflict = fillOnly ? sql`NOTHING` : sql`UPDATE SET value = excluded.value WHERE value <> excluded.value`;
  return (
    run(
      db,
      sql`INSERT INTO customer_values (customer_id, field_key, value) VALUES (${customerId}, ${key}, ${value})
          ON CONFLICT (customer_id, field_key) DO ${onConflict}`,
    ).changes > 0
  );
}

export function dropValue(db: DB, customerId: number, key: string): void {
  run(db, sql`DELETE FROM customer_values WHERE customer_id = ${customerId} AND field_key = ${key}`);
}

/** A record's kind ('person' or 'organisation'), or undefined when there is no such record. */
export function kindOf(db: DB, id: number): string | undefined {
  return get<{ kind: string }>(db, sql`SELECT kind FROM customers WHERE id = ${id}`)?.kind;
}

/** Live organisations by name, read through their partial index (migration 0008). */
export function liveOrganisations(db: DB): { id: number; organisation_name: string; summary_town: string }[] {
  return all(
    db,
    sql`SELECT id, organisation_name, summary_town FROM customers
        WHERE kind = 'organisation' AND archived = 0 ORDER BY organisation_name, id LIMIT 5000`,
  );
}

/** Where the record as a whole came from: its source, batch, creation and last verification. */
export function recordOrigin(
  db: DB,
  id: number,
):
  | { source: string; import_id: number | null; created_at: string; verified_at: string; created_by: string }
  | undefined {
  return get(
    db,
    sql`SELECT c.source, c.import_id, c.created_at, c.verified_at, u.name AS created_by
        FROM customers c JOIN users u ON u.id = c.created_by WHERE c.id = ${id}`,
  );
}
