// The fuller profile against the real core: people and organisations, typed and dated
// addresses, where each value came from (and "verified today" on every value), the register's
// see/edit roles enforced in the core, and a version-7 file carried forward with nothing lost.
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { insertCustomer, updateCustomer } from '../../electron/core/customers/customers.queries';
import { migrate, schemaVersion } from '../../electron/core/db/migrations';
import { CustomerInput } from '../../shared/customer';
import { type Owner, ownerCore, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

const PASSWORD = 'staff password 123';

async function staffSession(owner: Owner, role: 'staff' | 'volunteer', name: string): Promise<Owner> {
  const account = await owner.ok('staff.create', { name, role, password: PASSWORD });
  const session = await owner.core.call(null, 'session.signIn', { user_id: account.id, secret: PASSWORD });
  if (!session.ok) throw new Error(session.error.message);
  return signedIn(owner.core, session.value.token, owner.file);
}

describe('organisations', () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await ownerCore();
  });

  it('records an organisation by its name, finds it at the counter, and lists its people', async () => {
    const org = await owner.ok('customers.create', {
      kind: 'organisation',
      organisation_name: 'Riverside Amateur Dramatics Society',
      emails: [{ address: 'hello@riverside.example' }],
    });
    expect(org.kind).toBe('organisation');
    expect(org.organisation_name).toBe('Riverside Amateur Dramatics Society');
    const found = await owner.ok('search.query', { q: 'riverside dramat' });
    expect(found.items.map((i) => i.id)).toContain(org.id);
    expect(found.items.find((i) => i.id === org.id)?.organisation_name).toBe('Riverside Amateur Dramatics Society');

    const person = await owner.ok('customers.create', {
      given_name: 'Priya',
      family_name: 'Shah',
      organisation_id: org.id,
      job_title: 'Treasurer',
    });
    expect(person.kind).toBe('person');
    expect(person.organisation).toEqual({ id: org.id, name: 'Riverside Amateur Dramatics Society' });
    expect(person.job_title).toBe('Treasurer');
    const again = await owner.ok('customers.get', { id: org.id });
    expect(again.members).toEqual([{ id: person.id, name: 'Priya Shah', job_title: 'Treasurer' }]);
    // A title made a must-have afterwards: the person lacks it; an organisation is not asked for one.
    await owner.ok('register.update', { key: 'title', priority: 'must_have' });
    const missing = (await owner.ok('customers.missing', {})).items.map((i) => i.id);
    await owner.ok('register.update', { key: 'title', priority: 'nice_to_know' });
    expect(missing).toContain(person.id);
    expect(missing).not.toContain(org.id);
    const picked = await owner.ok('customers.organisations', { q: 'amateur river' });
    expect(picked).toEqual([{ id: org.id, name: 'Riverside Amateur Dramatics Society', town: '' }]);
    expect(await owner.ok('customers.organisations', { q: 'shah' })).toEqual([]);
    // The picker reads organisations through their own index, not every customer.
    const plan = await owner.core.local(owner.token, ['owner'], (ctx) =>
      ctx.db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT id, organisation_name, summary_town FROM customers WHERE kind = 'organisation' AND archived = 0 ORDER BY organisation_name, id LIMIT 5000",
        )
        .all(),
    );
    expect(JSON.stringify(plan.ok && plan.value)).toContain('customers_organisations');
  });

  it('refuses bad organisation input with the field named', async () => {
    const noName = await owner.fail('customers.create', { kind: 'organisation', family_name: 'Ltd' });
    expect(noName.code).toBe('INVALID_INPUT');
    expect(noName.fields).toContainEqual({ path: 'organisation_name', message: 'Enter the organisation’s name.' });

    const person = await owner.ok('customers.create', { given_name: 'Ann', family_name: 'Other' });
    const toPerson = await owner.fail('customers.create', { family_name: 'Follower', organisation_id: person.id });
    expect(toPerson.fields?.[0]).toMatchObject({ path: 'organisation_id' });
    expect(toPerson.message).toMatch(/only to an organisation/);

    const missing = await owner.fail('customers.create', { family_name: 'Nobody', organisation_id: 999_999 });
    expect(missing.message).toMatch(/does not exist/);

    const org = await owner.ok('customers.create', { kind: 'organisation', organisation_name: 'Acme Widgets' });
    const nested = await owner.fail('customers.create', {
      kind: 'organisation',
      organisation_name: 'Acme Subsidiary',
      organisation_id: org.id,
    });
    expect(nested.fields?.[0]).toMatchObject({ path: 'organisation_id' });

    // A record cannot belong to itself; an organisation with people stays an organisation.
    const member = await owner.ok('customers.create', { family_name: 'Member', organisation_id: org.id });
    const self = await owner.fail('customers.update', {
      id: org.id,
      version: org.version,
      data: { kind: 'organisation', organisation_name: 'Acme Widgets', organisation_id: org.id },
    });
    expect(self.code).toBe('INVALID_INPUT');
    const demote = await owner.fail('customers.update', {
      id: org.id,
      version: org.version,
      data: { kind: 'person', family_name: 'Acme' },
    });
    expect(demote.message).toMatch(/1 person belongs to this organisation/);
    // A person who belongs somewhere cannot become an organisation without leaving it.
    const promote = await owner.fail('customers.update', {
      id: member.id,
      version: member.version,
      data: { kind: 'organisation', organisation_name: 'Member Ltd' },
    });
    expect(promote.fields?.[0]).toMatchObject({ path: 'organisation_id' });
    expect((await owner.ok('customers.get', { id: member.id })).organisation?.id).toBe(org.id);
  });

  it('an edit that leaves the organisation out keeps it, and erasing the organisation detaches its people', async () => {
    const org = await owner.ok('customers.create', { kind: 'organisation', organisation_name: 'Doomed Ltd' });
    const member = await owner.ok('customers.create', {
      family_name: 'Staying',
      organisation_id: org.id,
      job_title: 'Director',
    });
    // An import-style edit with no organisation fields keeps them.
    const edited = await owner.ok('customers.update', {
      id: member.id,
      version: member.version,
      data: { family_name: 'Staying-On' },
    });
    expect(edited.organisation_id).toBe(org.id);
    expect(edited.job_title).toBe('Director');
    await owner.ok('customers.erase', { id: org.id, reason: 'Organisation closed' });
    const after = await owner.ok('customers.get', { id: member.id });
    expect(after.organisation_id).toBeNull();
    expect(after.organisation).toBeNull();
    expect(after.family_name).toBe('Staying-On');
  });

  it('merging an organisation into another detaches the merged one’s people; undo restores the origins', async () => {
    const keep = await owner.ok('customers.create', {
      kind: 'organisation',
      organisation_name: 'Northern Arts Trust',
      notes: 'Invoices by post',
    });
    const dup = await owner.ok('customers.create', {
      kind: 'organisation',
      organisation_name: 'Northern Arts Trust Ltd',
      notes: 'Box office contact: front desk',
    });
    const member = await owner.ok('customers.create', { family_name: 'Trustee', organisation_id: dup.id });
    const merged = await owner.ok('duplicates.merge', {
      keep_id: keep.id,
      merge_id: dup.id,
      keep_version: keep.version,
      merge_version: dup.version,
    });
    expect(merged.customer.kind).toBe('organisation');
    expect(merged.customer.organisation_name).toBe('Northern Arts Trust');
    expect((await owner.ok('customers.get', { id: member.id })).organisation_id).toBeNull();
    // The kept record's notes came from the merge; undone, they are the record's own again.
    const notes = async () =>
      (await owner.ok('customers.provenance', { id: keep.id })).items.find((r) => r.field === 'notes');
    expect(await notes()).toMatchObject({ source: 'Merge of two records', from_record: false, verified_at: '' });
    await owner.ok('duplicates.unmerge', { merge_id: merged.merge_id });
    expect(await notes()).toMatchObject({ source: 'At the counter', from_record: true });
  });
});

