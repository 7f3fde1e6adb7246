// Exact images of stored customer rows, for undo: every column of the record (versions, stamps,
// search terms and all) and of its emails, phones and addresses, as JSON; and the writers that
// put an image back or take a record out, keeping the search index in step. Column names come
// from the schema itself (an image is written back only through names the table has now).
import type { DB } from '../db/open';
import { all, get, ident, idents, join, list, run, sql } from '../db/sql';
import { removeTerms, writeTerms } from '../search/index.queries';

type Row = Record<string, unknown>;
/** `values`: the register-defined values (absent in images taken before they existed). */
export type CustomerImage = {
  customer: Row;
  emails: Row[];
  phones: Row[];
  addresses: Row[];
  values?: StoredValue[];
};

export const CHILD_TABLES = {
  emails: 'customer_emails',
  phones: 'customer_phones',
  addresses: 'customer_addresses',
} as const;
type ImagedTable = 'customers' | (typeof CHILD_TABLES)[keyof typeof CHILD_TABLES];
const TABLES: readonly ImagedTable[] = ['customers', ...Object.values(CHILD_TABLES)];

/** Columns a table has now: an image is written back only through names the schema knows. */
function columnsOf(db: DB, table: ImagedTable): string[] {
  return all<{ name: string }>(db, sql`SELECT name FROM pragma_table_info(${table})`).map((c) => c.name);
}

/** The image's columns the table has, as names checked against the schema, and their values. */
function known(db: DB, table: ImagedTable, row: Row): { names: string[]; columns: string[]; values: unknown[] } {
  const columns = columnsOf(db, table);
  const names = Object.keys(row).filter((k) => columns.includes(k));
  return { names, columns, values: names.map((k) => row[k]) };
}

function insertImageRow(db: DB, table: ImagedTable, row: Row): void {
  const { names, columns, values } = known(db, table, row);
  run(db, sql`INSERT INTO ${ident(table, TABLES)} (${idents(names, columns)}) VALUES (${list(values)})`);
}

/** A record's register-defined values as stored (text), for an image or an import's before-image. */
export type StoredValue = { field_key: string; value: string };

export function storedValues(db: DB, id: number): StoredValue[] {
  return all(db, sql`SELECT field_key, value FROM customer_values WHERE customer_id = ${id} ORDER BY field_key`);
}

/** Put a record's register-defined values back exactly as they were stored. */
export function restoreValues(db: DB, id: number, values: readonly StoredValue[]): void {
  run(db, sql`DELETE FROM customer_values WHERE customer_id = ${id}`);
  for (const v of values) {
    run(
      db,
      sql`INSERT INTO customer_values (customer_id, field_key, value) VALUES (${id}, ${v.field_key}, ${v.value})`,
    );
  }
}

export function takeImage(db: DB, id: number): CustomerImage | undefined {
  const customer = get<Row>(db, sql`SELECT * FROM customers WHERE id = ${id}`);
  if (!customer) return undefined;
  const child = (table: ImagedTable) =>
    all<Row>(db, sql`SELECT * FROM ${ident(table, TABLES)} WHERE customer_id = ${id} ORDER BY position`);
  return {
    customer,
    emails: child(CHILD_TABLES.emails),
    phones: child(CHILD_TABLES.phones),
    addresses: child(CHILD_TABLES.addresses),
    values: storedValues(db, id),
  };
}

function writeImageChildren(db: DB, id: number, image: CustomerImage): void {
  for (const [key, table] of Object.entries(CHILD_TABLES)) {
    run(db, sql`DELETE FROM ${ident(table, TABLES)} WHERE customer_id = ${id}`);
    for (const row of image[key as keyof typeof CHILD_TABLES]) insertImageRow(db, table, { ...row, customer_id: id });
  }
}

/** Put a record back exactly as imaged: re-created if it is gone, overwritten if it exists. */
export function restoreImage(db: DB, image: CustomerImage): void {
  const id = Number(image.customer.id);
  const current = get<{ terms: string }>(db, sql`SELECT terms FROM customers WHERE id = ${id}`);
  if (current) {
    removeTerms(db, id, current.terms);
    const { names, columns } = known(db, 'customers', image.customer);
    const set = names.filter((n) => n !== 'id').map((n) => sql`${ident(n, columns)} = ${image.customer[n]}`);
    run(db, sql`UPDATE customers SET ${join(set, ', ')} WHERE id = ${id}`);
  } else {
    insertImageRow(db, 'customers', image.customer);
  }
  // An image taken before migration 0011 has no activity stamp: its record's own stamps stand for it.
  run(
    db,
    sql`UPDATE customers SET last_activity_at = max(created_at, updated_at, verified_at), last_activity = 'changed'
        WHERE id = ${id} AND last_activity_at = ''`,
  );
  writeImageChildren(db, id, image);
  if (image.values) restoreValues(db, id, image.values);
  writeTerms(db, id, String(image.customer.terms ?? ''));
}

/** Take a record out of the customers table (its image kept by the caller); its id is never given out again. */
export function removeCustomer(db: DB, id: number): void {
  const row = get<{ terms: string }>(db, sql`SELECT terms FROM customers WHERE id = ${id}`);
  if (!row) return;
  removeTerms(db, id, row.terms);
  // customers.id is AUTOINCREMENT (migration 0001): this id will not be given to anyone else.
  run(db, sql`DELETE FROM customers WHERE id = ${id}`);
}
