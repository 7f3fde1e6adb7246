// The retention review judges a record by its last activity of any kind, on a real encrypted
// file with a moving clock: a customer who bought every year is not offered for erasure, a truly
// idle one is; each kind of activity (purchase added or imported, consent, do-not-contact, an
// interaction, a request, a customer import, a merge, an edit, a verification) keeps a record;
// the review says what the last activity was. A file from before the stamp gets it backfilled.
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import type { Input, Output } from '../../shared/contract';
import { type Owner, PASSPHRASE, reopenAsOwner, signedIn } from '../support/core';
import { tempFile } from '../support/files';
import { importFile } from '../support/imports';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const REQUEST = {
  requester_type: 'customer' as const,
  requester_name: 'The customer',
  reason: 'Asked at the counter',
  identity_check: 'Known to staff',
  lawful_basis: 'data_subject_right' as const,
};

/** A core whose clock the test moves; each move signs in afresh (the idle lock ends the old session). */
async function clockCore(
  start: string,
  file = tempFile(),
): Promise<{ owner: Owner; at: (iso: string) => Promise<Owner>; file: string }> {
  let now = new Date(start);
  const core = createCore(file, { now: () => now });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const at = async (iso: string) => {
    now = new Date(iso);
    const session = await core.call(null, 'session.signIn', { user_id: created.value.user.id, secret: PASSPHRASE });
    if (!session.ok) throw new Error(session.error.message);
    return signedIn(core, session.value.token, file);
  };
  return { owner: signedIn(core, created.value.token, file), at, file };
}

const person = (given: string, family: string, more: Partial<Input<'customers.create'>> = {}) => ({
  given_name: given,
  family_name: family,
  ...more,
});

/** Kinds of activity, each on a record of its own created in 2015 and active in 2023. */
const KINDS = [
  'purchase import',
  'consent',
  'do not contact',
  'interaction',
  'request',
  'customer import',
  'merge',
  'update',
  'verification',
] as const;

