// Customer rows in and out of the database. Writers keep the search terms in step, in the
// caller's transaction.
import type { ActivityKind } from '../../../shared/activity';
import type { Customer, CustomerData } from '../../../shared/customer';
import { summaryAddressIndex } from '../../../shared/profile-details';
import type { DB } from '../db/open';
import { all, get, prepare, run, type Statement, sql } from '../db/sql';
import { removeTerms, writeTerms } from '../search/index.queries';
import { customerTerms } from '../search/terms';
import { organisationOf, writeProvenance } from './details.queries';

type CustomerRow = Omit<
  Customer,
  | 'emails'
  | 'phones'
  | 'addresses'
  | 'archived'
  | 'ref'
  | 'created_by'
  | 'updated_by'
  | 'organisation'
  | 'members'
  | 'hidden'
> & {
  ref: string | null;
  archived: number;
  created_by: number;
  updated_by: number;
  terms: string;
};

/** The child tables of a customer, each row keyed by (customer_id, position). */
export const CHILD_TABLES = ['customer_emails', 'customer_phones', 'customer_addresses'] as const;
type ChildTable = (typeof CHILD_TABLES)[number];

/**
 * A customer's child rows, column → value (without customer_id), in position order: the one
 * mapping that writeChildren and the bulk writer (bulk.ts) share, so they cannot drift apart.
 */
export function childRowsOf(data: CustomerData): Record<ChildTable, Record<string, unknown>[]> {
  return {
    customer_emails: data.emails.map((e, position) => ({ position, address: e.address, label: e.label })),
    customer_phones: data.phones.map((p, position) => ({ position, number: p.number, e164: p.e164, label: p.label })),
    customer_addresses: data.addresses.map((a, position) => ({
      position,
      line1: a.line1,
      line2: a.line2,
      town: a.town,
      region: a.region,
      postcode: a.postcode,
      country: a.country,
      label: a.label,
      kind: a.kind,
      valid_from: a.valid_from,
      valid_to: a.valid_to,
    })),
  };
}

/** `INSERT INTO table (columns) VALUES (?, …), …` for `rows` rows of these columns. */
function insertText(table: string, columns: readonly string[], rows = 1): string {
  const one = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')}`;
}

/** The statement inserting `rows` rows of these columns at once (the bulk writer keeps one per row count). */
export function insertStatement(db: DB, table: string, columns: readonly string[], rows: number): Statement {
  return prepare(db, insertText(table, columns, rows));
}

/** The id SQLite would give the next customer (AUTOINCREMENT: past every id ever used). */
export function nextCustomerId(db: DB): number {
  const row = get<{ next: number }>(
    db,
    sql`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'customers'), 0),
          coalesce((SELECT max(id) FROM customers), 0)) + 1 AS next`,
  );
  return row?.next ?? 1;
}

function insertRow(db: DB, table: string, row: Record<string, unknown>) {
  return prepare(db, insertText(table, Object.keys(row))).run(...Object.values(row));
}

function writeChildren(db: DB, id: number, data: CustomerData): void {
  const children = childRowsOf(data);
  for (const table of CHILD_TABLES)
    for (const row of children[table]) insertRow(db, table, { customer_id: id, ...row });
}

/** What a search result shows, copied onto the row (see the migration): the first current address. */
function summaryOf(data: CustomerData, now: string) {
  const address = data.addresses[summaryAddressIndex(data.addresses, now.slice(0, 10))];
  return {
    email: data.emails[0]?.address ?? '',
    phone: data.phones[0]?.number ?? '',
    postcode: address?.postcode ?? '',
    town: address?.town ?? '',
  };
}

/** Where a record came from: the collection channel, and the import batch that created it. */
export type Origin = { source: string; importId: number | null };
export const AT_THE_COUNTER: Origin = { source: 'counter', importId: null };
/** Not a collection: values blanked because their field's retention ran out. */
export const RETENTION: Origin = { source: 'retention', importId: null };

/**
 * A new customers row, column → value: the one mapping that insertCustomer and the bulk writer
 * (bulk.ts) share, so they cannot drift apart. `terms` is customerTerms(data) joined by spaces.
 */
