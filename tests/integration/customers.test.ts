// Recording, editing and finding customers through the one dispatch, on a real encrypted file.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { type Owner, ownerCore, PASSPHRASE } from '../support/core';
import { tempFile } from '../support/files';

describe('customers through the dispatch', () => {
  let owner: Owner;
  const ids = {} as Record<'jose' | 'mary' | 'li' | 'obrienne', number>;

  beforeAll(async () => {
    owner = await ownerCore();
    const people = {
      jose: {
        given_name: 'José',
        family_name: "O'Brien",
        emails: [{ address: 'jose.obrien@example.com' }],
        phones: [{ number: '07700 900123' }],
        addresses: [{ line1: '1 High Street', town: 'London', postcode: 'sw1a 1aa' }],
      },
      mary: {
        given_name: 'Mary',
        family_name: 'Smith-Jones',
        emails: [{ address: 'msj@bakery.example.org' }],
        phones: [{ number: '+44 161 496 0000' }],
        addresses: [{ line1: '2 Mill Lane', town: 'Manchester', postcode: 'M1 1AE' }],
      },
      li: {
        given_name: 'Li',
        family_name: 'Wei',
        ref: 'OLD-0042',
        addresses: [{ town: 'Leeds', postcode: 'LS1 4AP' }],
      },
      obrienne: { given_name: 'Anne', family_name: 'Obrienne' },
    };
    for (const [key, person] of Object.entries(people))
      ids[key as keyof typeof ids] = (await owner.ok('customers.create', person)).id;
  });

  const found = async (q: string) => (await owner.ok('search.query', { q })).items.map((i) => i.id);

  it('finds by name prefix in any word order, with accents and case folded', async () => {
    expect(await found('jose')).toEqual([ids.jose]);
    expect(await found('JOS')).toEqual([ids.jose]);
    expect(await found('obrien')).toEqual([ids.jose, ids.obrienne]);
    expect(await found("o'brien jose")).toEqual([ids.jose]);
    expect(await found('jose obr')).toEqual([ids.jose]);
    expect(await found('brien')).toEqual([ids.jose]);
    expect(await found('smith')).toEqual([ids.mary]);
    expect(await found('jones mary')).toEqual([ids.mary]);
  });

  it('ranks a whole-word match above a prefix match', async () => {
    const items = (await owner.ok('search.query', { q: 'obrien' })).items;
    expect(items.map((i) => i.family_name)).toEqual(["O'Brien", 'Obrienne']);
  });

  it('finds by email fragment, phone digits in any format and postcode with or without its space', async () => {
    expect(await found('jose.obrien@')).toEqual([ids.jose]);
    expect(await found('bakery')).toEqual([ids.mary]);
    expect(await found('@bakery.example.org')).toEqual([ids.mary]);
    for (const q of ['07700 900123', '+447700900123', '900123', '07700900', '0044 7700 900123'])
      expect(await found(q), q).toEqual([ids.jose]);
    expect(await found('0161 496')).toEqual([ids.mary]);
    for (const q of ['SW1A 1AA', 'sw1a1aa', 'sw1a', 'M1 1AE', 'm11ae']) expect(await found(q), q).toHaveLength(1);
    expect(await found('old-0042')).toEqual([ids.li]);
  });

  it('returns the summary the counter needs', async () => {
    const [jose] = (await owner.ok('search.query', { q: 'jose' })).items;
    expect(jose).toEqual({
      id: ids.jose,
      ref: '',
      title: '',
      given_name: 'José',
      family_name: "O'Brien",
      preferred_name: '',
      email: 'jose.obrien@example.com',
      phone: '07700 900123',
      postcode: 'SW1A 1AA',
      town: 'London',
      archived: false,
    });
  });

  it('is safe for anything a person can type', async () => {
    const nasty = [
      '"',
      "'",
      '*',
      'OR',
      'a OR b',
      'NEAR(',
      'NEAR(a b)',
      '^',
      '-',
      '--',
      '%',
      '_',
      '\\',
      '\u0000',
      '\u202Ejose',
      'x'.repeat(10_000),
      '😀😀',
      'שלום עליכם',
      'مرحبا',
      "'; DROP TABLE customers; --",
      '[]{}()<>',
    ];
    for (const q of nasty) {
      const result = await owner.core.call(owner.token, 'search.query', { q });
      expect(result.ok, JSON.stringify(q.slice(0, 20))).toBe(true);
    }
    expect(await found('\u202Ejose')).toEqual([ids.jose]);
    expect((await owner.ok('vault.check', {})).customers).toBe(4);
  });

  it('caps results and says so', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ given_name: `Cap${i}`, family_name: 'Capwell' }));
    await owner.importRows(rows);
    const result = await owner.ok('search.query', { q: 'capwell', limit: 50 });
    expect(result.items).toHaveLength(50);
    expect(result.capped).toBe(true);
  });

  it('stores NFC and strips control and bidi override characters', async () => {
    const c = await owner.ok('customers.create', {
      given_name: 'Zoe\u0308\u0000',
      family_name: '\u202EEvil\u202C Name\u0007',
    });
    expect(c.given_name).toBe('Zoë');
    expect(c.given_name.length).toBe(3);
    expect(c.family_name).toBe('Evil Name');
    expect(await found('zoe')).toContain(c.id);
  });

  it('edits with the version the editor started from, and refuses a stale edit', async () => {
    const li = await owner.ok('customers.get', { id: ids.li });
    const edited = await owner.ok('customers.update', {
      id: li.id,
      version: li.version,
      data: { ...li, family_name: 'Wong', phones: [{ number: '020 7946 0958' }] },
    });
    expect(edited).toMatchObject({ family_name: 'Wong', version: li.version + 1, updated_by: 'Olive Owner' });
    expect(await found('wei')).toEqual([]);
    expect(await found('wong')).toEqual([ids.li]);
    expect(await found('7946 0958')).toEqual([ids.li]);
    const stale = await owner.fail('customers.update', { id: li.id, version: li.version, data: { ...li } });
    expect(stale.code).toBe('CONFLICT');
    expect((await owner.ok('customers.get', { id: li.id })).family_name).toBe('Wong');
  });

  it('archives out of search and back', async () => {
    await owner.ok('customers.setArchived', { id: ids.obrienne, archived: true });
    expect(await found('obrienne')).toEqual([]);
    expect((await owner.ok('search.query', { q: 'obrienne', include_archived: true })).items).toHaveLength(1);
    await owner.ok('customers.setArchived', { id: ids.obrienne, archived: false });
    expect(await found('obrienne')).toEqual([ids.obrienne]);
  });

  it('refuses a duplicate customer number and unknown records with plain words', async () => {
    const dup = await owner.fail('customers.create', { family_name: 'Other', ref: 'OLD-0042' });
    expect(dup).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'ref' }] });
    expect(await owner.fail('customers.get', { id: 999_999 })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a card number anywhere and never stores it', async () => {
    const error = await owner.fail('customers.create', { family_name: 'Card', notes: 'Paid by 4111-1111-1111-1111' });
    expect(error.fields).toEqual([{ path: 'notes', message: expect.stringMatching(/payment card number/) }]);
    expect(JSON.stringify(error)).not.toContain('4111');
  });

  it('imports rows, reporting each bad row by number and column', async () => {
    const result = await owner.importRows([
      { given_name: 'Good', family_name: 'Row', postcode: 'LS1 4AP' },
      { given_name: 'Bad', family_name: 'Postcode', postcode: 'NOPE' },
      { given_name: '', family_name: '' },
      { family_name: 'Phone', phone: '12' },
    ]);
    expect(result.created).toBe(1);
    expect(result.errors).toEqual([
      { row: 3, column: 'postcode', message: expect.stringMatching(/not a UK postcode/) },
      { row: 4, column: 'family_name', message: 'Enter a given name or a family name.' },
      { row: 5, column: 'phone', message: expect.stringMatching(/whole phone number/) },
    ]);
  });
});

describe('the dispatch refuses what it must', () => {
  it('refuses unknown methods, missing, forged and expired sessions', async () => {
    let now = new Date('2026-01-01T09:00:00Z');
    const core = createCore(tempFile(), { now: () => now });
    const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'O' });
    if (!created.ok) throw new Error('create failed');
    const token = created.value.token;
    expect(await core.dispatch(token, 'customers.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await core.dispatch(token, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await core.dispatch(null, 'search.query', { q: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await core.dispatch(`${token}x`, 'search.query', { q: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await core.dispatch(token, 'search.query', { q: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await core.dispatch(token, 'search.query', { q: 'a' })).toMatchObject({ ok: true });
    now = new Date('2026-01-02T09:00:00Z');
    expect(await core.dispatch(token, 'search.query', { q: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    core.close();
  });

  it('locking closes the file and the token stops working', async () => {
    const owner = await ownerCore();
    await owner.ok('vault.lock', {});
    expect((await owner.core.call(null, 'vault.status', {})).ok && true).toBe(true);
    expect(await owner.core.dispatch(owner.token, 'search.query', { q: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const status = await owner.core.call(null, 'vault.status', {});
    expect(status).toMatchObject({ ok: true, value: { exists: true, unlocked: false } });
  });
});
