// The counter searches read indexes, never the whole customers table: a name, an email, a phone
// number or a postcode goes to the search index, then each candidate's row is read by its id;
// a customer number by its own index. Checked with EXPLAIN QUERY PLAN on the statements the
// search and the import's matcher really prepare, on a real encrypted file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { createMatcher } from '../../electron/core/imports/matching';
import { searchCustomers } from '../../electron/core/search/search.service';
import { CustomerInput } from '../../shared/customer';
import { ownerCore, PASSPHRASE } from '../support/core';
import { tempFile } from '../support/files';

type DB = ReturnType<typeof openDatabase>;
const countParams = (text: string) => (text.match(/\?/g) ?? []).length;

let db: DB;
let texts: string[] = [];
let explain: (text: string) => string;

beforeAll(async () => {
  const owner = await ownerCore(tempFile());
  await owner.ok('customers.create', {
    ref: 'M-1',
    given_name: 'Ann',
    family_name: 'Lee',
    emails: [{ address: 'ann@example.org' }],
    phones: [{ number: '07700 900123' }],
    addresses: [{ line1: '1 High Street', town: 'Leeds', postcode: 'LS1 4AB' }],
  });
  for (let i = 0; i < 30; i++) {
    await owner.ok('customers.create', {
      given_name: `Given${i}`,
      family_name: `Family${i}`,
      emails: [{ address: `person${i}@example.com` }],
    });
  }
  owner.core.close();
  db = openDatabase(owner.file, PASSPHRASE);
  const prepare = db.prepare.bind(db);
  explain = (text) =>
    (prepare(`EXPLAIN QUERY PLAN ${text}`).all(...Array(countParams(text)).fill(1)) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
});

afterAll(() => db?.close());

/**
 * The real connection seen through a new wrapper that notes each statement prepared: statements
 * are cached per connection object, so each search through a fresh one prepares all it runs.
 */
function observed(): DB {
  texts = [];
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (text: string) => {
          texts.push(text);
          return target.prepare(text);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The plans of every statement one search prepared, after checking it found Ann. */
function plansOf(q: string): string[] {
  const found = searchCustomers(observed(), q, 50, false);
  expect(
    found.items.map((c) => c.family_name),
    q,
  ).toContain('Lee');
  expect(texts.length, q).toBeGreaterThan(0);
  return [...new Set(texts)].map(explain);
}

describe('the counter search', () => {
  it.each([
    ['a name', 'ann lee'],
    ['a name prefix', 'le'],
    ['an email', 'ann@example.org'],
    ['a phone number', '07700 900123'],
    ['the end of a phone number', '900123'],
    ['a postcode', 'LS1 4AB'],
    ['a customer number', 'M-1'],
  ])('finds by %s through the search index and reads rows by id, never scanning customers', (_, q) => {
    const plans = plansOf(q);
    for (const plan of plans) expect(plan, q).not.toMatch(/\bSCAN customers\b/);
    expect(plans.some((p) => /SCAN search_index VIRTUAL TABLE/.test(p))).toBe(true);
    expect(plans.some((p) => /SEARCH customers USING INTEGER PRIMARY KEY/.test(p))).toBe(true);
  });

  it('opens with the recently changed records read in the order of their index', () => {
    searchCustomers(observed(), '', 20, false);
    const [plan] = texts.map(explain);
    expect(plan).toMatch(/SCAN customers USING INDEX customers_updated/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('the import’s matcher', () => {
  it('looks a customer number up in its index and an email or phone in the search index', () => {
    const match = createMatcher(observed());
    const ann = CustomerInput.parse({
      family_name: 'Lee',
      emails: [{ address: 'ann@example.org' }],
      phones: [{ number: '07700 900123' }],
    });
    expect(match({ ...ann, ref: 'M-1' })).toEqual({ id: 1, by: 'ref' });
    expect(match({ ...ann, ref: '' })).toEqual({ id: 1, by: 'email' });
    expect(match({ ...ann, ref: '', emails: [] })).toEqual({ id: 1, by: 'phone' });
    // Whatever order the matcher prepares its statements in: one reads the number's index, one
    // the search index, and none walks the customers.
    const plans = texts.map(explain);
    expect(plans.some((p) => /SEARCH customers USING (COVERING )?INDEX customers_ref \(ref=\?\)/.test(p))).toBe(true);
    expect(plans.some((p) => /SCAN search_index VIRTUAL TABLE/.test(p))).toBe(true);
    for (const p of plans) expect(p).not.toMatch(/SCAN customers/);
  });
});
