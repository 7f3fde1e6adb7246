// The bulk writer (customers/bulk.ts insertCustomers) on real encrypted files: it must store
// exactly what insertCustomer stores row by row (every customer table, the counters, the search
// index), and a batch that fails, or is cut off by a crash, leaves nothing behind.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCustomers } from '../../electron/core/customers/bulk';
import { insertCustomer } from '../../electron/core/customers/customers.queries';
import { fieldCountTotals } from '../../electron/core/db/migrations/0005-profile';
import { type DB, integrity, openDatabase } from '../../electron/core/db/open';
import { type CustomerData, CustomerInput } from '../../shared/customer';
import { type Owner, ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { sha256 } from '../support/files';

const CRASH = path.join(import.meta.dirname, '../support/crash-in-bulk.ts');

const NOW = '2026-03-02T10:00:00.000Z';
const ROWS = 2500;
// Batch sizes on both sides of the rows-per-statement boundary (64) and of the size from which a
// batch commits with the bulk settings (200).
const BATCHES = [1, 63, 150, 700];

const GIVEN = ['José', 'Zoë', 'Siân', 'Mary', 'Łukasz', 'Ann', ''];
const FAMILY = ["O'Brien", 'Núñez', 'Smith-Jones', 'Dvořák', 'Müller', 'Wei'];
const OUTWARD = ['SW1A', 'M1', 'LS1', 'EH1', 'B33', 'CF10'];
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Three letters from a number, so each customer's family name is their own. */
const tag = (i: number) =>
  [i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676) % 26].map((n) => 'abcdefghijklmnopqrstuvwxyz'[n]).join('');
const mobile = (i: number) => `07${String(400000000 + i)}`;
const postcode = (i: number) =>
  `${OUTWARD[i % OUTWARD.length]} ${i % 10}${LETTERS[Math.floor(i / 10) % 20]}${LETTERS[Math.floor(i / 200) % 20]}`;
const familyOf = (i: number) => `${FAMILY[i % FAMILY.length]}${tag(i)}`;

