// The audit trail as the audit screen reads it, over a real encrypted file: each filter (person,
// customer, kind of action, days) narrows to exactly its entries, the days are whole local days
// with both ends included, names replace ids (an erased customer is "erased customer", never their
// old name), details read as words, an empty search leaves no entry, and the filters walk indexes.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { findAuditEntries } from '../../electron/core/audit/audit.queries';
import { openDatabase } from '../../electron/core/db/open';
import { ownerCore, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

const STAFF_PASSWORD = 'staff counter password';

/** A local time (the screen's days are this computer's days): March 2026, day `d`. */
const local = (d: number, h = 0, m = 0, s = 0, ms = 0) => new Date(2026, 2, d, h, m, s, ms);
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;

async function scene() {
  let now = local(1, 9);
  const file = tempFile();
  const core = createCore(file, { now: () => now });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const ownerId = created.value.user.id;
  let owner = signedIn(core, created.value.token, file);
  /** Move the clock and sign in afresh (the idle lock ends a session across days). */
  const at = async (when: Date, userId = ownerId, secret = PASSPHRASE) => {
    now = when;
    const session = await core.call(null, 'session.signIn', { user_id: userId, secret });
    if (!session.ok) throw new Error(session.error.message);
    return signedIn(core, session.value.token, file);
  };
  const sam = await owner.ok('staff.create', { name: 'Sam Staff', role: 'staff', password: STAFF_PASSWORD });
  const alice = await owner.ok('customers.create', { given_name: 'Alice', family_name: 'Archer' });
  const bob = await owner.ok('customers.create', { given_name: 'Bob', family_name: 'Bobbington' });

  // 2 March: from its first instant to its last.
  owner = await at(local(2));
  await owner.ok('customers.get', { id: alice.id });
  const asSam = await at(local(2, 23, 59, 59, 999), sam.id, STAFF_PASSWORD);
  await asSam.ok('customers.get', { id: bob.id });
  await asSam.ok('search.query', { q: 'ali' });

  // 3 March, midnight: outside a range that ends on the 2nd.
  owner = await at(local(3));
  await owner.ok('customers.update', { id: alice.id, version: alice.version, data: { ...alice, notes: 'Moved' } });
  await owner.ok('exports.run', { purpose: 'records', format: 'csv', fields: ['ref', 'email'], selection: 'all' });
  await owner.ok('customers.erase', { id: bob.id, reason: 'Asked to be forgotten' });
  return { core, file, owner, ownerId, sam, alice, bob };
}

describe('the audit list, filtered', () => {
  it('narrows by person, customer, kind and whole days, with names and words', async () => {
    const { owner, ownerId, sam, alice, bob } = await scene();
    const everything = await owner.ok('audit.list', { limit: 500 });
    expect(everything.length).toBeGreaterThan(10);

    // Person: only Sam's entries, all of them.
    const bySam = await owner.ok('audit.list', { user_id: sam.id, limit: 500 });
    expect(bySam.map((e) => e.action)).toEqual(['search', 'customer.view', 'session.start']);
    expect(new Set(bySam.map((e) => e.user))).toEqual(new Set(['Sam Staff']));
    expect(bySam.length).toBe(everything.filter((e) => e.user === 'Sam Staff').length);
    expect((await owner.ok('audit.list', { user_id: ownerId, limit: 500 })).some((e) => e.user === 'Sam Staff')).toBe(
      false,
    );

    // Customer: Alice's entries by name, nobody else's.
    const aboutAlice = await owner.ok('audit.list', { customer_id: alice.id, limit: 500 });
    expect(aboutAlice.map((e) => e.action)).toEqual(['customer.update', 'customer.view', 'customer.create']);
    expect(new Set(aboutAlice.map((e) => e.customer))).toEqual(new Set(['Alice Archer']));
    expect(aboutAlice.map((e) => e.label)).toEqual(['Changed a record', 'Viewed a record', 'Added a customer']);

    // An erased customer: their entries and the erasure, under "erased customer", never the old name.
    const aboutBob = await owner.ok('audit.list', { customer_id: bob.id, limit: 500 });
    expect(aboutBob.map((e) => e.action)).toEqual(['customer.erase', 'customer.view', 'customer.create']);
    expect(new Set(aboutBob.map((e) => e.customer))).toEqual(new Set(['erased customer']));
    expect(JSON.stringify(aboutBob)).not.toContain('Bobbington');
    expect(aboutBob[0]?.said).toBe('Reason: Asked to be forgotten');

    // Kind: the searches only, the query in words; the exports only, in words.
    const searches = await owner.ok('audit.list', { kind: 'searches', limit: 500 });
    expect(searches.map((e) => e.action)).toEqual(['search']);
    expect(searches[0]?.said).toBe('Searched for “ali” (1 result)');
    const exports = await owner.ok('audit.list', { kind: 'exports', limit: 500 });
    expect(exports.map((e) => e.action)).toEqual(['customers.export']);
    expect(exports[0]?.said).toBe('Exported 2 customers as CSV (ref, email) for keeping our records');
    const erasure = await owner.ok('audit.list', { kind: 'erasure', limit: 500 });
    expect(erasure.map((e) => e.action)).toEqual(['customer.erase']);
    // No entry in the whole list shows JSON.
    for (const e of everything) expect(e.said, e.action).not.toMatch(/[{}"]/);

    // Days: the 2nd alone holds its first and its last instant, nothing of the 1st or the 3rd.
    const second = await owner.ok('audit.list', { from: day(2), to: day(2), limit: 500 });
    expect(second.map((e) => e.action)).toEqual([
      'search',
      'customer.view',
      'session.start',
      'customer.view',
      'session.start',
    ]);
    for (const e of second) expect(new Date(e.at).getDate()).toBe(2);
    const secondOn = await owner.ok('audit.list', { from: day(2), limit: 500 });
    expect(secondOn.length).toBe(everything.filter((e) => new Date(e.at) >= local(2)).length);
    const untilFirst = await owner.ok('audit.list', { to: day(1), limit: 500 });
    expect(untilFirst.length).toBe(everything.filter((e) => new Date(e.at) < local(2)).length);
    expect(untilFirst.length).toBeGreaterThan(0);

    // Filters combine: Sam's views of the 2nd.
    const combined = await owner.ok('audit.list', {
      user_id: sam.id,
      kind: 'views',
      from: day(2),
      to: day(3),
      limit: 5,
    });
    expect(combined.map((e) => [e.action, e.customer])).toEqual([['customer.view', 'erased customer']]);

    // Pages newest first, keyset by seq: two pages of two make the first four.
    const first = await owner.ok('audit.list', { limit: 2 });
    const next = await owner.ok('audit.list', { limit: 2, before_seq: first.at(-1)?.seq });
    expect([...first, ...next].map((e) => e.seq)).toEqual(everything.slice(0, 4).map((e) => e.seq));
    const kindPage = await owner.ok('audit.list', { kind: 'access', limit: 2 });
    const kindNext = await owner.ok('audit.list', { kind: 'access', limit: 2, before_seq: kindPage.at(-1)?.seq });
    expect([...kindPage, ...kindNext].map((e) => e.seq)).toEqual(
      everything
        .filter((e) => ['session.start', 'session.end', 'session.refused', 'refused', 'file.close'].includes(e.action))
        .slice(0, 4)
        .map((e) => e.seq),
    );
  });

  it('refuses a day that does not exist and a range that ends before it starts, in words', async () => {
    const { owner } = await scene();
    const impossible = await owner.fail('audit.list', { from: '2026-02-30' });
    expect(impossible.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(impossible.fields)).toContain('That date does not exist.');
    const backwards = await owner.fail('audit.list', { from: day(3), to: day(2) });
    expect(JSON.stringify(backwards.fields)).toContain('The first day is after the last day.');
  });
});

describe('a record merged into another', () => {
  it('is named by what became of it, and its entries stay under its own id', async () => {
    const owner = await ownerCore();
    const keep = await owner.ok('customers.create', { given_name: 'Margaret', family_name: 'Hale' });
    const other = await owner.ok('customers.create', { given_name: 'Peggy', family_name: 'Hale' });
    const { customer: kept } = await owner.ok('duplicates.merge', {
      keep_id: keep.id,
      merge_id: other.id,
      keep_version: keep.version,
      merge_version: other.version,
    });
    const entries = await owner.ok('audit.list', { customer_id: other.id, limit: 50 });
    expect(entries.map((e) => e.action)).toEqual(['customer.mergedAway', 'customer.create']);
    // Named by the record it went into, as that record is named now.
    expect(new Set(entries.map((e) => e.customer))).toEqual(
      new Set([`record ${other.id}, merged into ${kept.given_name} ${kept.family_name}`]),
    );
    expect(kept.family_name).toBe('Hale');
    expect(entries[0]?.said).toBe(`Merged into record ${keep.id}`);
  });
});

describe('searching', () => {
  it('writes no audit entry for an empty search, and one for each real one', async () => {
    const { owner } = await scene();
    const before = (await owner.ok('audit.list', { kind: 'searches', limit: 500 })).length;
    await owner.ok('search.query', { q: '' });
    await owner.ok('search.query', { q: '   ' });
    expect((await owner.ok('audit.list', { kind: 'searches', limit: 500 })).length).toBe(before);
    await owner.ok('search.query', { q: 'arch' });
    const after = await owner.ok('audit.list', { kind: 'searches', limit: 500 });
    expect(after.length).toBe(before + 1);
    expect(after[0]?.said).toBe('Searched for “arch” (1 result)');
  });
});

describe('the filters at a large log (query plans: without ANALYZE the planner chooses the same at any size)', () => {
  it('read a person, a customer, a kind and days through their indexes', async () => {
    const { file, core, sam, alice } = await scene();
    core.close();
    const db = openDatabase(file, PASSPHRASE);
    try {
      // Watch which statements the query layer prepares (the real connection, only observed).
      const texts: string[] = [];
      const prepare = db.prepare.bind(db);
      db.prepare = ((text: string) => {
        texts.push(text);
        return prepare(text);
      }) as typeof db.prepare;
      const plans = (q: Parameters<typeof findAuditEntries>[1]) => {
        texts.length = 0;
        findAuditEntries(db, q);
        return texts.map((t) =>
          (prepare(`EXPLAIN QUERY PLAN ${t}`).all(...Array(countParams(t)).fill(1)) as { detail: string }[])
            .map((r) => r.detail)
            .join(' | '),
        );
      };
      const [byUser] = plans({ limit: 50, userId: sam.id });
      expect(byUser).toMatch(/USING (COVERING )?INDEX audit_user/);
      expect(byUser).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      const [byCustomer] = plans({ limit: 50, customerId: alice.id });
      expect(byCustomer).toMatch(/USING (COVERING )?INDEX audit_entity/);
      expect(byCustomer).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      // One statement per action (prepared once), then the page by seq.
      const [byAction, kindPage] = plans({ limit: 50, actions: ['customer.erase', 'retention.erase'] });
      expect(byAction).toMatch(/USING (COVERING )?INDEX audit_action/);
      expect(byAction).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(kindPage).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/);
      // Days that end in the past: the range of the time index, not every later entry.
      const [byDays] = plans({ limit: 50, from: '2026-03-02T00:00:00.000Z', until: '2026-03-03T00:00:00.000Z' });
      expect(byDays).toMatch(/USING (COVERING )?INDEX audit_at \(at>\? AND at<\?\)/);
    } finally {
      db.close();
    }
  });
});

const countParams = (text: string) => (text.match(/\?/g) ?? []).length;