describe('addresses with a type and dates', () => {
  it('stores the type and dates, refuses from after until, and summarises the current address', async () => {
    const owner = await ownerCore();
    const bad = await owner.fail('customers.create', {
      family_name: 'Mover',
      addresses: [{ line1: '1 High St', postcode: 'LS1 4AP', valid_from: '2024-05-01', valid_to: '2024-04-30' }],
    });
    expect(bad.fields).toContainEqual({
      path: 'addresses.0.valid_to',
      message: 'The “until” date must be on or after the “from” date.',
    });
    const notADate = await owner.fail('customers.create', {
      family_name: 'Mover',
      addresses: [{ line1: '1 High St', valid_from: '2024-02-30' }],
    });
    expect(notADate.fields?.[0]?.path).toBe('addresses.0.valid_from');
    const badKind = await owner.fail('customers.create', {
      family_name: 'Mover',
      addresses: [{ line1: '1 High St', kind: 'castle' as 'home' }],
    });
    expect(badKind.fields?.[0]?.path).toBe('addresses.0.kind');

    const c = await owner.ok('customers.create', {
      family_name: 'Mover',
      addresses: [
        { line1: '1 Old Road', town: 'Leeds', postcode: 'LS1 4AP', kind: 'home', valid_to: '2020-01-31' },
        { line1: '2 New Street', town: 'York', postcode: 'YO1 7HH', kind: 'home', valid_from: '2020-02-01' },
        { line1: 'Unit 4', town: 'Leeds', postcode: 'LS2 7EY', kind: 'work' },
      ],
    });
    expect(c.addresses.map((a) => [a.kind, a.valid_from, a.valid_to])).toEqual([
      ['home', '', '2020-01-31'],
      ['home', '2020-02-01', ''],
      ['work', '', ''],
    ]);
    const found = await owner.ok('search.query', { q: 'mover' });
    expect(found.items[0]).toMatchObject({ postcode: 'YO1 7HH', town: 'York' });
    // No kind given (an older caller): home.
    const plain = await owner.ok('customers.create', { family_name: 'Plain', addresses: [{ town: 'Hull' }] });
    expect(plain.addresses[0]?.kind).toBe('home');
  });
});