/** A varied, validated customer: with and without a number, 0–3 emails and phones, 0–2 addresses. */
function customer(i: number): CustomerData {
  const organisation = i % 97 === 5;
  return CustomerInput.parse({
    ref: i % 3 === 0 ? '' : `R-${i}`,
    ...(organisation ? { kind: 'organisation', organisation_name: `Friends of ${familyOf(i)}` } : {}),
    title: i % 4 === 0 ? 'Dr' : '',
    given_name: GIVEN[i % GIVEN.length],
    family_name: familyOf(i),
    preferred_name: i % 11 === 0 ? 'Bea' : '',
    emails: Array.from({ length: i % 4 }, (_, k) => ({
      address: `${tag(i)}.${k}@Example.ORG`,
      label: k ? 'work' : '',
    })),
    phones: [
      ...(i % 5 === 0 ? [] : [{ number: `${mobile(i).slice(0, 5)} ${mobile(i).slice(5)}`, label: 'mobile' }]),
      ...(i % 2 === 0 ? [{ number: `020 ${String(70000000 + i)}` }] : []),
    ],
    addresses: Array.from({ length: i % 3 }, (_, k) => ({
      line1: `${k + 1} Rue de l'Église`,
      town: k ? 'Cardiff' : 'Llanelli',
      postcode: k ? '' : postcode(i),
      ...(k ? { kind: 'work' } : {}),
    })),
    date_of_birth: i % 6 === 0 ? '' : `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
    notes: i % 10 === 0 ? 'Prefers a call in the morning; speaks Cymraeg.' : '',
  });
}

/** Every row of the customer tables (and of any table keyed by customer), in a fixed order. */
function customerTables(db: DB): Record<string, unknown[]> {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index%'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter(
      (name) =>
        name === 'customers' ||
        name === 'field_counts' ||
        (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).some(
          (c) => c.name === 'customer_id',
        ),
    );
  expect(tables).toEqual(expect.arrayContaining(['customers', 'customer_emails', 'customer_phones', 'field_counts']));
  const out: Record<string, unknown[]> = {};
  for (const name of tables) {
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).map(
      (c) => c.name,
    );
    out[name] = db.prepare(`SELECT * FROM ${name} ORDER BY ${columns.join(', ')}`).all();
  }
  out.sqlite_sequence = db.prepare("SELECT * FROM sqlite_sequence WHERE name = 'customers'").all();
  return out;
}

function recount(db: DB): Record<string, number> {
  return db.prepare(`SELECT ${fieldCountTotals()} FROM customers c`).get() as Record<string, number>;
}

function storedCounts(db: DB): Record<string, number> {
  const { id: _id, ...counts } = db.prepare('SELECT * FROM field_counts WHERE id = 1').get() as Record<string, number>;
  return counts;
}

const triggerSql = (db: DB) =>
  (
    db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'field_counts_insert'").get() as
      | { sql: string }
      | undefined
  )?.sql;

describe('insertCustomers (bulk)', () => {
  const rows = Array.from({ length: ROWS }, (_, i) => customer(i));
  let bulk: Owner;
  let perRow: Owner;
  let ownerId: number;

  // The files live for the whole describe (the shared temp folders are emptied after each test).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bulk-'));

  beforeAll(async () => {
    bulk = await ownerCore(path.join(dir, 'bulk.custodian'));
    perRow = await ownerCore(path.join(dir, 'per-row.custodian'));
    bulk.core.close();
    perRow.core.close();

    const a = openDatabase(bulk.file, PASSPHRASE);
    ownerId = (a.prepare("SELECT id FROM users WHERE role = 'owner'").get() as { id: number }).id;
    let from = 0;
    for (let b = 0; from < ROWS; b++) {
      const size = BATCHES[b] ?? ROWS;
      const batch = rows.slice(from, from + size);
      expect(insertCustomers(a, batch, ownerId, NOW)).toEqual(batch.map((_, i) => from + i + 1));
      from += batch.length;
    }
    // The longer WAL between checkpoints lasts only as long as each large batch.
    expect(a.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    a.close();

    const b = openDatabase(perRow.file, PASSPHRASE);
    b.transaction(() => {
      for (const row of rows) insertCustomer(b, row, ownerId, NOW);
    })();
    b.close();
  }, 120_000);

  afterAll(() => {
    bulk.core.close();
    perRow.core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores exactly what insertCustomer stores, row by row', () => {
    const a = openDatabase(bulk.file, PASSPHRASE);
    const b = openDatabase(perRow.file, PASSPHRASE);
    try {
      const inBulk = customerTables(a);
      expect((inBulk.customers as unknown[]).length).toBe(ROWS);
      expect((inBulk.customer_emails as unknown[]).length).toBeGreaterThan(ROWS);
      const perRowTables = customerTables(b);
      expect(Object.keys(inBulk)).toEqual(Object.keys(perRowTables));
      for (const [name, list] of Object.entries(inBulk)) expect(list, name).toEqual(perRowTables[name]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('gives the same records through customers.get', async () => {
    bulk = await reopenAsOwner(bulk.file);
    perRow = await reopenAsOwner(perRow.file);
    for (let id = 1; id <= ROWS; id += 13) {
      const stored = await bulk.ok('customers.get', { id });
      expect(stored).toEqual(await perRow.ok('customers.get', { id }));
      expect(stored.family_name).toBe(familyOf(id - 1));
    }
  });

  it('finds every bulk-inserted customer by name, phone and postcode', async () => {
    const found = async (q: string) => (await bulk.ok('search.query', { q, limit: 200 })).items.map((i) => i.id);
    for (let i = 0; i < ROWS; i += 7) {
      const id = i + 1;
      expect(await found(familyOf(i))).toContain(id);
      if (i % 5 !== 0) expect(await found(mobile(i).slice(-6))).toContain(id);
      if (i % 3 !== 0) expect(await found(postcode(i))).toContain(id);
    }
    // Accents folded: "Nunez" finds "Núñez…".
    expect(await found(`nunez${tag(1)}`)).toEqual([2]);
  }, 120_000);

  it('keeps the completeness counters equal to a full recount', async () => {
    const table = await bulk.ok('quality.completeness', {});
    expect(table.records).toBe(ROWS);
    bulk.core.close();
    const a = openDatabase(bulk.file, PASSPHRASE);
    try {
      expect(storedCounts(a)).toEqual(recount(a));
    } finally {
      a.close();
    }
    bulk = await reopenAsOwner(bulk.file);
  });

  it('a batch cut off by a crash before its commit is rolled back from the journal at the next open', () => {
    bulk.core.close();
    let a = openDatabase(bulk.file, PASSPHRASE);
    const before = customerTables(a);
    a.close();
    const fileBefore = sha256(bulk.file);
    // Enough rows to overflow the bulk page cache, so pages reach the file itself before the commit.
    const child = spawnSync(process.execPath, ['--import', 'tsx', CRASH, bulk.file, PASSPHRASE, '40000'], {
      encoding: 'utf8',
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(fs.statSync(`${bulk.file}-journal`).size).toBeGreaterThan(0);
    // The journal holds pages of customer data: readable by the file's owner only, like the file.
    expect(fs.statSync(`${bulk.file}-journal`).mode & 0o777).toBe(0o600);
    expect(sha256(bulk.file)).not.toBe(fileBefore);
    a = openDatabase(bulk.file, PASSPHRASE);
    try {
      expect(customerTables(a)).toEqual(before);
      expect(integrity(a)).toBe('ok');
      expect(a.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(fs.existsSync(`${bulk.file}-journal`)).toBe(false);
    } finally {
      a.close();
    }
  });

  it('leaves nothing behind when a batch fails, counters and trigger included', () => {
    bulk.core.close();
    const a = openDatabase(bulk.file, PASSPHRASE);
    try {
      const before = customerTables(a);
      const trigger = triggerSql(a);
      expect(trigger).toContain('field_counts');
      const fresh = (n: number, at: number) => Array.from({ length: n }, (_, k) => customer(ROWS + at + k));
      // A customer number already in the file, in the middle of a large and of a small batch.
      for (const size of [300, 20]) {
        const batch = fresh(size, 0);
        batch[Math.floor(size / 2)] = { ...(batch[0] as CustomerData), ref: 'R-1' };
        expect(() => insertCustomers(a, batch, ownerId, NOW)).toThrow(/UNIQUE/);
        expect(customerTables(a)).toEqual(before);
        expect(triggerSql(a)).toBe(trigger);
      }
      // The same new number twice in one batch.
      const twice = fresh(250, 0).map((c) => ({ ...c, ref: c.ref ? 'NEW-1' : '' }));
      expect(() => insertCustomers(a, twice, ownerId, NOW)).toThrow(/UNIQUE/);
      expect(customerTables(a)).toEqual(before);

      // Inside a caller's transaction (no savepoint of its own: it halved the write rate), the
      // failure takes the caller's whole transaction back, its own earlier row included.
      expect(() =>
        a.transaction(() => {
          insertCustomer(a, customer(ROWS + 1000), ownerId, NOW);
          const bad = fresh(250, 0);
          bad[100] = { ...(bad[100] as CustomerData), ref: 'R-2' };
          insertCustomers(a, bad, ownerId, NOW);
        })(),
      ).toThrow(/UNIQUE/);
      expect(customerTables(a)).toEqual(before);
      expect(triggerSql(a)).toBe(trigger);
      expect(storedCounts(a)).toEqual(recount(a));
      // The trigger still counts a row written one at a time.
      const records = storedCounts(a).records as number;
      insertCustomer(a, customer(ROWS + 1001), ownerId, NOW);
      expect(storedCounts(a).records).toBe(records + 1);
      expect(storedCounts(a)).toEqual(recount(a));
    } finally {
      a.close();
    }
  });
});