describe('retention review and last activity', () => {
  const ids: Record<string, number> = {};
  let owner: Owner;
  let listed: Map<number, Output<'retention.review'>['items'][number]>;
  let total = 0;

  beforeAll(async () => {
    const clock = await clockCore('2015-06-01T10:00:00.000Z');
    owner = clock.owner;
    const create = async (
      key: string,
      given: string,
      family: string,
      more: Partial<Input<'customers.create'>> = {},
    ) => {
      ids[key] = (await owner.ok('customers.create', person(given, family, more))).id;
    };
    await create('buyer', 'Bea', 'Buyer');
    await create('idle', 'Ida', 'Idle');
    await create('old buyer', 'Olga', 'Oldbuyer');
    await create('purchase import', 'Pam', 'Imported', { ref: 'C-PI' });
    await create('consent', 'Connie', 'Consent');
    await create('do not contact', 'Dan', 'Nocontact');
    await create('interaction', 'Ivan', 'Visit');
    await create('request', 'Rita', 'Request');
    await create('customer import', 'Ivy', 'Import', { ref: 'C-IM' });
    await create('merge', 'Mary', 'Merge', { emails: [{ address: 'mary@example.org' }] });
    await create('update', 'Ed', 'Edit');
    await create('verification', 'Vera', 'Verify');
    await create('merged away', 'Mary', 'Merge', { phones: [{ number: '07700 900555' }] });
    const id = (key: string) => ids[key] as number;

    for (let year = 2016; year <= 2023; year++) {
      owner = await clock.at(`${year}-12-03T11:00:00.000Z`);
      const sale = { date: `${year}-12-03`, item: 'Panto', quantity: 2, amount_pence: 3000 };
      await owner.ok('purchases.add', { customer_id: id('buyer'), ...sale });
    }
    owner = await clock.at('2016-12-03T12:00:00.000Z');
    const sale = { date: '2016-12-03', item: 'Panto', quantity: 1, amount_pence: 1500 };
    await owner.ok('purchases.add', { customer_id: id('old buyer'), ...sale });

    owner = await clock.at('2023-06-01T10:00:00.000Z');
    const sales = ['Customer Number,Order Date,Performance,Qty,Total', 'C-PI,2023-05-20,Hamlet,1,20.00'].join('\n');
    const imported = await owner.ok('purchases.import', {
      filename: 'box-office.csv',
      content_base64: b64(sales),
      source: 'Box office',
      dry_run: false,
    });
    expect(imported.added).toBe(1);
    await owner.ok('consent.record', { customer_id: id('consent'), channel: 'email', action: 'given' });
    await owner.ok('consent.setDoNotContact', { customer_id: id('do not contact'), on: true });
    await owner.ok('interactions.add', {
      customer_id: id('interaction'),
      kind: 'visit',
      at: '2023-05-30T15:00:00.000Z',
    });
    const request = await owner.ok('requests.create', {
      ...REQUEST,
      customer_id: id('request'),
      kind: 'subject_access',
    });
    await owner.ok('requests.supply', { id: request.id, fields: ['name'], channel: 'json' });
    await owner.ok('requests.confirm', { id: request.id, method: 'in_person', understood: true });
    await importFile(owner, 'members.csv', 'ref,given_name,family_name,email\nC-IM,Ivy,Import,ivy@example.org\n', {
      on_match: 'update-empty',
    });
    const keep = await owner.ok('customers.get', { id: id('merge') });
    const away = await owner.ok('customers.get', { id: id('merged away') });
    await owner.ok('duplicates.merge', {
      keep_id: keep.id,
      merge_id: away.id,
      keep_version: keep.version,
      merge_version: away.version,
    });
    const edited = await owner.ok('customers.get', { id: id('update') });
    await owner.ok('customers.update', {
      id: edited.id,
      version: edited.version,
      data: person('Ed', 'Edit', { notes: 'Moved house.' }),
    });
    await owner.ok('customers.verify', { id: id('verification') });

    owner = await clock.at('2023-12-10T10:00:00.000Z');
    const review = await owner.ok('retention.review', {});
    listed = new Map(review.items.map((i) => [i.id, i]));
    total = review.total;
  }, 120_000);

  it('does not offer a customer who bought every year 2016–2023 for erasure in December 2023', () => {
    expect(listed.has(ids.buyer as number)).toBe(false);
  });

  it('offers a truly idle customer, saying what its last activity was', () => {
    expect(listed.get(ids.idle as number)).toMatchObject({ rule: 'inactive', activity: 'record created 1 Jun 2015' });
    expect(listed.get(ids['old buyer'] as number)).toMatchObject({
      rule: 'inactive',
      last_activity: '2016-12-03',
      activity: 'last purchase 3 Dec 2016',
      reason: 'No activity for more than 6 years (last purchase 3 Dec 2016).',
    });
    expect(total).toBe(2);
  });

  it.each(KINDS)('counts %s as activity', (kind) => {
    expect(listed.has(ids[kind] as number)).toBe(false);
  });

  it('checks again when erasing: the buyer is refused, the idle customer goes', async () => {
    const erased = await owner.ok('retention.erase', {
      ids: [ids.buyer as number, ids.idle as number],
      reason: 'Review',
    });
    expect(erased.erased).toEqual([{ id: ids.idle, rule: 'inactive' }]);
    expect(erased.failed).toEqual([{ id: ids.buyer, message: expect.stringMatching(/active since the review/) }]);
  });
  it('backfills the last activity of a file written before it was kept', async () => {
    const clock = await clockCore('2015-06-01T10:00:00.000Z');
    let owner = clock.owner;
    const buyer = (await owner.ok('customers.create', person('Bea', 'Buyer'))).id;
    const caller = (await owner.ok('customers.create', person('Cal', 'Caller'))).id;
    const idle = (await owner.ok('customers.create', person('Ida', 'Idle'))).id;
    owner = await clock.at('2023-12-03T11:00:00.000Z');
    await owner.ok('purchases.add', {
      customer_id: buyer,
      date: '2023-12-03',
      item: 'Panto',
      quantity: 1,
      amount_pence: 1500,
    });
    await owner.ok('interactions.add', { customer_id: caller, kind: 'call', at: '2023-11-02T09:00:00.000Z' });
    owner.core.close();

    // Take the file back to format 12: no stamp, no triggers.
    const db = new Database(clock.file);
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE}'`);
    const triggers = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'activity_%'")
      .pluck()
      .all() as string[];
    for (const name of triggers) db.exec(`DROP TRIGGER ${name}`);
    db.exec(`DROP INDEX customers_last_activity;
      ALTER TABLE customers DROP COLUMN last_activity_at; ALTER TABLE customers DROP COLUMN last_activity;`);
    db.pragma('user_version=12');
    db.close();

    const reopened = await reopenAsOwner(clock.file);
    const review = await reopened.ok('retention.review', {});
    expect(review.items.map((i) => i.id)).toEqual([idle]);
    reopened.core.close();
    const raw = new Database(clock.file);
    raw.pragma("cipher='sqlcipher'");
    raw.pragma('legacy=4');
    raw.pragma(`key='${PASSPHRASE}'`);
    const stamps = raw
      .prepare('SELECT id, last_activity_at AS at, last_activity AS kind FROM customers ORDER BY id')
      .all() as { id: number; at: string; kind: string }[];
    raw.close();
    expect(stamps).toEqual([
      { id: buyer, at: '2023-12-03', kind: 'purchase' },
      { id: caller, at: '2023-11-02T09:00:00.000Z', kind: 'interaction' },
      { id: idle, at: '2015-06-01T10:00:00.000Z', kind: 'created' },
    ]);
  });
});
