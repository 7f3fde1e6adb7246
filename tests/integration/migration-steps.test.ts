// Each migration on its own: a real encrypted file is taken to the format before it, seeded with
// rows as that format stored them, then migrated one step; the rows must come through, changed
// exactly as the migration intends. The migrations are frozen (they import nothing live), so
// these tests pin what each one writes, whatever the live catalogue says later.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/core/db/migrations';
import { isEncryptedOnDisk, openDatabase } from '../../electron/core/db/open';
import { CoreError } from '../../shared/contract/result';
import { PASSPHRASE } from '../support/core';
import { sha256, tempFile } from '../support/files';

type DB = Database.Database;
const AT = '2025-01-02T03:04:05.000Z';
const LATER = '2025-06-07T08:09:10.000Z';

/** The file opened the way open.ts opens it (key, WAL, foreign keys), without migrating it. */
function openRaw(file: string): DB {
  const db = new Database(file);
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma(`key='${PASSPHRASE}'`);
  db.pragma('journal_mode=WAL');
  db.pragma('foreign_keys=ON');
  return db;
}

/** A file at `version`, with the rows `seed` writes in the columns that format had. */
function fileAt(version: number, seed: (db: DB) => void = () => {}): string {
  const file = tempFile();
  const db = openRaw(file);
  migrate(db, version);
  db.transaction(() => seed(db))();
  expect(schemaVersion(db)).toBe(version);
  db.close();
  expect(isEncryptedOnDisk(file)).toBe(true);
  return file;
}

/** Reopen the file and run exactly one more migration. */
function stepTo(file: string, version: number): DB {
  const db = openRaw(file);
  expect(schemaVersion(db)).toBe(version - 1);
  migrate(db, version);
  expect(schemaVersion(db)).toBe(version);
  return db;
}

const rows = <T>(db: DB, text: string, ...params: unknown[]) => db.prepare(text).all(...params) as T[];
const one = <T>(db: DB, text: string, ...params: unknown[]) => db.prepare(text).get(...params) as T;
const columns = (db: DB, table: string) => rows<{ name: string }>(db, `PRAGMA table_info(${table})`).map((c) => c.name);
const indexes = (db: DB) =>
  rows<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").map(
    (r) => r.name,
  );

function addUser(db: DB): void {
  db.prepare("INSERT INTO users (id, name, role, created_at) VALUES (1, 'Olive Owner', 'owner', ?)").run(AT);
}

type Person = Partial<Record<'ref' | 'title' | 'given_name' | 'family_name' | 'date_of_birth' | 'notes', string>> & {
  email?: string;
  phone?: string;
  postcode?: string;
  town?: string;
  terms?: string;
};

/** A customer row in the columns every format has (0001's), with its first email, phone and address. */
function addPerson(db: DB, p: Person, at = AT): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO customers (ref, title, given_name, family_name, date_of_birth, notes, created_at, created_by,
         updated_at, updated_by, terms, summary_email, summary_phone, summary_postcode, summary_town)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.ref ?? null,
      p.title ?? '',
      p.given_name ?? '',
      p.family_name ?? '',
      p.date_of_birth ?? '',
      p.notes ?? '',
      at,
      at,
      p.terms ?? '',
      p.email ?? '',
      p.phone ?? '',
      p.postcode ?? '',
      p.town ?? '',
    );
  const id = Number(lastInsertRowid);
  if (p.email) db.prepare("INSERT INTO customer_emails VALUES (?, 0, ?, 'home')").run(id, p.email);
  if (p.phone) db.prepare("INSERT INTO customer_phones VALUES (?, 0, ?, '', 'mobile')").run(id, p.phone);
  if (p.postcode || p.town) {
    db.prepare(
      "INSERT INTO customer_addresses (customer_id, position, line1, town, postcode) VALUES (?, 0, '1 High St', ?, ?)",
    ).run(id, p.town ?? '', p.postcode ?? '');
  }
  if (p.terms) db.prepare('INSERT INTO search_index (rowid, terms) VALUES (?, ?)').run(id, p.terms);
  return id;
}

const ANN: Person = {
  ref: 'M-1',
  title: 'Ms',
  given_name: 'Ann',
  family_name: 'Lee',
  date_of_birth: '1970-05-06',
  notes: 'Aisle seat.',
  email: 'ann@example.org',
  phone: '07700 900123',
  postcode: 'LS1 4AB',
  town: 'Leeds',
  terms: 'ann lee',
};
const BOB: Person = { family_name: 'Ng', terms: 'ng' };

