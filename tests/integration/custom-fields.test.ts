// Custom fields and the seeded profile fields on a real encrypted file: defined without code,
// values stored, read and cleared, every bad definition and bad value refused with a clear
// message, choice lists edited without losing values, retired fields kept, must-haves enforced,
// and the completeness counters right through create, update, merge, undo and erasure.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { PROFILE_SEEDS } from '../../shared/custom-fields';
import { type Owner, ownerCore, PASSPHRASE, signedIn } from '../support/core';

async function addField(owner: Owner, label: string, kind: string, extra: Record<string, unknown> = {}) {
  const { entry } = await owner.ok('register.add', {
    label,
    kind: kind as 'text',
    category: 'service',
    lawful_basis: 'legitimate_interests',
    purpose: `Why we hold ${label}.`,
    ...extra,
  });
  return entry.key;
}

/** The counters' figure for a field, as the completeness table shows it. */
async function filled(owner: Owner, key: string): Promise<number | undefined> {
  const table = await owner.ok('quality.completeness', {});
  return table.fields.find((f) => f.field === key)?.filled;
}

/** The same figure counted the slow way, straight from the file. */
function counted(owner: Owner, key: string): number {
  owner.core.close();
  const db = openDatabase(owner.file, PASSPHRASE);
  const n = (db.prepare('SELECT count(*) AS n FROM customer_values WHERE field_key = ?').get(key) as { n: number }).n;
  db.close();
  return n;
}

