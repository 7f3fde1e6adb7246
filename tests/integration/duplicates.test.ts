// Duplicate detection through the one dispatch, on a real encrypted file: the scan finds planted
// near-duplicates and says why, the counter check warns before saving (and tells a volunteer only
// that a similar record exists), "not duplicates" is remembered, and a thousand records sharing
// an office email stay a bounded, explained group rather than half a million pairs.
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrations';
import { up as searchIndex } from '../../electron/core/db/migrations/0010-search-index';
import { MAX_BLOCK, WINDOW } from '../../electron/core/duplicates/duplicates';
import type { Input, Output } from '../../shared/contract';
import { type Owner, ownerCore, signedIn } from '../support/core';

type Draft = Input<'customers.create'>;

const address = (line1: string, town: string, postcode: string) => [{ line1, town, postcode }];

describe('duplicates through the dispatch', () => {
  let owner: Owner;
  const id = {} as Record<string, number>;

  const people: Record<string, Draft> = {
    margaret: {
      given_name: 'Margaret',
      family_name: 'Smith',
      date_of_birth: '1961-04-03',
      phones: [{ number: '07700 900111' }],
      addresses: address('12 High Street', 'Leeds', 'LS1 4AB'),
    },
    // Nickname, sound-alike family name, day and month swapped, same phone.
    peggy: {
      given_name: 'Peggy',
      family_name: 'Smyth',
      date_of_birth: '1961-03-04',
      phones: [{ number: '+44 7700 900111' }],
    },
    robert: {
      given_name: 'Robert',
      family_name: 'Jones',
      emails: [{ address: 'rob.jones@example.com' }],
      addresses: address('3 Mill Lane', 'York', 'YO1 7HH'),
    },
    // Given and family names swapped, moved house, same email.
    swapped: {
      given_name: 'Jones',
      family_name: 'Robert',
      emails: [{ address: 'Rob.Jones@EXAMPLE.com' }],
      addresses: address('88 Park Road', 'Hull', 'HU1 2AA'),
    },
    // Same name as Margaret, but another person: other birthday, phone and town.
    otherMargaret: {
      given_name: 'Margaret',
      family_name: 'Smith',
      date_of_birth: '1990-11-20',
      phones: [{ number: '07700 900999' }],
      addresses: address('7 Church Road', 'Bath', 'BA1 1AA'),
    },
    unrelated: { given_name: 'Ahmed', family_name: 'Khan', date_of_birth: '1975-06-30' },
  };

  beforeAll(async () => {
    owner = await ownerCore();
    for (const [key, draft] of Object.entries(people)) id[key] = (await owner.ok('customers.create', draft)).id;
  });

  const pairOf = (pairs: Output<'duplicates.scan'>['pairs'], x: number, y: number) =>
    pairs.find((p) => (p.a.id === x && p.b.id === y) || (p.a.id === y && p.b.id === x));

  it('finds the planted near-duplicates, strongest first, with reasons in words', async () => {
    const scan = await owner.ok('duplicates.scan', {});
    const ids = (k: string) => id[k] as number;
    const peggy = pairOf(scan.pairs, ids('margaret'), ids('peggy'));
    expect(peggy?.reasons).toEqual(
      expect.arrayContaining([
        'family names sound alike (Smith / Smyth)',
        'given names are forms of one name (Margaret / Peggy)',
        'dates of birth day and month swapped (1961-04-03 / 1961-03-04)',
        'same phone number (+447700900111)',
      ]),
    );
    const swapped = pairOf(scan.pairs, ids('robert'), ids('swapped'));
    expect(swapped?.reasons).toEqual(
      expect.arrayContaining([
        'given and family names swapped (Robert Jones / Jones Robert)',
        'same email address (rob.jones@example.com)',
      ]),
    );
    expect(pairOf(scan.pairs, ids('margaret'), ids('otherMargaret'))).toBeUndefined();
    expect(scan.pairs.some((p) => p.a.id === ids('unrelated') || p.b.id === ids('unrelated'))).toBe(false);
    expect(scan.total).toBe(scan.pairs.length);
    expect(scan.capped).toBe(false);
    for (const p of scan.pairs) expect(p.score).toBeGreaterThanOrEqual(0.5);
    expect([...scan.pairs.map((p) => p.score)]).toEqual([...scan.pairs.map((p) => p.score)].sort((a, b) => b - a));
    expect(peggy?.a.name).toMatch(/Margaret Smith|Peggy Smyth/);

    const audit = await owner.ok('audit.list', { limit: 5 });
    expect(audit.find((e) => e.action === 'duplicates.scan')?.detail).toContain('"above_threshold":2');
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);
  });

  it('warns at the counter for a near-duplicate draft, and not for a new person', async () => {
    const check = await owner.ok('duplicates.check', {
      draft: { given_name: 'Maggie', family_name: 'Smith', date_of_birth: '1961-04-03' },
    });
    expect(check.matches[0]?.id).toBe(id.margaret);
    expect(check.matches[0]?.reasons).toContain('same date of birth (1961-04-03)');
    expect(check.similar).toBeGreaterThanOrEqual(1);
    expect(check.message).toMatch(/existing record/);

    // Both names misspelt: found through the date of birth alone (its search-index term).
    const misspelt = await owner.ok('duplicates.check', {
      draft: { given_name: 'Margret', family_name: 'Smyth', date_of_birth: '1961-04-03' },
    });
    expect(misspelt.matches.map((m) => m.id)).toContain(id.margaret);

    // Typed with the names the other way round and a typo, found by the email alone.
    const swapped = await owner.ok('duplicates.check', {
      draft: { given_name: 'Jnoes', family_name: 'Robert', emails: [{ address: 'rob.jones@example.com' }] },
    });
    expect(swapped.matches.map((m) => m.id)).toContain(id.robert);

    const fresh = await owner.ok('duplicates.check', {
      draft: { given_name: 'Zofia', family_name: 'Nowak', date_of_birth: '1988-02-14' },
    });
    expect(fresh).toEqual({ matches: [], similar: 0, message: '' });

    // Editing a record does not warn about the record itself.
    const self = await owner.ok('duplicates.check', {
      draft: { given_name: 'Ahmed', family_name: 'Khan', date_of_birth: '1975-06-30' },
      exclude_id: id.unrelated,
    });
    expect(self.matches).toEqual([]);
  });

  it('tells a volunteer only that a similar record exists', async () => {
    const vol = await owner.ok('staff.create', { name: 'Val Volunteer', role: 'volunteer', pin: '2580' });
    const session = await owner.core.call(null, 'session.signIn', { user_id: vol.id, secret: '2580' });
    if (!session.ok) throw new Error(session.error.message);
    const v = signedIn(owner.core, session.value.token, owner.file);
    const check = await v.ok('duplicates.check', {
      draft: { given_name: 'Peggy', family_name: 'Smith', date_of_birth: '1961-04-03' },
    });
    expect(check.matches).toEqual([]);
    expect(check.similar).toBeGreaterThanOrEqual(1);
    expect(check.message).toMatch(/similar record may already exist/);
    expect(JSON.stringify(check)).not.toMatch(/Margaret|1961|Leeds/);
    expect(await v.fail('duplicates.scan', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await v.fail('duplicates.dismiss', { a: id.margaret as number, b: id.peggy as number })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('remembers "not duplicates" and no longer reports the pair', async () => {
    const [a, b] = [id.robert as number, id.swapped as number];
    expect(pairOf((await owner.ok('duplicates.scan', {})).pairs, a, b)).toBeDefined();
    expect(await owner.ok('duplicates.dismiss', { a: b, b: a })).toEqual({ dismissed: true });
    expect(await owner.ok('duplicates.dismiss', { a, b })).toEqual({ dismissed: false });
    const after = await owner.ok('duplicates.scan', {});
    expect(pairOf(after.pairs, a, b)).toBeUndefined();
    expect(pairOf(after.pairs, id.margaret as number, id.peggy as number)).toBeDefined();
    const audit = await owner.ok('audit.list', { limit: 10, entity_id: Math.min(a, b) });
    expect(audit.filter((e) => e.action === 'duplicates.dismiss')).toHaveLength(2);

    expect(await owner.fail('duplicates.dismiss', { a, b: 999_999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.fail('duplicates.dismiss', { a, b: a })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('a thousand records sharing one office email', () => {
  it('stays bounded: compared with neighbours only, reported as a group, near-duplicates still found', async () => {
    const owner = await ownerCore();
    // Distinct colleagues: 40 × 25 different names, birthdays spread by a fixed generator.
    const given = `Alice Bilal Chen Dana Emeka Farah Gita Hugo Ines Jamal Kofi Lena Mateo Nadia Oscar Priya Quentin
      Rosa Sanjay Tara Umar Vera Wendell Ximena Yusuf Zara Anton Beatrix Cyril Delia Ezra Fiona Gustav Hana Ivor Jana
      Kasper Lucia Milo Noor`.split(/\s+/);
    const family = `Adams Baxter Cole Dunn Evans Frost Grant Hale Irwin Jarvis Khan Lowe Mensah Novak Okafor Price
      Quinn Reyes Sato Turner Usman Vance Walsh Xu Young`.split(/\s+/);
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pad = (x: number) => String(x).padStart(2, '0');
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      given_name: given[i % 40] as string,
      family_name: family[Math.floor(i / 40)] as string,
      email: 'office@acme.example',
      date_of_birth: `${1940 + next(60)}-${pad(1 + next(12))}-${pad(1 + next(28))}`,
    }));
    // One real duplicate inside the group: the same person typed twice with a slip.
    rows.push({ ...(rows[500] as (typeof rows)[number]), family_name: `${rows[500]?.family_name}e` });
    const imported = await owner.importRows(rows);
    expect(imported.created).toBe(1001);

    const t0 = Date.now();
    const scan = await owner.ok('duplicates.scan', {});
    expect(Date.now() - t0).toBeLessThan(10_000);
    const group = scan.large_groups.find((g) => g.kind === 'email');
    expect(group?.size).toBe(1001);
    expect(group?.description).toMatch(/1,001 records share an email address: each was compared only with the/);
    expect(scan.compared).toBeLessThan(1001 * WINDOW + 1000);
    expect(1001).toBeGreaterThan(MAX_BLOCK);
    expect(scan.total).toBeLessThan(5);
    const dup = scan.pairs.find((p) => p.a.id === 501 || p.b.id === 501);
    expect(dup).toBeDefined();
    expect(dup?.reasons).toContain('same email address (office@acme.example), but many records share it: not counted');
  });
});

describe('migrations 0002 and 0010', () => {
  it('index dates of birth by a column index (0002), then by a search term in its place (0010)', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.prepare("INSERT INTO users (id, name, role, created_at) VALUES (1, 'Owner', 'owner', 'now')").run();
    const add = db.prepare(
      "INSERT INTO customers (given_name, family_name, date_of_birth, terms, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, 'now', 1, 'now', 1)",
    );
    const terms = db.prepare('INSERT INTO search_index (rowid, terms) VALUES (?, ?)');
    for (const [given, family, dob] of [
      ['Ann', 'Lee', '1970-01-02'],
      ['Bo', 'Lee', ''],
    ] as const) {
      terms.run(
        add.run(given, family, dob, `${given.toLowerCase()} lee`).lastInsertRowid,
        `${given.toLowerCase()} lee`,
      );
    }
    migrate(db, 2);
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 2 });
    db.prepare("INSERT INTO duplicate_dismissals VALUES (1, 2, 1, 'now')").run();
    expect(() => db.prepare("INSERT INTO duplicate_dismissals VALUES (3, 2, 1, 'now')").run()).toThrow(/CHECK/);
    const plan = () =>
      JSON.stringify(
        db.prepare("EXPLAIN QUERY PLAN SELECT id FROM customers WHERE date_of_birth = '1970-01-02'").all(),
      );
    expect(plan()).toContain('customers_date_of_birth');

    migrate(db);
    searchIndex(db); // re-run: nothing added twice
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(10);
    expect(plan()).not.toContain('customers_date_of_birth');
    const found = (term: string) =>
      db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ?').pluck().all(`"${term}"`);
    expect(found('@19700102')).toEqual([1]);
    expect(found('ann')).toEqual([1]);
    expect(db.prepare('SELECT terms FROM customers ORDER BY id').pluck().all()).toEqual([
      'ann lee @19700102',
      'bo lee',
    ]);
    expect(db.prepare("SELECT v FROM search_index_config WHERE k = 'automerge'").pluck().get()).toBe(8);
    // The stored terms still remove the entry exactly, the new term with it.
    db.prepare("INSERT INTO search_index (search_index, rowid, terms) VALUES ('delete', 1, 'ann lee @19700102')").run();
    expect([found('@19700102'), found('ann'), found('lee')]).toEqual([[], [], [2]]);
    db.prepare("INSERT INTO search_index (search_index) VALUES ('integrity-check')").run();
    db.close();
  });
});