describe('provenance of each value', () => {
  it('records the channel on create, a new collection on change, and verification of every value', async () => {
    let now = new Date('2026-03-02T10:00:00Z');
    const core = createCore(tempFile(), { now: () => now });
    const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
    if (!created.ok) throw new Error(created.error.message);
    let owner = signedIn(core, created.value.token, core.path);
    // Weeks pass between the steps: the owner signs in again each time (sessions go idle).
    const later = async (iso: string) => {
      now = new Date(iso);
      const back = await core.call(null, 'session.signIn', { user_id: created.value.user.id, secret: PASSPHRASE });
      if (!back.ok) throw new Error(back.error.message);
      owner = signedIn(core, back.value.token, core.path);
    };

    const c = await owner.ok('customers.create', {
      given_name: 'Tom',
      family_name: 'Phone',
      emails: [{ address: 'tom@example.com' }],
      collected_via: 'phone',
    });
    const first = await owner.ok('customers.provenance', { id: c.id });
    expect(first.items.map((r) => r.field)).toEqual(['given_name', 'family_name', 'email']);
    for (const row of first.items) {
      // Collected with the record: its channel and dates are the values' (no rows written).
      expect(row).toMatchObject({
        source: 'By phone',
        collected_at: '2026-03-02T10:00:00.000Z',
        collected_by: 'Olive Owner',
        verified_at: '2026-03-02T10:00:00.000Z',
        from_record: true,
      });
    }
    const rowsOnCreate = await core.local(owner.token, ['owner'], (ctx) =>
      ctx.db.prepare('SELECT count(*) AS n FROM value_provenance WHERE customer_id = ?').get(c.id),
    );
    expect(rowsOnCreate.ok && rowsOnCreate.value).toEqual({ n: 0 });

    await later('2026-04-10T09:00:00Z');
    const edited = await owner.ok('customers.update', {
      id: c.id,
      version: c.version,
      data: {
        given_name: 'Tom',
        family_name: 'Phone',
        emails: [{ address: 'tom@example.org' }],
        phones: [{ number: '07700 900123' }],
        collected_via: 'request',
      },
    });
    const second = new Map((await owner.ok('customers.provenance', { id: c.id })).items.map((r) => [r.field, r]));
    expect(second.get('given_name')).toMatchObject({ collected_at: '2026-03-02T10:00:00.000Z', source: 'By phone' });
    expect(second.get('email')).toMatchObject({
      source: 'Customer request',
      collected_at: '2026-04-10T09:00:00.000Z',
      verified_at: '2026-04-10T09:00:00.000Z',
      from_record: false,
    });
    expect(second.get('phone')?.collected_at).toBe('2026-04-10T09:00:00.000Z');

    await later('2026-06-01T12:00:00Z');
    await owner.ok('customers.verify', { id: edited.id });
    const third = (await owner.ok('customers.provenance', { id: c.id })).items;
    expect(third.length).toBe(4);
    for (const row of third) expect(row.verified_at).toBe('2026-06-01T12:00:00.000Z');
    // Collection dates are kept: verifying is not collecting again.
    expect(third.find((r) => r.field === 'given_name')?.collected_at).toBe('2026-03-02T10:00:00.000Z');
    core.close();
  });

  it('an imported record gets its batch as the origin of every value; a change by import is not verified', async () => {
    const owner = await ownerCore();
    const data = CustomerInput.parse({
      given_name: 'Ivy',
      family_name: 'Import',
      emails: [{ address: 'ivy@example.com' }],
    });
    const made = await owner.core.local(owner.token, ['owner'], (ctx) =>
      insertCustomer(ctx.db, data, ctx.session.user.id, ctx.now(), { source: 'import:Box office', importId: 7 }),
    );
    if (!made.ok) throw new Error(made.error.message);
    const rows = (await owner.ok('customers.provenance', { id: made.value })).items;
    expect(rows.map((r) => [r.field, r.source, r.import_id])).toEqual([
      ['given_name', 'Import from Box office (batch 7)', 7],
      ['family_name', 'Import from Box office (batch 7)', 7],
      ['email', 'Import from Box office (batch 7)', 7],
    ]);
    // A later import batch changes the email: that value now comes from batch 8, unverified.
    const changed = CustomerInput.parse({
      given_name: 'Ivy',
      family_name: 'Import',
      emails: [{ address: 'ivy@example.org' }],
    });
    const updated = await owner.core.local(owner.token, ['owner'], (ctx) =>
      updateCustomer(ctx.db, made.value, 1, changed, ctx.session.user.id, ctx.now(), {
        source: 'import:Box office',
        importId: 8,
      }),
    );
    expect(updated.ok && updated.value).toBe(true);
    const after = (await owner.ok('customers.provenance', { id: made.value })).items;
    expect(after.find((r) => r.field === 'email')).toMatchObject({ import_id: 8, verified_at: '', from_record: false });
    expect(after.find((r) => r.field === 'given_name')).toMatchObject({ import_id: 7, from_record: true });
  });
});