describe('custom fields', () => {
  it('seeds the profile fields: shown in the register, not removable, accessibility held back', async () => {
    const owner = await ownerCore();
    const register = await owner.ok('register.list', {});
    for (const seed of PROFILE_SEEDS) {
      expect(register.find((e) => e.key === seed.key)).toMatchObject({
        label: seed.label,
        kind: seed.kind,
        choices: seed.choices,
        custom: false,
        category: seed.category,
      });
    }
    expect(register.find((e) => e.key === 'interests')?.choices.length).toBeGreaterThan(3);
    expect(register.find((e) => e.key === 'accessibility_needs')).toMatchObject({
      priority: 'not_collected',
      special: true,
    });
    expect(register.find((e) => e.key === 'household')?.priority).toBe('nice_to_know');
    // The exported register says what kind of value each field takes, and its choices.
    const csv = await owner.ok('register.export', { format: 'csv' });
    const text = Buffer.from(csv.content_base64, 'base64').toString('utf8');
    expect(text).toContain(
      'One choice from a list,"Lives alone, Couple, Family with children, Shared household, Other"',
    );
    expect(text).toMatch(/Family name,.*,Built in,\r?\n/);
    expect(await owner.fail('register.remove', { key: 'household' })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/cannot be removed: set it to "Not collected"/),
    });
    // Special-category data is collected only with its explicit purpose.
    const noPurpose = await owner.fail('register.update', { key: 'accessibility_needs', priority: 'nice_to_know' });
    expect(noPurpose.fields?.[0]).toMatchObject({
      path: 'purpose',
      message: expect.stringMatching(/special-category/),
    });
    const ok = await owner.ok('register.update', {
      key: 'accessibility_needs',
      priority: 'nice_to_know',
      purpose: 'To arrange wheelchair spaces and assisted seating the customer asks for.',
    });
    expect(ok.entry.priority).toBe('nice_to_know');
    // Their priority and purpose are editable like any other entry.
    expect((await owner.ok('register.update', { key: 'household', priority: 'must_have' })).entry.priority).toBe(
      'must_have',
    );
    owner.core.close();
  });

  it('adds a field of each kind and stores, reads, keeps and clears its values', async () => {
    const owner = await ownerCore();
    const tier = await addField(owner, 'Membership tier', 'single_choice', { choices: ['Bronze', 'Silver', 'Gold'] });
    const genres = await addField(owner, 'Favourite genres', 'multiple_choice', { choices: ['Jazz', 'Folk', 'Opera'] });
    const seats = await addField(owner, 'Seats usually booked', 'number');
    const renewal = await addField(owner, 'Renewal date', 'date');
    const gift = await addField(owner, 'Gift aid', 'yes_no');
    const dog = await addField(owner, 'Dog name', 'text');
    expect(tier).toBe('cf_membership_tier');
    const c = await owner.ok('customers.create', {
      family_name: 'Values',
      fields: {
        [tier]: ' gold ',
        [genres]: ['opera', 'Jazz', 'JAZZ'],
        [seats]: '2.5',
        [renewal]: '2027-04-01',
        [gift]: true,
        [dog]: '  Rex  ',
        household: 'couple',
      },
    });
    expect(c.fields).toEqual({
      [tier]: 'Gold',
      [genres]: ['Jazz', 'Opera'],
      [seats]: 2.5,
      [renewal]: '2027-04-01',
      [gift]: true,
      [dog]: 'Rex',
      household: 'Couple',
    });
    expect((await owner.ok('customers.get', { id: c.id })).fields).toEqual(c.fields);
    // A field left out keeps its value; null and an empty list clear.
    const edited = await owner.ok('customers.update', {
      id: c.id,
      version: c.version,
      data: { family_name: 'Values', fields: { [dog]: null, [genres]: [], [gift]: 'no' } },
    });
    expect(edited.fields).toEqual({
      [tier]: 'Gold',
      [seats]: 2.5,
      [renewal]: '2027-04-01',
      [gift]: false,
      household: 'Couple',
    });
    // An edit without `fields` (an older caller) touches none of them.
    const plain = await owner.ok('customers.update', {
      id: c.id,
      version: edited.version,
      data: { family_name: 'Values', notes: 'Edited elsewhere' },
    });
    expect(plain.fields).toEqual(edited.fields);
    // Audited with the keys only, never what they hold.
    const audit = await owner.ok('audit.list', { limit: 20 });
    const entries = audit.filter((e) => e.action === 'customer.fields');
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.detail).join(' ')).toContain(dog);
    expect(entries.map((e) => e.detail).join(' ')).not.toMatch(/Rex|Gold|Opera/);
    owner.core.close();
  });

  it('refuses bad definitions, each with a clear message', async () => {
    const owner = await ownerCore();
    const base = { kind: 'text' as const, category: 'service' as const, lawful_basis: 'consent' as const };
    for (const [label, pattern] of [
      ['Email', /name of a built-in field \(Email\)/],
      ['E-mail', /built-in field \(Email\)/],
      ['family name', /built-in field \(Family name\)/],
      ['Surname', /means the same as a built-in field/],
      ['household', /built-in field \(Household\)/],
    ] as const) {
      const refused = await owner.fail('register.add', { ...base, label });
      expect(refused.fields?.[0], label).toMatchObject({ path: 'label', message: expect.stringMatching(pattern) });
    }
    await owner.ok('register.add', { ...base, label: 'Dog name' });
    expect((await owner.fail('register.add', { ...base, label: 'dog  NAME' })).fields?.[0]).toMatchObject({
      path: 'label',
      message: expect.stringMatching(/already a custom field called "Dog name"/),
    });
    const choice = { ...base, kind: 'single_choice' as const, label: 'Tier' };
    expect((await owner.fail('register.add', { ...choice, choices: ['Gold', 'Silver', ' gold '] })).fields).toEqual([
      { path: 'choices', message: expect.stringMatching(/"gold" is in the list twice/) },
    ]);
    expect((await owner.fail('register.add', { ...choice, choices: [] })).fields?.[0]?.message).toMatch(
      /needs at least one choice/,
    );
    expect((await owner.fail('register.add', { ...choice, choices: ['Gold', ''] })).fields?.[0]?.message).toMatch(
      /cannot be empty/,
    );
    const zero = await owner.fail('register.add', { ...base, label: 'Shoe size', retention_months: 0 });
    expect(zero.fields?.[0]).toMatchObject({ path: 'retention_months', message: expect.stringMatching(/at least 1/) });
    const noBasis = await owner.fail('register.add', { ...base, label: 'Shoe size', lawful_basis: null });
    expect(noBasis.fields?.[0]?.path).toBe('lawful_basis');
    // Nothing half-made: the register holds only the one good field.
    const register = await owner.ok('register.list', {});
    expect(register.filter((e) => e.custom).map((e) => e.label)).toEqual(['Dog name']);
    owner.core.close();
  });

  it('refuses bad values beside the field, and guards text like notes', async () => {
    const owner = await ownerCore();
    const tier = await addField(owner, 'Tier', 'single_choice', { choices: ['Bronze', 'Gold'] });
    const genres = await addField(owner, 'Genres', 'multiple_choice', { choices: ['Jazz', 'Folk'] });
    const seats = await addField(owner, 'Seats', 'number');
    const renewal = await addField(owner, 'Renewal', 'date');
    const memo = await addField(owner, 'Memo', 'text');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ [seats]: 'two' }, seats, /Seats must be a number/],
      [{ [renewal]: '2024-02-30' }, renewal, /Renewal must be a real date, as YYYY-MM-DD/],
      [{ [renewal]: '1/2/2024' }, renewal, /real date/],
      [{ [tier]: 'Platinum' }, tier, /"Platinum" is not one of the choices for Tier. Pick from: Bronze, Gold/],
      [{ [genres]: ['Jazz', 'Rap'] }, genres, /"Rap" is not one of the choices for Genres/],
      [{ [memo]: 'Paid with 4111 1111 1111 1111' }, memo, /payment card number/],
      [{ cf_nothing: 'x' }, 'cf_nothing', /not in the register/],
    ];
    for (const [fields, key, pattern] of cases) {
      const refused = await owner.fail('customers.create', { family_name: 'Bad', fields } as never);
      expect(refused.code, key).toBe('INVALID_INPUT');
      expect(refused.fields, key).toEqual([{ path: `fields.${key}`, message: expect.stringMatching(pattern) }]);
    }
    // Special-category hints in a text field need a confirmed basis, as in the notes.
    const hinted = await owner.fail('customers.create', { family_name: 'Hint', fields: { [memo]: 'Is diabetic' } });
    expect(hinted.fields?.[0]).toMatchObject({ path: `fields.${memo}`, message: expect.stringMatching(/health/i) });
    const confirmed = await owner.ok('customers.create', {
      family_name: 'Hint',
      fields: { [memo]: 'Is diabetic' },
      sensitive_ack: { lawful_basis: 'explicit_consent', note: 'Asked us to note it' },
    });
    expect(confirmed.fields?.[memo]).toBe('Is diabetic');
    // No refused value reached the file.
    owner.core.close();
    const db = openDatabase(owner.file, PASSPHRASE);
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT field_key, value FROM customer_values').all()).toEqual([
      { field_key: memo, value: 'Is diabetic' },
    ]);
    db.close();
  });

  it('edits choice lists: renames move the values, removing a choice in use is refused', async () => {
    const owner = await ownerCore();
    const tier = await addField(owner, 'Tier', 'single_choice', { choices: ['Bronze', 'Silver', 'Gold'] });
    const a = await owner.ok('customers.create', {
      family_name: 'A',
      fields: { [tier]: 'Gold', interests: ['Music'] },
    });
    const b = await owner.ok('customers.create', {
      family_name: 'B',
      fields: { [tier]: 'Silver', interests: ['Music', 'Film'] },
    });
    // Removing a held choice: refused, saying how many records hold it.
    const refused = await owner.fail('register.update', {
      key: tier,
      choices: [{ label: 'Bronze' }, { label: 'Gold' }],
    });
    expect(refused.fields?.[0]).toMatchObject({
      path: 'choices',
      message: expect.stringMatching(/"Silver" is held by 1 record: keep it, or rename it/),
    });
    // Renaming Gold to Platinum and folding Silver into Bronze keeps every value sensible.
    const saved = await owner.ok('register.update', {
      key: tier,
      choices: [
        { label: 'Bronze', was: 'Bronze' },
        { label: 'Platinum', was: 'Gold' },
        { label: 'bronze', was: 'Silver' },
      ],
    });
    expect(saved.entry.choices).toEqual(['Bronze', 'Platinum']);
    expect((await owner.ok('customers.get', { id: a.id })).fields?.[tier]).toBe('Platinum');
    expect((await owner.ok('customers.get', { id: b.id })).fields?.[tier]).toBe('Bronze');
    expect(await filled(owner, tier)).toBe(2);
    // An unused choice can simply go.
    expect(
      (
        await owner.ok('register.update', {
          key: tier,
          choices: [{ label: 'Bronze' }, { label: 'Platinum' }, { label: 'Iron' }],
        })
      ).entry.choices,
    ).toEqual(['Bronze', 'Platinum', 'Iron']);
    expect(
      (await owner.ok('register.update', { key: tier, choices: [{ label: 'Bronze' }, { label: 'Platinum' }] })).entry
        .choices,
    ).toEqual(['Bronze', 'Platinum']);
    const interests = (await owner.ok('register.list', {})).find((e) => e.key === 'interests');
    const renamed = await owner.ok('register.update', {
      key: 'interests',
      choices: (interests?.choices ?? []).map((c) =>
        c === 'Music' ? { label: 'Live music', was: 'Music' } : { label: c },
      ),
    });
    expect(renamed.entry.choices).toContain('Live music');
    expect((await owner.ok('customers.get', { id: a.id })).fields?.interests).toEqual(['Live music']);
    const dup = await owner.fail('register.update', {
      key: 'interests',
      choices: [{ label: 'Film' }, { label: 'film ' }],
    });
    expect(dup.fields?.[0]?.message).toMatch(/twice/);
    expect((await owner.fail('register.update', { key: 'interests', choices: [] })).fields?.[0]?.message).toMatch(
      /at least one choice/,
    );
    owner.core.close();
  });

  it('keeps a retired field: values shown, not changeable, the field not removable', async () => {
    const owner = await ownerCore();
    const dog = await addField(owner, 'Dog name', 'text');
    const c = await owner.ok('customers.create', { family_name: 'Walker', fields: { [dog]: 'Rex' } });
    const retired = await owner.ok('register.update', { key: dog, priority: 'not_collected' });
    expect(retired.message).toMatch(/Nothing is deleted: the 1 stored value is kept/);
    expect((await owner.ok('customers.get', { id: c.id })).fields?.[dog]).toBe('Rex');
    // The same value sent back is fine; a change is refused; leaving it out keeps it.
    const same = await owner.ok('customers.update', {
      id: c.id,
      version: c.version,
      data: { family_name: 'Walker', fields: { [dog]: 'Rex' } },
    });
    const changed = await owner.fail('customers.update', {
      id: c.id,
      version: same.version,
      data: { family_name: 'Walker', fields: { [dog]: null } },
    });
    expect(changed.fields?.[0]).toMatchObject({ path: `fields.${dog}`, message: expect.stringMatching(/kept but/) });
    expect(await owner.fail('register.remove', { key: dog })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/1 record holds a value for Dog name/),
    });
    // A subject-access pack holds it too, retired or not.
    const request = await owner.ok('requests.create', {
      customer_id: c.id,
      kind: 'subject_access',
      requester_type: 'customer',
      requester_name: 'The customer',
      reason: 'Wants to know what we hold',
      identity_check: 'Known to staff',
      lawful_basis: 'data_subject_right',
    });
    const pack = await owner.ok('requests.accessPack', { id: request.id });
    expect(JSON.parse(pack.json).profile.fields).toEqual({ [dog]: 'Rex' });
    // An unused custom field can go.
    const spare = await addField(owner, 'Spare', 'number');
    expect((await owner.ok('register.remove', { key: spare })).message).toMatch(/removed/);
    expect((await owner.ok('register.list', {})).some((e) => e.key === spare)).toBe(false);
    owner.core.close();
  });

  it('hides values from roles the register does not let see them, and refuses their edits', async () => {
    const owner = await ownerCore();
    const secret = await addField(owner, 'Private rating', 'number', { see_roles: ['owner', 'manager'] });
    const locked = await addField(owner, 'Locked note', 'text', { edit_roles: ['owner'] });
    const c = await owner.ok('customers.create', { family_name: 'Rated', fields: { [secret]: 5, [locked]: 'x' } });
    const account = await owner.ok('staff.create', {
      name: 'Sam Staff',
      role: 'staff',
      password: 'staff password 123',
    });
    const session = await owner.core.call(null, 'session.signIn', {
      user_id: account.id,
      secret: 'staff password 123',
    });
    if (!session.ok) throw new Error(session.error.message);
    const staff = signedIn(owner.core, session.value.token, owner.file);
    const seen = await staff.ok('customers.get', { id: c.id });
    expect(seen.fields).toEqual({ [locked]: 'x' });
    const refused = await staff.fail('customers.update', {
      id: c.id,
      version: c.version,
      data: { family_name: 'Rated', fields: { [locked]: 'y' } },
    });
    expect(refused.fields?.[0]?.message).toMatch(/Your role may not change Locked note/);
    // Saving without the hidden value leaves it alone.
    await staff.ok('customers.update', { id: c.id, version: c.version, data: { family_name: 'Rated', fields: {} } });
    expect((await owner.ok('customers.get', { id: c.id })).fields?.[secret]).toBe(5);
    // A must-have the role may not change is not asked of it on an edit; of the owner it is.
    const d = await owner.ok('customers.create', { family_name: 'Unlocked' });
    await owner.ok('register.update', { key: locked, priority: 'must_have' });
    const byStaff = await staff.ok('customers.update', {
      id: d.id,
      version: d.version,
      data: { family_name: 'Unlocked', notes: 'Edited by staff' },
    });
    const byOwner = await owner.fail('customers.update', {
      id: d.id,
      version: byStaff.version,
      data: { family_name: 'Unlocked' },
    });
    expect(byOwner.fields).toEqual([{ path: `fields.${locked}`, message: expect.stringMatching(/must-have/) }]);
    owner.core.close();
  });

  it('enforces a custom must-have and keeps completeness right through create, update, merge, undo and erase', async () => {
    const owner = await ownerCore();
    const tier = await addField(owner, 'Tier', 'single_choice', { choices: ['Bronze', 'Gold'] });
    const early = await owner.ok('customers.create', { family_name: 'Early' });
    const other = await owner.ok('customers.create', { family_name: 'Other', fields: { [tier]: 'Gold' } });
    expect(await filled(owner, tier)).toBe(1);
    const made = await owner.ok('register.update', { key: tier, priority: 'must_have' });
    expect(made.message).toMatch(/must-have/);
    const table = await owner.ok('quality.completeness', {});
    expect(table.fields.find((f) => f.field === tier)).toMatchObject({ filled: 1, percent: 50, priority: 'must_have' });

    const refused = await owner.fail('customers.create', { family_name: 'Late' });
    expect(refused.fields).toEqual([
      { path: `fields.${tier}`, message: 'Tier is a must-have: enter it before saving.' },
    ]);
    const edit = await owner.fail('customers.update', {
      id: early.id,
      version: early.version,
      data: { family_name: 'Early', fields: { [tier]: '' } },
    });
    expect(edit.fields?.[0]?.path).toBe(`fields.${tier}`);
    // Stored values count even when the save leaves the field out.
    await owner.ok('customers.update', { id: other.id, version: other.version, data: { family_name: 'Other' } });

    const missing = await owner.ok('customers.missing', { limit: 10 });
    expect(missing.must_haves).toEqual(['Family name', 'Tier']);
    expect(missing.items.map((c) => [c.family_name, c.missing])).toEqual([['Early', ['Tier']]]);

    const late = await owner.ok('customers.create', { family_name: 'Late', fields: { [tier]: 'bronze' } });
    expect(await filled(owner, tier)).toBe(2);
    const fixed = await owner.ok('customers.update', {
      id: early.id,
      version: early.version,
      data: { family_name: 'Early', fields: { [tier]: 'Bronze', household: 'Couple' } },
    });
    expect(await filled(owner, tier)).toBe(3);
    expect((await owner.ok('customers.missing', { limit: 10 })).items).toEqual([]);

    // Merge: the kept record's value wins; a field it lacks takes the other's; undo gives both back.
    const otherNow = await owner.ok('customers.get', { id: other.id });
    const merged = await owner.ok('duplicates.merge', {
      keep_id: otherNow.id,
      merge_id: fixed.id,
      keep_version: otherNow.version,
      merge_version: fixed.version,
    });
    expect(merged.customer.fields ?? (await owner.ok('customers.get', { id: other.id })).fields).toEqual({
      [tier]: 'Gold',
      household: 'Couple',
    });
    expect(await filled(owner, tier)).toBe(2);
    expect(await filled(owner, 'household')).toBe(1);
    await owner.ok('duplicates.unmerge', { merge_id: merged.merge_id });
    expect((await owner.ok('customers.get', { id: early.id })).fields).toEqual({
      [tier]: 'Bronze',
      household: 'Couple',
    });
    expect((await owner.ok('customers.get', { id: other.id })).fields).toEqual({ [tier]: 'Gold' });
    expect(await filled(owner, tier)).toBe(3);
    expect(await filled(owner, 'household')).toBe(1);

    await owner.ok('customers.erase', { id: late.id, reason: 'Asked to be forgotten' });
    expect(await filled(owner, tier)).toBe(2);
    expect(counted(owner, tier)).toBe(2);
  });
});

