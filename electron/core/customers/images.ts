// Exact images of stored customer rows, for undo: every column of the record (versions, stamps,
// search terms and all) and of its emails, phones and addresses, as JSON; and the writers that
// put an image back or take a record out, keeping the search index in step.
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';
import { removeTerms, writeTerms } from '../search/index.queries';
import { customerTerms } from '../search/terms';

type Row = Record<string, unknown>;
/** `values`: the register-defined values (absent in images taken before they existed). */
export type CustomerImage = {
  customer: Row;
  emails: Row[];
  phones: Row[];
  addresses: Row[];
  values?: StoredValue[];
};

const CHILD_TABLES = { emails: 'customer_emails', phones: 'customer_phones', addresses: 'customer_addresses' } as const;

/** Columns a table has now: an image is written back only through names the schema knows. */
function columnsOf(db: DB, table: string): Set<string> {
  return new Set(all<{ name: string }>(db, sql`SELECT name FROM pragma_table_info(${table})`).map((c) => c.name));
}

function known(db: DB, table: string, row: Row): [string[], unknown[]] {
  const columns = columnsOf(db, table);
  const names = Object.keys(row).filter((k) => columns.has(k));
  return [names, names.map((k) => row[k])];
}

/** A record's register-defined values as stored (text), for an image or an import's before-image. */
export type StoredValue = { field_key: string; value: string };

export function storedValues(db: DB, id: number): StoredValue[] {
  return prepare(db, 'SELECT field_key, value FROM customer_values WHERE customer_id = ? ORDER BY field_key').all(
    id,
  ) as StoredValue[];
}

/** Put a record's register-defined values back exactly as they were stored. */
export function restoreValues(db: DB, id: number, values: readonly StoredValue[]): void {
  prepare(db, 'DELETE FROM customer_values WHERE customer_id = ?').run(id);
  const insert = prepare(db, 'INSERT INTO customer_values (customer_id, field_key, value) VALUES (?, ?, ?)');
  for (const v of values) insert.run(id, v.field_key, v.value);
}

export function takeImage(db: DB, id: number): CustomerImage | undefined {
  const customer = get<Row>(db, sql`SELECT * FROM customers WHERE id = ${id}`);
  if (!customer) return undefined;
  const child = (table: string) =>
    prepare(db, `SELECT * FROM ${table} WHERE customer_id = ? ORDER BY position`).all(id);
  return {
    customer,
    emails: child(CHILD_TABLES.emails) as Row[],
    phones: child(CHILD_TABLES.phones) as Row[],
    addresses: child(CHILD_TABLES.addresses) as Row[],
    values: storedValues(db, id),
  };
}

function writeImageChildren(db: DB, id: number, image: CustomerImage): void {
  for (const [key, table] of Object.entries(CHILD_TABLES)) {
    prepare(db, `DELETE FROM ${table} WHERE customer_id = ?`).run(id);
    for (const row of image[key as keyof typeof CHILD_TABLES]) {
      const [names, values] = known(db, table, { ...row, customer_id: id });
      prepare(db, `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
        ...values,
      );
    }
  }
}

/** Put a record back exactly as imaged: re-created if it is gone, overwritten if it exists. */
export function restoreImage(db: DB, image: CustomerImage): void {
  const id = Number(image.customer.id);
  const current = get<{ terms: string }>(db, sql`SELECT terms FROM customers WHERE id = ${id}`);
  const [names, values] = known(db, 'customers', image.customer);
  if (current) {
    removeTerms(db, id, current.terms);
    const set = names.filter((n) => n !== 'id');
    prepare(db, `UPDATE customers SET ${set.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(
      ...set.map((n) => image.customer[n]),
      id,
    );
  } else {
    prepare(db, `INSERT INTO customers (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      ...values,
    );
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

/** The customers columns and child rows that hold each built-in register field. */
const IMAGE_FIELDS: Record<
  string,
  { column?: string; summary?: string; child?: keyof typeof CHILD_TABLES; part?: string }
> = {
  email: { summary: 'summary_email', child: 'emails' },
  phone: { summary: 'summary_phone', child: 'phones' },
  postcode: { summary: 'summary_postcode', child: 'addresses', part: 'postcode' },
  town: { summary: 'summary_town', child: 'addresses', part: 'town' },
};

/**
 * An image with one field's values blanked, as customers/erase.ts eraseValue leaves the record:
 * an undo image must not keep what was erased. Its stored search terms are worked out again so
 * they no longer name the value either.
 */
export function imageWithoutField(image: CustomerImage, key: string, builtIn: boolean): CustomerImage {
  if (!builtIn) return { ...image, values: image.values?.filter((v) => v.field_key !== key) };
  const customer: Row = { ...image.customer };
  const next: CustomerImage = { ...image, customer };
  const spec = IMAGE_FIELDS[key];
  if (!spec) customer[key] = key === 'ref' ? null : '';
  else {
    if (spec.summary) customer[spec.summary] = '';
    const child = spec.child as keyof typeof CHILD_TABLES;
    next[child] = spec.part ? image[child].map((row) => ({ ...row, [spec.part as string]: '' })) : [];
  }
  customer.terms = customerTerms({
    ref: String(customer.ref ?? ''),
    given_name: String(customer.given_name ?? ''),
    family_name: String(customer.family_name ?? ''),
    preferred_name: String(customer.preferred_name ?? ''),
    date_of_birth: String(customer.date_of_birth ?? ''),
    organisation_name: String(customer.organisation_name ?? ''),
    emails: next.emails.map((e) => ({ address: String(e.address ?? ''), label: '' })),
    phones: next.phones.map((p) => ({ number: String(p.number ?? ''), e164: String(p.e164 ?? ''), label: '' })),
    addresses: next.addresses.map((a) => ({ postcode: String(a.postcode ?? '') })),
  } as unknown as Parameters<typeof customerTerms>[0]).join(' ');
  return next;
}