describe('the register’s see and edit roles', () => {
  let owner: Owner;
  let staff: Owner;
  let id: number;
  beforeAll(async () => {
    owner = await ownerCore();
    staff = await staffSession(owner, 'staff', 'Sam Staff');
    id = (
      await owner.ok('customers.create', {
        given_name: 'Dora',
        family_name: 'Birthday',
        date_of_birth: '1980-05-06',
        notes: 'Prefers aisle seats',
        emails: [{ address: 'dora@example.com' }],
      })
    ).id;
    await owner.ok('register.update', { key: 'date_of_birth', see_roles: ['owner', 'manager'] });
    await owner.ok('register.update', { key: 'notes', edit_roles: ['owner', 'manager'] });
    await owner.ok('register.update', { key: 'email', see_roles: ['owner', 'manager'] });
  });

  it('leaves out what the role may not see, and says which fields', async () => {
    const seen = await staff.ok('customers.get', { id });
    expect(seen.date_of_birth).toBe('');
    expect(seen.emails).toEqual([]);
    expect(seen.hidden.sort()).toEqual(['date_of_birth', 'email']);
    expect(seen.notes).toBe('Prefers aisle seats');
    const found = await staff.ok('search.query', { q: 'birthday' });
    expect(found.items[0]).toMatchObject({ id, email: '', family_name: 'Birthday' });
    const ownerView = await owner.ok('customers.get', { id });
    expect(ownerView.date_of_birth).toBe('1980-05-06');
    expect(ownerView.hidden).toEqual([]);
    const provenance = await staff.ok('customers.provenance', { id });
    expect(provenance.items.map((r) => r.field)).not.toContain('date_of_birth');
  });

  it('a volunteer reads back what they typed, though the register does not list volunteers', async () => {
    const volunteer = await staffSession(owner, 'volunteer', 'Val Volunteer');
    const mine = await volunteer.ok('customers.create', { family_name: 'Signup', date_of_birth: '1999-09-09' });
    expect(mine).toMatchObject({ date_of_birth: '1999-09-09', hidden: [] });
    expect((await volunteer.ok('customers.get', { id: mine.id })).date_of_birth).toBe('1999-09-09');
    expect(await volunteer.fail('customers.get', { id })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an edit by a role that cannot see a field leaves it as it was', async () => {
    const seen = await staff.ok('customers.get', { id });
    const saved = await staff.ok('customers.update', {
      id,
      version: seen.version,
      data: { given_name: 'Dorothy', family_name: 'Birthday', date_of_birth: '', emails: [], notes: seen.notes },
    });
    expect(saved.given_name).toBe('Dorothy');
    expect(saved.date_of_birth).toBe('');
    const stored = await owner.ok('customers.get', { id });
    expect(stored.date_of_birth).toBe('1980-05-06');
    expect(stored.emails.map((e) => e.address)).toEqual(['dora@example.com']);
    expect(stored.given_name).toBe('Dorothy');
  });

  it('refuses a change to a field the role may not edit, naming it, and changes nothing', async () => {
    const seen = await staff.ok('customers.get', { id });
    const refused = await staff.fail('customers.update', {
      id,
      version: seen.version,
      data: { given_name: 'Dot', family_name: 'Birthday', notes: 'Wants the front row' },
    });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/cannot change Notes/);
    expect(refused.fields).toEqual([{ path: 'notes', message: 'Notes cannot be changed by your role.' }]);
    const stored = await owner.ok('customers.get', { id });
    expect(stored.notes).toBe('Prefers aisle seats');
    expect(stored.given_name).toBe('Dorothy');
  });
});