describe('exports of register-defined fields', () => {
  it('adds the chosen fields as columns (typed in JSON), refusing ones the role may not see', async () => {
    const owner = await ownerCore();
    const tier = await addField(owner, 'Tier', 'single_choice', { choices: ['Bronze', 'Gold'] });
    const seats = await addField(owner, 'Seats', 'number');
    const secret = await addField(owner, 'Owner rating', 'number', { see_roles: ['owner'] });
    await owner.ok('customers.create', {
      family_name: 'Exported',
      fields: { [tier]: 'Gold', [seats]: 3, interests: ['Film', 'Music'], [secret]: 9 },
    });
    await owner.ok('customers.create', { family_name: 'Blank' });
    const csv = await owner.ok('exports.run', {
      purpose: 'records',
      format: 'csv',
      fields: ['family_name'],
      register_fields: [tier, 'interests', seats],
      selection: 'all',
    });
    const text = Buffer.from(csv.content_base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    expect(text.trim().split(/\r?\n/)).toEqual([
      `family_name,${tier},interests,${seats}`,
      'Exported,Gold,"Music, Film",3',
      'Blank,,,',
    ]);
    const json = await owner.ok('exports.run', {
      purpose: 'records',
      format: 'json',
      fields: ['family_name'],
      register_fields: ['interests', seats],
      selection: 'all',
    });
    expect(JSON.parse(Buffer.from(json.content_base64, 'base64').toString('utf8'))).toEqual([
      { family_name: 'Exported', interests: ['Music', 'Film'], [seats]: 3 },
      { family_name: 'Blank', interests: null, [seats]: null },
    ]);
    const audit = await owner.ok('audit.list', { limit: 5 });
    expect(audit.find((e) => e.action === 'customers.export')?.detail).toContain('interests');

    const account = await owner.ok('staff.create', {
      name: 'Mo Manager',
      role: 'manager',
      password: 'manager password 1',
    });
    const session = await owner.core.call(null, 'session.signIn', {
      user_id: account.id,
      secret: 'manager password 1',
    });
    if (!session.ok) throw new Error(session.error.message);
    const manager = signedIn(owner.core, session.value.token, owner.file);
    for (const key of [secret, 'cf_nothing']) {
      const refused = await manager.fail('exports.run', {
        purpose: 'contact:email',
        format: 'csv',
        fields: ['family_name'],
        register_fields: [key],
        selection: 'all',
      });
      expect(refused.fields?.[0]).toMatchObject({ path: 'register_fields', message: expect.stringMatching(/may see/) });
    }
    owner.core.close();
  });
});

describe('migration 0007', () => {
  it('carries a version-6 file with customers forward with nothing lost', () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    db.prepare("INSERT INTO users (id, name, role, created_at) VALUES (1, 'Owner', 'owner', 'now')").run();
    db.prepare(
      `INSERT INTO customers (given_name, family_name, date_of_birth, notes, created_at, created_by, updated_at, updated_by)
       VALUES ('Ann', 'Lee', '1970-01-02', 'Likes jazz', 'now', 1, 'now', 1)`,
    ).run();
    db.prepare(
      "UPDATE register_fields SET priority = 'must_have', purpose = 'Chosen before' WHERE key = 'email'",
    ).run();
    const customersBefore = db.prepare('SELECT * FROM customers').all();
    const registerBefore = db.prepare('SELECT * FROM register_fields ORDER BY position').all();
    const countsBefore = db.prepare('SELECT * FROM field_counts').all();
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT * FROM customers').all()).toEqual(customersBefore);
    expect(db.prepare('SELECT * FROM field_counts').all()).toEqual(countsBefore);
    // The organisation's register choices survive; the profile fields join after them.
    const after = db.prepare('SELECT * FROM register_fields ORDER BY position').all() as Record<string, unknown>[];
    expect(after.slice(0, registerBefore.length)).toEqual(
      registerBefore.map((r) => ({ ...(r as object), kind: null, choices: '[]', custom: 0, special: 0 })),
    );
    expect(after.slice(registerBefore.length).map((r) => r.key)).toEqual(PROFILE_SEEDS.map((s) => s.key));
    expect(db.prepare('SELECT count(*) AS n, sum(filled) AS total FROM value_counts').get()).toEqual({
      n: PROFILE_SEEDS.length,
      total: 0,
    });
    // And on to the newest format, still with everything.
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT * FROM customers').all()).toMatchObject(customersBefore);
    db.close();
  });
});