export function newCustomerRow(
  data: CustomerData,
  terms: string,
  userId: number,
  now: string,
  origin: Origin = AT_THE_COUNTER,
): Record<string, unknown> {
  const summary = summaryOf(data, now);
  return {
    ref: data.ref || null,
    title: data.title,
    given_name: data.given_name,
    family_name: data.family_name,
    preferred_name: data.preferred_name,
    date_of_birth: data.date_of_birth,
    notes: data.notes,
    created_at: now,
    created_by: userId,
    updated_at: now,
    updated_by: userId,
    verified_at: now,
    last_activity_at: now,
    last_activity: origin.source.startsWith('import:') ? 'imported' : 'created',
    terms,
    summary_email: summary.email,
    summary_phone: summary.phone,
    summary_postcode: summary.postcode,
    summary_town: summary.town,
    source: origin.source,
    import_id: origin.importId,
    kind: data.kind ?? 'person',
    organisation_name: data.organisation_name ?? '',
    organisation_id: data.organisation_id ?? null,
    job_title: data.job_title ?? '',
  };
}

/**
 * One new customer. customers/bulk.ts insertCustomers writes the same rows for many at once: a
 * write added here belongs there too (tests/integration/bulk-insert.test.ts compares the two).
 */
export function insertCustomer(
  db: DB,
  data: CustomerData,
  userId: number,
  now: string,
  origin: Origin = AT_THE_COUNTER,
): number {
  const terms = customerTerms(data).join(' ');
  const { lastInsertRowid } = insertRow(db, 'customers', newCustomerRow(data, terms, userId, now, origin));
  const id = Number(lastInsertRowid);
  writeChildren(db, id, data);
  writeTerms(db, id, terms);
  // No provenance rows: the record's own source, batch, creation and verification stand for every
  // value collected with it (details.service.ts readProvenance), so an import pays nothing extra.
  return id;
}

/**
 * Replace a customer's data; returns false when `version` is not the stored one. Kind,
 * organisation and job title left out of `data` keep their stored values. `origin` says how the
 * changed values were collected (their provenance): the form's channel unless an import or a
 * merge says otherwise.
 */
export function updateCustomer(
  db: DB,
  id: number,
  version: number,
  given: CustomerData,
  userId: number,
  now: string,
  origin?: Origin,
): boolean {
  const old = get<{ terms: string }>(db, sql`SELECT terms FROM customers WHERE id = ${id} AND version = ${version}`);
  if (!old) return false;
  const before = getCustomer(db, id) as Customer;
  const data: CustomerData = {
    ...given,
    kind: given.kind ?? before.kind,
    organisation_name: given.organisation_name ?? before.organisation_name,
    organisation_id: given.organisation_id === undefined ? before.organisation_id : given.organisation_id,
    job_title: given.job_title ?? before.job_title,
  };
  const terms = customerTerms(data).join(' ');
  const summary = summaryOf(data, now);
  run(
    db,
    sql`UPDATE customers SET ref = ${data.ref || null}, title = ${data.title}, given_name = ${data.given_name},
          family_name = ${data.family_name}, preferred_name = ${data.preferred_name},
          date_of_birth = ${data.date_of_birth}, notes = ${data.notes}, updated_at = ${now}, updated_by = ${userId},
          version = version + 1, terms = ${terms}, summary_email = ${summary.email}, summary_phone = ${summary.phone},
          summary_postcode = ${summary.postcode}, summary_town = ${summary.town}, kind = ${data.kind},
          organisation_name = ${data.organisation_name}, organisation_id = ${data.organisation_id},
          job_title = ${data.job_title}
        WHERE id = ${id}`,
  );
  for (const table of ['customer_emails', 'customer_phones', 'customer_addresses']) {
    prepare(db, `DELETE FROM ${table} WHERE customer_id = ?`).run(id);
  }
  writeChildren(db, id, data);
  // The index holds exactly old.terms for this record: when they stay the same there is nothing to
  // change, and removing them (FTS5 secure-delete) is most of what an edit costs in a large file.
  if (terms !== old.terms) {
    removeTerms(db, id, old.terms);
    writeTerms(db, id, terms);
  }
  // A value erased for its retention (customers/erase.ts eraseValue) was not collected now, and
  // the customer did nothing: no provenance, no activity.
  if (origin?.source === RETENTION.source) return true;
  writeProvenance(
    db,
    id,
    before,
    data,
    userId,
    now,
    origin ?? { source: data.collected_via ?? 'counter', importId: null },
  );
  noteActivity(db, id, now, activityOf(origin));
  return true;
}