describe('migration 0008', () => {
  it('carries a version-7 file forward: people with home addresses, nothing lost', () => {
    const db = new Database(':memory:');
    migrate(db, 7);
    db.prepare("INSERT INTO users (id, name, role, created_at) VALUES (1, 'Owner', 'owner', 'now')").run();
    db.prepare(
      `INSERT INTO customers (id, given_name, family_name, date_of_birth, notes, created_at, created_by, updated_at, updated_by,
         summary_postcode, source) VALUES (5, 'Ann', 'Lee', '1970-01-02', 'note', '2020-01-01', 1, '2020-01-01', 1, 'SW1A 1AA', 'counter')`,
    ).run();
    db.prepare(
      "INSERT INTO customer_addresses (customer_id, position, line1, postcode, label) VALUES (5, 0, '1 Street', 'SW1A 1AA', 'Home')",
    ).run();
    const before = db.prepare('SELECT * FROM customers WHERE id = 5').get() as Record<string, unknown>;
    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(8);
    const after = db.prepare('SELECT * FROM customers WHERE id = 5').get() as Record<string, unknown>;
    for (const [column, value] of Object.entries(before)) expect(after[column], column).toEqual(value);
    expect(after).toMatchObject({ kind: 'person', organisation_name: '', organisation_id: null, job_title: '' });
    expect(
      db.prepare('SELECT line1, postcode, label, kind, valid_from, valid_to FROM customer_addresses').get(),
    ).toEqual({
      line1: '1 Street',
      postcode: 'SW1A 1AA',
      label: 'Home',
      kind: 'home',
      valid_from: '',
      valid_to: '',
    });
    expect(db.prepare('SELECT count(*) AS n FROM value_provenance').get()).toEqual({ n: 0 });
    expect(() => db.prepare("UPDATE customers SET kind = 'robot' WHERE id = 5").run()).toThrow(/CHECK/);
    db.close();
  });

  it('an older record shows the record’s own origin for each value', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { family_name: 'Older' });
    const rows = (await owner.ok('customers.provenance', { id: c.id })).items;
    expect(rows).toEqual([
      {
        field: 'family_name',
        label: 'Family name',
        source: 'At the counter',
        import_id: null,
        collected_at: c.created_at,
        collected_by: 'Olive Owner',
        verified_at: c.verified_at,
        from_record: true,
      },
    ]);
  });
});
