// Customer rows in and out of the database. Writers keep the search terms in step, in the
// caller's transaction.
import type { Customer, CustomerData } from '../../../shared/customer';
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';
import { customerTerms } from '../search/terms';

type CustomerRow = Omit<
  Customer,
  'emails' | 'phones' | 'addresses' | 'archived' | 'ref' | 'created_by' | 'updated_by'
> & {
  ref: string | null;
  archived: number;
  created_by: number;
  updated_by: number;
  terms: string;
};

export function writeChildren(db: DB, id: number, data: CustomerData): void {
  const email = prepare(db, 'INSERT INTO customer_emails (customer_id, position, address, label) VALUES (?, ?, ?, ?)');
  for (const [i, e] of data.emails.entries()) email.run(id, i, e.address, e.label);
  const phone = prepare(
    db,
    'INSERT INTO customer_phones (customer_id, position, number, e164, label) VALUES (?, ?, ?, ?, ?)',
  );
  for (const [i, p] of data.phones.entries()) phone.run(id, i, p.number, p.e164, p.label);
  const address = prepare(
    db,
    'INSERT INTO customer_addresses (customer_id, position, line1, line2, town, region, postcode, country, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [i, a] of data.addresses.entries()) {
    address.run(id, i, a.line1, a.line2, a.town, a.region, a.postcode, a.country, a.label);
  }
}

export function writeTerms(db: DB, id: number, terms: string): void {
  if (terms) prepare(db, 'INSERT INTO search_index (rowid, terms) VALUES (?, ?)').run(id, terms);
}

/** A contentless FTS5 entry is removed by repeating exactly what was indexed. */
export function removeTerms(db: DB, id: number, terms: string): void {
  if (terms)
    prepare(db, "INSERT INTO search_index (search_index, rowid, terms) VALUES ('delete', ?, ?)").run(id, terms);
}

/** What a search result shows, copied onto the row (see the migration). */
function summaryOf(data: CustomerData) {
  const address = data.addresses[0];
  return {
    email: data.emails[0]?.address ?? '',
    phone: data.phones[0]?.number ?? '',
    postcode: address?.postcode ?? '',
    town: address?.town ?? '',
  };
}

/** Where a record came from: the collection channel, and the import batch that created it. */
export type Origin = { source: string; importId: number | null };
const AT_THE_COUNTER: Origin = { source: 'counter', importId: null };

export function insertCustomer(
  db: DB,
  data: CustomerData,
  userId: number,
  now: string,
  origin: Origin = AT_THE_COUNTER,
): number {
  const terms = customerTerms(data).join(' ');
  const summary = summaryOf(data);
  const { lastInsertRowid } = run(
    db,
    sql`INSERT INTO customers (ref, title, given_name, family_name, preferred_name, date_of_birth, notes,
          created_at, created_by, updated_at, updated_by, verified_at, terms, summary_email, summary_phone,
          summary_postcode, summary_town, source, import_id)
        VALUES (${data.ref || null}, ${data.title}, ${data.given_name}, ${data.family_name},
          ${data.preferred_name}, ${data.date_of_birth}, ${data.notes}, ${now}, ${userId}, ${now}, ${userId}, ${now},
          ${terms}, ${summary.email}, ${summary.phone}, ${summary.postcode}, ${summary.town}, ${origin.source},
          ${origin.importId})`,
  );
  const id = Number(lastInsertRowid);
  writeChildren(db, id, data);
  writeTerms(db, id, terms);
  return id;
}

/** Replace a customer's data; returns false when `version` is not the stored one. */
export function updateCustomer(
  db: DB,
  id: number,
  version: number,
  data: CustomerData,
  userId: number,
  now: string,
): boolean {
  const old = get<{ terms: string }>(db, sql`SELECT terms FROM customers WHERE id = ${id} AND version = ${version}`);
  if (!old) return false;
  const terms = customerTerms(data).join(' ');
  const summary = summaryOf(data);
  run(
    db,
    sql`UPDATE customers SET ref = ${data.ref || null}, title = ${data.title}, given_name = ${data.given_name},
          family_name = ${data.family_name}, preferred_name = ${data.preferred_name},
          date_of_birth = ${data.date_of_birth}, notes = ${data.notes}, updated_at = ${now}, updated_by = ${userId},
          version = version + 1, terms = ${terms}, summary_email = ${summary.email}, summary_phone = ${summary.phone},
          summary_postcode = ${summary.postcode}, summary_town = ${summary.town}
        WHERE id = ${id}`,
  );
  for (const table of ['customer_emails', 'customer_phones', 'customer_addresses']) {
    prepare(db, `DELETE FROM ${table} WHERE customer_id = ?`).run(id);
  }
  writeChildren(db, id, data);
  removeTerms(db, id, old.terms);
  writeTerms(db, id, terms);
  return true;
}

export function setArchived(db: DB, id: number, archived: boolean, userId: number, now: string): boolean {
  const { changes } = run(
    db,
    sql`UPDATE customers SET archived = ${archived ? 1 : 0}, updated_at = ${now}, updated_by = ${userId}, version = version + 1 WHERE id = ${id}`,
  );
  return changes > 0;
}

export function customerExists(db: DB, id: number): boolean {
  return get(db, sql`SELECT 1 FROM customers WHERE id = ${id}`) !== undefined;
}

export function findByRef(db: DB, ref: string): number | undefined {
  return get<{ id: number }>(db, sql`SELECT id FROM customers WHERE ref = ${ref}`)?.id;
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
      sql`SELECT line1, line2, town, region, postcode, country, label FROM customer_addresses WHERE customer_id = ${id} ORDER BY position`,
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