describe('each migration, from a file at the format before it', () => {
  it('1 makes the tables of a new file, empty', () => {
    const file = fileAt(0);
    const db = stepTo(file, 1);
    for (const t of ['meta', 'users', 'customers', 'customer_emails', 'customer_phones', 'customer_addresses']) {
      expect(one<{ n: number }>(db, `SELECT count(*) AS n FROM ${t}`).n, t).toBe(0);
    }
    expect(indexes(db)).toEqual(expect.arrayContaining(['customers_ref', 'customers_updated', 'audit_entity']));
    db.close();
  });

  it('2 adds the dismissed pairs and the date-of-birth index; customers are untouched', () => {
    const file = fileAt(1, (db) => {
      addUser(db);
      addPerson(db, ANN);
      addPerson(db, BOB);
    });
    const db = stepTo(file, 2);
    expect(rows(db, 'SELECT family_name, date_of_birth FROM customers ORDER BY id')).toEqual([
      { family_name: 'Lee', date_of_birth: '1970-05-06' },
      { family_name: 'Ng', date_of_birth: '' },
    ]);
    expect(indexes(db)).toContain('customers_date_of_birth');
    db.prepare("INSERT INTO duplicate_dismissals VALUES (1, 2, 1, '')").run();
    expect(() => db.prepare("INSERT INTO duplicate_dismissals VALUES (2, 1, 1, '')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('3 marks existing customers as collected at the counter, in no import batch', () => {
    const file = fileAt(2, (db) => {
      addUser(db);
      addPerson(db, ANN);
      addPerson(db, BOB);
    });
    const db = stepTo(file, 3);
    expect(rows(db, 'SELECT id, source, import_id FROM customers ORDER BY id')).toEqual([
      { id: 1, source: 'counter', import_id: null },
      { id: 2, source: 'counter', import_id: null },
    ]);
    for (const t of ['imports', 'import_before', 'import_templates', 'source_costs']) {
      expect(one<{ n: number }>(db, `SELECT count(*) AS n FROM ${t}`).n, t).toBe(0);
    }
    db.close();
  });

  it('4 takes each record as verified when it was created', () => {
    const file = fileAt(3, (db) => {
      addUser(db);
      addPerson(db, ANN, AT);
      addPerson(db, BOB, LATER);
    });
    const db = stepTo(file, 4);
    expect(rows(db, 'SELECT verified_at FROM customers ORDER BY id')).toEqual([
      { verified_at: AT },
      { verified_at: LATER },
    ]);
    expect(indexes(db)).toContain('customers_verified');
    db.close();
  });

  it('5 counts the fields the existing records fill, then keeps counting, and stores the consent wording', () => {
    const file = fileAt(4, (db) => {
      addUser(db);
      addPerson(db, ANN);
      addPerson(db, BOB);
      addPerson(db, { given_name: 'Cy', email: 'cy@example.org', town: 'York', ref: '' });
    });
    const db = stepTo(file, 5);
    const counts = () => {
      const { id: _id, ...rest } = one<Record<string, number>>(db, 'SELECT * FROM field_counts');
      return rest;
    };
    expect(counts()).toEqual({
      records: 3,
      given_name: 2,
      family_name: 2,
      title: 1,
      preferred_name: 0,
      email: 2,
      phone: 1,
      postcode: 1,
      town: 2,
      date_of_birth: 1,
      ref: 1, // an empty customer number is not a filled one
      notes: 1,
    });
    db.prepare("UPDATE customers SET notes = '', summary_phone = '07700 900999' WHERE id = 2").run();
    db.prepare('DELETE FROM customers WHERE id = 1').run();
    expect(counts()).toMatchObject({ records: 2, notes: 0, phone: 1, family_name: 1, ref: 0 });
    const wording = JSON.parse(
      one<{ value: string }>(db, "SELECT value FROM meta WHERE key = 'consent_wording'").value,
    );
    expect(wording).toMatchObject({ version: 1, text: expect.stringMatching(/^We would like to keep you informed/) });
    db.close();
  });

  it('6 seeds the register with the built-in fields, and a rerun keeps the organisation’s choices', () => {
    const file = fileAt(5, (db) => {
      addUser(db);
      addPerson(db, ANN);
    });
    let db = stepTo(file, 6);
    const register = rows<{ key: string; position: number; priority: string; lawful_basis: string }>(
      db,
      'SELECT key, position, priority, lawful_basis, see_roles, edit_roles FROM register_fields ORDER BY position',
    );
    expect(register.map((r) => r.key)).toEqual([
      'given_name',
      'family_name',
      'title',
      'preferred_name',
      'email',
      'phone',
      'postcode',
      'town',
      'date_of_birth',
      'ref',
      'notes',
    ]);
    expect(register.map((r) => r.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(register.filter((r) => r.priority === 'must_have').map((r) => r.key)).toEqual(['family_name']);
    expect(register[0]).toMatchObject({
      lawful_basis: 'contract',
      see_roles: '["owner","manager","staff","readonly"]',
      edit_roles: '["owner","manager","staff"]',
    });
    expect(one(db, "SELECT retention_months FROM register_fields WHERE key = 'notes'")).toEqual({
      retention_months: 24,
    });
    // A file taken back to format 5 by hand and opened again: the choices made since stay.
    db.prepare("UPDATE register_fields SET priority = 'must_have', purpose = 'Ours.' WHERE key = 'email'").run();
    db.pragma('user_version=5');
    db.close();
    db = stepTo(file, 6);
    expect(one(db, "SELECT priority, purpose FROM register_fields WHERE key = 'email'")).toEqual({
      priority: 'must_have',
      purpose: 'Ours.',
    });
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM register_fields').n).toBe(11);
    db.close();
  });

  it('7 appends the profile fields after the built-in ones, counting no values yet', () => {
    const file = fileAt(6, (db) => {
      addUser(db);
      addPerson(db, ANN);
      db.prepare(
        "UPDATE register_fields SET priority = 'not_collected', lawful_basis = NULL WHERE key = 'title'",
      ).run();
    });
    const db = stepTo(file, 7);
    const added = rows<Record<string, unknown>>(
      db,
      'SELECT key, position, kind, choices, custom, special, priority FROM register_fields WHERE position >= 11 ORDER BY position',
    );
    expect(added.map((r) => r.key)).toEqual([
      'household',
      'preferred_language',
      'accessibility_needs',
      'interests',
      'motivations',
      'contact_channel',
      'contact_frequency',
    ]);
    expect(added.map((r) => r.position)).toEqual([11, 12, 13, 14, 15, 16, 17]);
    expect(added.every((r) => r.custom === 0)).toBe(true);
    expect(added.find((r) => r.key === 'accessibility_needs')).toMatchObject({
      special: 1,
      priority: 'not_collected',
      kind: 'text',
    });
    expect(JSON.parse(String(added.find((r) => r.key === 'household')?.choices))).toContain('Lives alone');
    // The built-in rows are still the organisation's, now with no kind (stored on the record).
    expect(one(db, "SELECT priority, kind, custom FROM register_fields WHERE key = 'title'")).toEqual({
      priority: 'not_collected',
      kind: null,
      custom: 0,
    });
    expect(rows(db, 'SELECT filled FROM value_counts').every((r) => (r as { filled: number }).filled === 0)).toBe(true);
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM value_counts').n).toBe(7);
    db.prepare("INSERT INTO customer_values VALUES (1, 'household', 'Couple')").run();
    expect(one(db, "SELECT filled FROM value_counts WHERE field_key = 'household'")).toEqual({ filled: 1 });
    db.close();
  });

  it('8 makes existing records people and their addresses home ones, with no dates', () => {
    const file = fileAt(7, (db) => {
      addUser(db);
      addPerson(db, ANN);
    });
    const db = stepTo(file, 8);
    expect(one(db, 'SELECT kind, organisation_name, organisation_id, job_title FROM customers')).toEqual({
      kind: 'person',
      organisation_name: '',
      organisation_id: null,
      job_title: '',
    });
    expect(one(db, 'SELECT line1, town, postcode, kind, valid_from, valid_to FROM customer_addresses')).toEqual({
      line1: '1 High St',
      town: 'Leeds',
      postcode: 'LS1 4AB',
      kind: 'home',
      valid_from: '',
      valid_to: '',
    });
    expect(columns(db, 'value_provenance')).toEqual(
      expect.arrayContaining(['customer_id', 'field_key', 'source', 'collected_at']),
    );
    expect(indexes(db)).toEqual(expect.arrayContaining(['customers_organisation', 'customers_organisations']));
    db.close();
  });

  it('9 gives existing purchases no import batch', () => {
    const file = fileAt(8, (db) => {
      addUser(db);
      const id = addPerson(db, ANN);
      db.prepare(
        `INSERT INTO purchases (customer_id, date, item, quantity, amount_pence, created_at, created_by)
         VALUES (?, '2025-03-01', 'Hamlet', 2, 3000, ?, 1)`,
      ).run(id, AT);
    });
    const db = stepTo(file, 9);
    expect(one(db, 'SELECT item, quantity, amount_pence, import_id FROM purchases')).toEqual({
      item: 'Hamlet',
      quantity: 2,
      amount_pence: 3000,
      import_id: null,
    });
    expect(indexes(db)).toContain('purchases_import');
    db.close();
  });

  it('10 puts each date of birth in the search index and drops the column index', () => {
    const file = fileAt(9, (db) => {
      addUser(db);
      addPerson(db, ANN);
      addPerson(db, BOB);
      addPerson(db, { family_name: 'Unindexed', date_of_birth: '1980-01-02' }); // no terms: not in the index
    });
    const db = stepTo(file, 10);
    expect(rows(db, 'SELECT terms FROM customers ORDER BY id')).toEqual([
      { terms: 'ann lee @19700506' },
      { terms: 'ng' },
      { terms: '' },
    ]);
    const found = (term: string) =>
      rows<{ rowid: number }>(db, 'SELECT rowid FROM search_index WHERE search_index MATCH ?', `"${term}"`).map(
        (r) => r.rowid,
      );
    expect(found('@19700506')).toEqual([1]);
    expect(found('@19800102')).toEqual([]);
    expect(found('lee')).toEqual([1]);
    expect(indexes(db)).not.toContain('customers_date_of_birth');
    // Run again (a file taken back by hand): the term is not added twice.
    db.pragma('user_version=9');
    migrate(db, 10);
    expect(one(db, 'SELECT terms FROM customers WHERE id = 1')).toEqual({ terms: 'ann lee @19700506' });
    db.close();
  });

  it('11 indexes the audit log by person, action and time; entries are untouched', () => {
    const file = fileAt(10, (db) => {
      addUser(db);
      db.prepare(
        "INSERT INTO audit_log (seq, at, user_id, action, payload_hash, prev, mac) VALUES (1, ?, 1, 'file.create', 'h', '', 'm')",
      ).run(AT);
    });
    const db = stepTo(file, 11);
    expect(one(db, 'SELECT seq, at, user_id, action FROM audit_log')).toEqual({
      seq: 1,
      at: AT,
      user_id: 1,
      action: 'file.create',
    });
    expect(indexes(db)).toEqual(expect.arrayContaining(['audit_user', 'audit_action', 'audit_at']));
    db.close();
  });

  it('12 keeps every contact with its id, adds a summary, and takes letters and other contacts', () => {
    const file = fileAt(11, (db) => {
      addUser(db);
      const id = addPerson(db, ANN);
      const add = db.prepare(
        'INSERT INTO interactions (id, customer_id, at, kind, outcome, handled_by, created_at, created_by) VALUES (?, ?, ?, ?, ?, 1, ?, 1)',
      );
      add.run(7, id, AT, 'visit', 'Bought tickets', AT);
      add.run(9, id, LATER, 'complaint', 'Refunded', LATER);
    });
    const db = stepTo(file, 12);
    expect(rows(db, 'SELECT id, kind, summary, outcome FROM interactions ORDER BY id')).toEqual([
      { id: 7, kind: 'visit', summary: '', outcome: 'Bought tickets' },
      { id: 9, kind: 'complaint', summary: '', outcome: 'Refunded' },
    ]);
    expect(indexes(db)).toContain('interactions_customer');
    db.prepare(
      "INSERT INTO interactions (customer_id, at, kind, handled_by, created_at, created_by) VALUES (1, ?, 'letter', 1, ?, 1)",
    ).run(AT, AT);
    expect(() =>
      db
        .prepare(
          "INSERT INTO interactions (customer_id, at, kind, handled_by, created_at, created_by) VALUES (1, ?, 'fax', 1, ?, 1)",
        )
        .run(AT, AT),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('13 stamps each record with its latest activity from every table, then keeps it by triggers', () => {
    const file = fileAt(12, (db) => {
      addUser(db);
      const ann = addPerson(db, ANN, AT); // a purchase later than anything else
      const bob = addPerson(db, BOB, AT); // changed since created
      addPerson(db, { family_name: 'Quiet' }, AT); // nothing since
      db.prepare('UPDATE customers SET updated_at = ? WHERE id = ?').run('2025-02-01T00:00:00.000Z', bob);
      db.prepare(
        `INSERT INTO purchases (customer_id, date, item, quantity, amount_pence, created_at, created_by)
         VALUES (?, '2025-09-01', 'Hamlet', 1, 1500, ?, 1)`,
      ).run(ann, AT);
      db.prepare(
        'INSERT INTO interactions (customer_id, at, kind, handled_by, created_at, created_by) VALUES (?, ?, ?, 1, ?, 1)',
      ).run(ann, '2025-04-01T00:00:00.000Z', 'call', AT);
    });
    const db = stepTo(file, 13);
    expect(rows(db, 'SELECT id, last_activity_at, last_activity FROM customers ORDER BY id')).toEqual([
      { id: 1, last_activity_at: '2025-09-01', last_activity: 'purchase' },
      { id: 2, last_activity_at: '2025-02-01T00:00:00.000Z', last_activity: 'changed' },
      { id: 3, last_activity_at: AT, last_activity: 'created' },
    ]);
    db.prepare(
      'INSERT INTO interactions (customer_id, at, kind, handled_by, created_at, created_by) VALUES (3, ?, ?, 1, ?, 1)',
    ).run(LATER, 'visit', LATER);
    expect(one(db, 'SELECT last_activity_at, last_activity FROM customers WHERE id = 3')).toEqual({
      last_activity_at: LATER,
      last_activity: 'interaction',
    });
    expect(indexes(db)).toContain('customers_last_activity');
    db.close();
  });

  it('14 adds saved segments and campaign lists; a member goes with an erased customer', () => {
    const file = fileAt(13, (db) => {
      addUser(db);
      addPerson(db, ANN);
      addPerson(db, BOB);
    });
    const db = stepTo(file, 14);
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM customers').n).toBe(2);
    db.prepare(
      `INSERT INTO segments (name, purpose, definition, created_at, created_by, updated_at, updated_by)
       VALUES ('Leeds', 'Test', '{"version":1,"match":{"all":[]}}', ?, 1, ?, 1)`,
    ).run(AT, AT);
    expect(() =>
      db
        .prepare(
          `INSERT INTO segments (name, purpose, definition, created_at, created_by, updated_at, updated_by)
           VALUES ('LEEDS', 'Test', '{}', ?, 1, ?, 1)`,
        )
        .run(AT, AT),
    ).toThrow(/UNIQUE/);
    db.prepare(
      `INSERT INTO campaign_lists (name, segment_name, definition, channel, purpose, created_at, created_by)
       VALUES ('Spring', 'Leeds', '{}', 'email', 'Spring season', ?, 1)`,
    ).run(AT);
    db.prepare('INSERT INTO campaign_members (list_id, customer_id) VALUES (1, 1), (1, 2)').run();
    expect(() => db.prepare("UPDATE campaign_members SET response = 'maybe' WHERE customer_id = 1").run()).toThrow(
      /CHECK/,
    );
    db.prepare('DELETE FROM customers WHERE id = 1').run();
    expect(rows(db, 'SELECT customer_id FROM campaign_members')).toEqual([{ customer_id: 2 }]);
    expect(indexes(db)).toContain('campaign_members_customer');
    db.close();
  });

  it('15 gives merges a group id, empty for the pairwise merges already made', () => {
    const file = fileAt(14, (db) => {
      addUser(db);
      addPerson(db, ANN);
      addPerson(db, BOB);
    });
    const before = fileAt(14);
    const db = stepTo(file, 15);
    expect(columns(db, 'merges')).toContain('group_id');
    expect(indexes(db)).toContain('merges_group');
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM customers').n).toBe(2);
    db.close();
    // Run again over a file taken back by hand: nothing added twice.
    const again = stepTo(before, 15);
    again.pragma('user_version=14');
    migrate(again, 15);
    expect(columns(again, 'merges').filter((c) => c === 'group_id')).toHaveLength(1);
    again.close();
  });

  it('16 indexes purchases by item and by category, whatever their case', () => {
    const file = fileAt(15, (db) => {
      addUser(db);
      addPerson(db, ANN);
    });
    const db = stepTo(file, 16);
    expect(indexes(db)).toEqual(expect.arrayContaining(['purchases_item', 'purchases_category']));
    db.prepare(
      `INSERT INTO purchases (customer_id, date, item, category, quantity, amount_pence, created_at, created_by)
       VALUES (1, '2025-03-01', 'Jazz Night', 'Jazz', 1, 1500, ?, 1)`,
    ).run(AT);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT customer_id FROM purchases WHERE item = 'jazz night' COLLATE NOCASE AND date >= '2025-01-01'",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('purchases_item');
    expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM purchases WHERE category = 'JAZZ' COLLATE NOCASE").n).toBe(
      1,
    );
    db.close();
  });

  it('18 adds the event pack tables, empty, with the customers already there untouched', () => {
    // 17 was reserved for work that needed no migration: 18 follows 16.
    const file = fileAt(15, (db) => {
      addUser(db);
      addPerson(db, ANN);
    });
    const db = openRaw(file);
    migrate(db, 18);
    expect(schemaVersion(db)).toBe(18);
    for (const table of [
      'pack_info',
      'pack_lookups',
      'pack_captures',
      'packs',
      'pack_queue',
      'pack_changes',
      'pack_consents',
    ])
      expect(one<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`).n, table).toBe(0);
    expect(columns(db, 'packs')).toEqual(expect.arrayContaining(['pack_id', 'status', 'import_id', 'wiped_at']));
    expect(() =>
      db.prepare("INSERT INTO pack_info VALUES (2, 'p', 'e', '2026-07-04', 'l', 'm', 'a', 'f', '{}')").run(),
    ).toThrow(/CHECK/);
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM customers').n).toBe(1);
    db.pragma('user_version=15');
    migrate(db, 18);
    expect(indexes(db).filter((i) => i === 'pack_queue_pack')).toHaveLength(1);
    db.close();
  });

  it('19 counts the purchases already there by month and by customer, then keeps counting', () => {
    const file = fileAt(18, (db) => {
      addUser(db);
      const ann = addPerson(db, ANN);
      const bob = addPerson(db, BOB);
      const buy = db.prepare(
        `INSERT INTO purchases (customer_id, date, item, quantity, amount_pence, venue, created_at, created_by)
         VALUES (?, ?, 'Hamlet', ?, ?, ?, ?, 1)`,
      );
      buy.run(ann, '2025-03-01', 2, 3000, 'Main Hall', AT);
      buy.run(ann, '2025-03-20', 1, -1500, 'Main Hall', AT);
      buy.run(bob, '2025-03-09', 1, 1200, '', AT);
      buy.run(bob, '2025-05-01', 3, 4500, '', AT);
    });
    const db = stepTo(file, 19);
    const months = () =>
      rows<{ month: string; customers: number; booked_customers: number; amount_pence: number }>(
        db,
        'SELECT * FROM sales_months ORDER BY month',
      );
    expect(months()).toEqual([
      {
        month: '2025-03',
        purchases: 2,
        quantity: 3,
        amount_pence: 2700,
        customers: 2,
        booked_purchases: 1,
        booked_quantity: 2,
        booked_amount_pence: 1500,
        booked_customers: 1,
      },
      {
        month: '2025-05',
        purchases: 1,
        quantity: 3,
        amount_pence: 4500,
        customers: 1,
        booked_purchases: 0,
        booked_quantity: 0,
        booked_amount_pence: 0,
        booked_customers: 0,
      },
    ]);
    expect(rows(db, 'SELECT * FROM customer_purchase_facts ORDER BY customer_id')).toEqual([
      { customer_id: 1, first_date: '2025-03-01', last_date: '2025-03-01', purchases: 1, spend_pence: 1500 },
      { customer_id: 2, first_date: '2025-03-09', last_date: '2025-05-01', purchases: 2, spend_pence: 5700 },
    ]);
    // Counted once, not again by the triggers; a new purchase and a removed one move the counts.
    db.prepare(
      `INSERT INTO purchases (customer_id, date, item, quantity, amount_pence, venue, created_at, created_by)
       VALUES (2, '2025-05-02', 'Panto', 1, 800, 'Studio', ?, 1)`,
    ).run(AT);
    db.prepare("DELETE FROM purchases WHERE customer_id = 2 AND date = '2025-03-09'").run();
    expect(months().map((m) => [m.month, m.customers, m.booked_customers, m.amount_pence])).toEqual([
      ['2025-03', 1, 1, 1500],
      ['2025-05', 1, 1, 5300],
    ]);
    expect(one(db, 'SELECT * FROM customer_purchase_facts WHERE customer_id = 2')).toEqual({
      customer_id: 2,
      first_date: '2025-05-01',
      last_date: '2025-05-02',
      purchases: 2,
      spend_pence: 5300,
    });
    // Run again (a file taken back to an older format by hand): counted afresh, not twice.
    const before = months();
    db.pragma('user_version=18');
    migrate(db, 19);
    expect(months()).toEqual(before);
    db.close();
  });

  it('20 indexes addresses by postcode area, district and town, and keeps each choice of a list as a row', () => {
    const file = fileAt(19, (db) => {
      addUser(db);
      const ann = addPerson(db, ANN);
      db.prepare(`INSERT INTO customer_values (customer_id, field_key, value) VALUES (?, 'interests', ?)`).run(
        ann,
        '["Music","Dance","music"]',
      );
      db.prepare(
        "INSERT INTO customer_addresses (customer_id, position, town, postcode) VALUES (?, 9, ' Bristol', 'BS1 4DJ')",
      ).run(ann);
    });
    const db = stepTo(file, 20);
    const choices = () => rows(db, 'SELECT field_key, value, customer_id FROM customer_choices ORDER BY value');
    expect(choices()).toEqual([
      { field_key: 'interests', value: 'dance', customer_id: 1 },
      { field_key: 'interests', value: 'music', customer_id: 1 },
    ]);
    db.prepare(`UPDATE customer_values SET value = '["Film"]' WHERE customer_id = 1`).run();
    expect(choices()).toEqual([{ field_key: 'interests', value: 'film', customer_id: 1 }]);
    db.pragma('user_version=19');
    migrate(db, 20);
    expect(choices()).toEqual([{ field_key: 'interests', value: 'film', customer_id: 1 }]);
    db.prepare('DELETE FROM customer_values WHERE customer_id = 1').run();
    expect(choices()).toEqual([]);
    const plan = (where: string) =>
      rows<{ detail: string }>(db, `EXPLAIN QUERY PLAN SELECT customer_id FROM customer_addresses WHERE ${where}`)
        .map((p) => p.detail)
        .join(' ');
    expect(plan("rtrim(substr(postcode, 1, 2), '0123456789') = 'BS'")).toContain('customer_addresses_area');
    expect(plan("substr(postcode, 1, instr(postcode, ' ') - 1) = 'BS1'")).toContain('customer_addresses_district');
    expect(plan("lower(trim(town)) = 'bristol'")).toContain('customer_addresses_town');
    db.close();
  });

  it('21 keeps what each consent history says now, read again after every change to the events', () => {
    const event = (db: DB, customer: number, channel: string, action: string, basis = 'consent', soft = 0) =>
      db
        .prepare(
          `INSERT INTO consent_events (customer_id, channel, purpose, action, basis, soft_sale, soft_similar,
             soft_opt_out, wording_version, wording, method, at, by_user)
           VALUES (?, ?, 'marketing', ?, ?, ?, ?, ?, 1, 'We would like to write to you.', 'counter', ?, 1)`,
        )
        .run(customer, channel, action, basis, soft, soft, soft, AT).lastInsertRowid;
    const file = fileAt(20, (db) => {
      addUser(db);
      const ann = addPerson(db, ANN);
      const bob = addPerson(db, BOB);
      event(db, ann, 'email', 'given');
      event(db, ann, 'email', 'withdrawn');
      event(db, ann, 'post', 'given');
      event(db, bob, 'email', 'given', 'soft_opt_in', 1);
      event(db, bob, 'phone', 'given', 'soft_opt_in', 1);
    });
    const db = stepTo(file, 21);
    const state = () =>
      rows<{ customer_id: number; channel: string; state: string }>(
        db,
        'SELECT customer_id, channel, state FROM consent_state ORDER BY customer_id, channel',
      ).map((r) => `${r.customer_id} ${r.channel} ${r.state}`);
    // A soft opt-in qualifies for email with its three conditions, never for a phone call.
    expect(state()).toEqual(['1 email withdrawn', '1 post given', '2 email given', '2 phone none']);
    const again = Number(event(db, 1, 'email', 'given'));
    expect(state()).toContain('1 email given');
    // Undone (the event deleted): the one before it speaks again.
    db.prepare('DELETE FROM consent_events WHERE id = ?').run(again);
    expect(state()).toContain('1 email withdrawn');
    // A merge moves Bob's events to Ann: his rows go, hers are read again (her email event is
    // older than his, so his given one is now the latest).
    db.prepare('UPDATE consent_events SET customer_id = 1 WHERE customer_id = 2').run();
    expect(state()).toEqual(['1 email given', '1 phone none', '1 post given']);
    // Erasure deletes the history, and the state with it.
    db.prepare('DELETE FROM consent_events WHERE customer_id = 1').run();
    expect(state()).toEqual([]);
    event(db, 1, 'sms', 'withdrawn');
    db.pragma('user_version=20');
    migrate(db, 21);
    expect(state()).toEqual(['1 sms withdrawn']);
    db.close();
  });

  it('22 makes the address indexes covering, so a place is answered without reading the addresses', () => {
    const file = fileAt(21, (db) => {
      addUser(db);
      const ann = addPerson(db, ANN);
      db.prepare(
        "INSERT INTO customer_addresses (customer_id, position, town, postcode, country) VALUES (?, 9, 'Bristol', 'BS1 4DJ', 'UK')",
      ).run(ann);
    });
    const db = stepTo(file, 22);
    const plan = (where: string) =>
      rows<{ detail: string }>(db, `EXPLAIN QUERY PLAN SELECT customer_id FROM customer_addresses a WHERE ${where}`)
        .map((p) => p.detail)
        .join(' ');
    const uk = "a.postcode LIKE '% ___' AND a.country IN ('UK', 'GB')";
    expect(plan(`${uk} AND rtrim(substr(a.postcode, 1, 2), '0123456789') = 'BS'`)).toContain(
      'COVERING INDEX customer_addresses_area',
    );
    expect(plan(`${uk} AND substr(a.postcode, 1, instr(a.postcode, ' ') - 1) = 'BS1'`)).toContain(
      'COVERING INDEX customer_addresses_district',
    );
    expect(plan("lower(trim(a.town)) = 'bristol'")).toContain('COVERING INDEX customer_addresses_town');
    // Run again (a file taken back by hand): made afresh, and still answering.
    db.pragma('user_version=21');
    migrate(db, 22);
    expect(plan("lower(trim(a.town)) = 'bristol'")).toContain('COVERING INDEX customer_addresses_town');
    expect(rows(db, "SELECT customer_id FROM customer_addresses a WHERE lower(trim(a.town)) = 'bristol'")).toEqual([
      { customer_id: 1 },
    ]);
    db.close();
  });

  it('23 indexes the buyers of each item and category in customer order, for "ever bought"', () => {
    const db = stepTo(fileAt(22), 23);
    const plan = (where: string) =>
      rows<{ detail: string }>(db, `EXPLAIN QUERY PLAN SELECT p.customer_id FROM purchases p WHERE ${where}`)
        .map((p) => p.detail)
        .join(' ');
    expect(plan("p.category = 'theatre' COLLATE NOCASE AND p.amount_pence >= 0")).toContain(
      'COVERING INDEX purchases_category_buyers',
    );
    expect(plan("p.item = 'hamlet' COLLATE NOCASE AND p.amount_pence >= 0")).toContain(
      'COVERING INDEX purchases_item_buyers',
    );
    // A period still reads 0016's index, by day.
    expect(plan("p.category = 'theatre' COLLATE NOCASE AND p.amount_pence >= 0 AND p.date >= '2025-01-01'")).toContain(
      'purchases_category ',
    );
    db.close();
  });

  it('24 indexes the archived records alone, and live-record queries do not take it', () => {
    const file = fileAt(23, (db) => {
      addUser(db);
      addPerson(db, ANN);
      const bob = addPerson(db, BOB);
      db.prepare('UPDATE customers SET archived = 1 WHERE id = ?').run(bob);
    });
    const db = stepTo(file, 24);
    const plan = (where: string) =>
      rows<{ detail: string }>(db, `EXPLAIN QUERY PLAN SELECT c.id FROM customers c WHERE ${where}`)
        .map((p) => p.detail)
        .join(' ');
    expect(plan('c.archived <> 0')).toContain('COVERING INDEX customers_archived');
    expect(plan("c.archived = 0 AND c.source = 'event'")).not.toContain('customers_archived');
    expect(rows(db, 'SELECT c.id FROM customers c WHERE c.archived <> 0')).toEqual([{ id: 2 }]);
    db.close();
  });

  it('covers every migration there is', () => {
    // A new migration needs its own case above: this fails until the count is raised with it.
    expect(SCHEMA_VERSION).toBe(24);
  });
});

describe('a damaged file at an older format', () => {
  it('is refused in plain words before any migration writes to it', () => {
    const file = fileAt(4, (db) => {
      addUser(db);
      for (let i = 0; i < 400; i++) addPerson(db, { ...ANN, ref: `D${i}`, notes: `Customer ${i} `.repeat(20) });
    });
    const pages = fs.statSync(file).size / 4096;
    expect(pages).toBeGreaterThan(20);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages / 2) * 4096);
    fs.closeSync(fd);
    const before = sha256(file);
    let error: unknown;
    try {
      openDatabase(file, PASSPHRASE).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('FILE_DAMAGED');
    expect((error as CoreError).message).toBe(
      `This file is damaged: restore a copy. Custodian cannot trust what is in ${file} and has not changed it.`,
    );
    expect((error as CoreError).message).not.toMatch(/SQLITE|malformed|HMAC/);
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