export function setArchived(db: DB, id: number, archived: boolean, userId: number, now: string): boolean {
  const { changes } = run(
    db,
    sql`UPDATE customers SET archived = ${archived ? 1 : 0}, updated_at = ${now}, updated_by = ${userId}, version = version + 1 WHERE id = ${id}`,
  );
  noteActivity(db, id, now, 'changed');
  return changes > 0;
}

/** What a save counts as on the record's last activity: a person's change, an import or a merge. */
function activityOf(origin: Origin | undefined): ActivityKind {
  if (origin?.source === 'merge') return 'merge';
  return origin?.source.startsWith('import:') ? 'imported' : 'changed';
}

/**
 * The record was active at `at` (migration 0011): the stamp only moves forward. Writes to the
 * customers row call this; purchases, consent, interactions and requests are stamped by triggers.
 */
export function noteActivity(db: DB, id: number, at: string, kind: ActivityKind): void {
  run(
    db,
    sql`UPDATE customers SET last_activity_at = ${at}, last_activity = ${kind} WHERE id = ${id} AND last_activity_at <= ${at}`,
  );
}

/** A purchases import's customers, each stamped once with its latest purchase of the batch. */
export function noteImportedPurchases(db: DB, importId: number): void {
  run(
    db,
    sql`UPDATE customers SET last_activity_at = e.at, last_activity = 'purchase'
        FROM (SELECT customer_id, max(date) AS at FROM purchases WHERE import_id = ${importId} GROUP BY customer_id) AS e
        WHERE customers.id = e.customer_id AND e.at > customers.last_activity_at`,
  );
}

export function customerExists(db: DB, id: number): boolean {
  return get(db, sql`SELECT 1 FROM customers WHERE id = ${id}`) !== undefined;
}

export function findByRef(db: DB, ref: string): number | undefined {
  return get<{ id: number }>(db, sql`SELECT id FROM customers WHERE ref = ${ref}`)?.id;
}

/** Every customer number in the file, one at a time (a large import's filter reads them once). */
export function* customerNumbers(db: DB): Generator<string> {
  const statement = db.prepare('SELECT ref FROM customers WHERE ref IS NOT NULL');
  statement.pluck();
  yield* statement.iterate() as Iterable<string>;
}

const SELECT_CUSTOMER = `
  SELECT c.*, cu.name AS created_by_name, uu.name AS updated_by_name
  FROM customers c JOIN users cu ON cu.id = c.created_by JOIN users uu ON uu.id = c.updated_by`;

function toCustomer(db: DB, row: CustomerRow & { created_by_name: string; updated_by_name: string }): Customer {
  const id = row.id;
  return {
    id,
    ref: row.ref ?? '',
    title: row.title,
    given_name: row.given_name,
    family_name: row.family_name,
    preferred_name: row.preferred_name,
    emails: all(db, sql`SELECT address, label FROM customer_emails WHERE customer_id = ${id} ORDER BY position`),
    phones: all(db, sql`SELECT number, e164, label FROM customer_phones WHERE customer_id = ${id} ORDER BY position`),
    addresses: all(
      db,
      sql`SELECT line1, line2, town, region, postcode, country, label, kind, valid_from, valid_to
          FROM customer_addresses WHERE customer_id = ${id} ORDER BY position`,
    ),
    date_of_birth: row.date_of_birth,
    notes: row.notes,
    archived: row.archived === 1,
    version: row.version,
    created_at: row.created_at,
    created_by: row.created_by_name,
    updated_at: row.updated_at,
    updated_by: row.updated_by_name,
    verified_at: row.verified_at,
    ...organisationOf(db, row),
    hidden: [],
  };
}

export function getCustomer(db: DB, id: number): Customer | undefined {
  const row = prepare(db, `${SELECT_CUSTOMER} WHERE c.id = ?`).get(id) as Parameters<typeof toCustomer>[1] | undefined;
  return row && toCustomer(db, row);
}

export function listCustomers(db: DB, afterId: number, limit: number): Customer[] {
  const rows = prepare(db, `${SELECT_CUSTOMER} WHERE c.id > ? ORDER BY c.id LIMIT ?`).all(afterId, limit) as Parameters<
    typeof toCustomer
  >[1][];
  return rows.map((row) => toCustomer(db, row));
}

export function countCustomers(db: DB): number {
  return (get<{ n: number }>(db, sql`SELECT count(*) AS n FROM customers`) ?? { n: 0 }).n;
}
