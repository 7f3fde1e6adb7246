// Event packs end to end on real encrypted files: the owner makes a pack (its own passphrase, the
// chosen accounts, a look-up list with only the chosen fields); the pack opens in event mode
// (sign-ups with consent, look-ups, sales; erasing and exporting refused in the core); back at
// base it merges once, as one undoable batch, with the duplicate review, field-by-field review of
// changes and provenance. Bad input (the main passphrase, a second merge, clashing accounts, a
// tampered file) gets clear words and leaves the main file as it was.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { openDatabase } from '../../electron/core/db/open';
import { type Owner, ownerCore, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

const PACK_PASSPHRASE = 'lantern meadow copper violin';

type Base = Owner & { volunteerId: number; staffId: number; ann: number; bob: number; cat: number };

/** A main file with three customers, a volunteer with a PIN and a member of staff with a password. */
async function base(): Promise<Base> {
  const o = await ownerCore(tempFile());
  const volunteer = await o.ok('staff.create', { name: 'Vera Volunteer', role: 'volunteer', pin: '4821' });
  const staff = await o.ok('staff.create', { name: 'Sam Staff', role: 'staff', password: 'staff password 42' });
  const ann = await o.ok('customers.create', {
    ref: 'M100',
    given_name: 'Ann',
    family_name: 'Archer',
    emails: [{ address: 'ann@example.com' }],
    phones: [{ number: '07700 900111' }],
    addresses: [{ line1: '1 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }],
  });
  const bob = await o.ok('customers.create', {
    ref: 'M200',
    given_name: 'Robert',
    family_name: 'Baker',
    emails: [{ address: 'bob@example.com' }],
    phones: [{ number: '07700 900222' }],
  });
  const cat = await o.ok('customers.create', {
    ref: 'M300',
    given_name: 'Catherine',
    family_name: 'Cole',
    emails: [{ address: 'cat.cole@example.com' }],
    addresses: [{ line1: '3 Mill Lane', town: 'York', postcode: 'YO1 7HH' }],
  });
  return { ...o, volunteerId: volunteer.id, staffId: staff.id, ann: ann.id, bob: bob.id, cat: cat.id };
}

async function makePack(b: Base, refs = ['M100', 'M200']) {
  return b.ok('packs.make', {
    passphrase: PACK_PASSPHRASE,
    event_name: 'Summer fair',
    event_date: '2026-07-04',
    laptop: 'Laptop 2',
    account_ids: [b.volunteerId, b.staffId],
    lookup: { kind: 'refs', refs, fields: ['ref', 'given_name', 'family_name', 'email'] },
  });
}

function packPath(b: Base, fileName: string): string {
  return path.join(path.dirname(b.file), 'event-packs', fileName);
}

/** Open the pack as the event laptop does (its own passphrase: the event lead). */
async function openEvent(file: string): Promise<Owner> {
  const core = createCore(file);
  const opened = await core.call(null, 'vault.unlock', { passphrase: PACK_PASSPHRASE });
  if (!opened.ok) throw new Error(opened.error.message);
  return signedIn(core, opened.value.token, file);
}

/** A day at the event: a new person, a known one signed up again with a typo, a change, a sale. */
async function workTheEvent(file: string, b: Base) {
  const ev = await openEvent(file);
  const wording = await ev.ok('consent.wording.get', {});
  // The volunteer signs in with their own PIN, carried in the pack.
  const accounts = await ev.core.call(null, 'session.accounts', {});
  expect(accounts.ok).toBe(true);
  const vera = await ev.core.call(null, 'session.signIn', { user_id: b.volunteerId, secret: '4821' });
  if (!vera.ok) throw new Error(vera.error.message);
  const volunteer = signedIn(ev.core, vera.value.token, file);
  const dee = await volunteer.ok('customers.create', {
    given_name: 'Dee',
    family_name: 'Dunn',
    emails: [{ address: 'dee@example.com' }],
    collected_via: 'event',
    consent: { channels: ['email'], wording_version: wording.version, method: 'event' },
    fields: { interests: ['Music', 'Dance'] },
  });
  // Catherine Cole (not in the look-up list) signs up again, misspelt, same email and address.
  const kat = await volunteer.ok('customers.create', {
    given_name: 'Katherine',
    family_name: 'Cole',
    emails: [{ address: 'cat.cole@example.com' }],
    addresses: [{ line1: '3 Mill Lane', town: 'York', postcode: 'YO1 7HH' }],
    collected_via: 'event',
    consent: { channels: ['post'], wording_version: wording.version, method: 'event' },
    fields: { preferred_language: 'Welsh' },
  });
  // Someone probably Robert Baker (same phone, "Bob"), but not sure enough to merge alone.
  const bobby = await volunteer.ok('customers.create', {
    given_name: 'Bob',
    family_name: 'Baker',
    phones: [{ number: '07700 900222' }],
    collected_via: 'event',
  });
  // Ann is looked up by the event lead; her email is changed and a sale taken.
  const found = await ev.ok('search.query', { q: 'Ann Archer' });
  const annHere = found.items[0];
  if (!annHere) throw new Error('Ann is not in the look-up list');
  const annRecord = await ev.ok('customers.get', { id: annHere.id });
  await ev.ok('customers.update', {
    id: annRecord.id,
    version: annRecord.version,
    data: {
      ...annRecord,
      emails: [{ address: 'ann.archer@newmail.example' }],
      phones: [],
      addresses: [],
      // She tells the lead what she likes: a register value the file does not hold for her.
      fields: { interests: ['Film'] },
    },
  });
  await ev.ok('purchases.add', {
    customer_id: annRecord.id,
    date: '2026-07-04',
    item: 'Raffle ticket',
    quantity: 2,
    amount_pence: 200,
  });
  return { ev, volunteer, dee, kat, bobby, annRecord };
}

describe('event packs', () => {
  it('makes a pack with its own passphrase, only the chosen records and fields, audited in the main file', async () => {
    const b = await base();
    const refused = await b.fail('packs.make', {
      passphrase: PASSPHRASE,
      event_name: 'Summer fair',
      event_date: '2026-07-04',
      laptop: 'Laptop 2',
      account_ids: [],
    });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toMatch(/its own passphrase/);
    const owner = await b.fail('packs.make', {
      passphrase: PACK_PASSPHRASE,
      event_name: 'Summer fair',
      event_date: '2026-07-04',
      laptop: 'Laptop 2',
      account_ids: [1],
    });
    expect(owner.message).toMatch(/only active volunteer and staff/);

    const made = await makePack(b);
    expect(made).toMatchObject({ lookups: 2, accounts: 2 });
    expect(made.pack_id).toMatch(/^[0-9a-f]{32}$/);
    const file = packPath(b, made.file_name);
    expect(fs.existsSync(file)).toBe(true);
    // Encrypted: no name from the look-up list in the bytes.
    expect(fs.readFileSync(file).includes(Buffer.from('Archer'))).toBe(false);
    const list = await b.ok('packs.list', {});
    expect(list.packs[0]).toMatchObject({ pack_id: made.pack_id, status: 'made', file_present: true, lookups: 2 });
    const audit = await b.ok('audit.list', { limit: 20 });
    expect(audit.some((e) => e.action === 'pack.make')).toBe(true);

    const ev = await openEvent(file);
    const current = await ev.ok('packs.current', {});
    expect(current).toMatchObject({ pack_id: made.pack_id, event_name: 'Summer fair', laptop: 'Laptop 2', lookups: 2 });
    const found = await ev.ok('search.query', { q: 'Archer' });
    expect(found.items).toHaveLength(1);
    const ann = await ev.ok('customers.get', { id: found.items[0]?.id as number });
    // Only the chosen fields: name, number and email; not the phone or the address.
    expect(ann).toMatchObject({ ref: 'M100', given_name: 'Ann', emails: [{ address: 'ann@example.com' }] });
    expect(ann.phones).toEqual([]);
    expect(ann.addresses).toEqual([]);
    expect((await ev.ok('search.query', { q: 'Cole' })).items).toHaveLength(0);
    ev.core.close();
    // The main file knows nothing of an event mode.
    expect(await b.ok('packs.current', {})).toBeNull();
    b.core.close();
  });

  it('event mode: sign-ups with consent and sales taken; erasing, exporting and making packs refused in the core', async () => {
    const b = await base();
    const made = await makePack(b);
    b.core.close();
    const file = packPath(b, made.file_name);
    const { ev, volunteer, dee } = await workTheEvent(file, b);
    const history = await ev.ok('consent.history', { customer_id: dee.id });
    expect(history.events[0]).toMatchObject({ channel: 'email', action: 'given', method: 'event' });
    for (const [method, input] of [
      ['customers.erase', { id: dee.id, reason: 'asked' }],
      ['exports.run', { purpose: 'records', format: 'csv', fields: ['given_name'], selection: 'all' }],
      ['packs.make', { passphrase: 'another long passphrase', event_name: 'x', event_date: '2026-07-05', laptop: 'y' }],
      ['imports.list', { limit: 5 }],
      ['duplicates.merge', { keep_id: 1, keep_version: 1, merge_id: 2, merge_version: 1 }],
    ] as const) {
      const owner = await ev.fail(method as never, input as never);
      expect(owner.code, method).toBe('FORBIDDEN');
      expect(owner.message).toMatch(/event pack for Summer fair/);
    }
    expect((await volunteer.fail('customers.erase', { id: dee.id, reason: 'asked' })).code).toBe('FORBIDDEN');
    // In-process work (the command line's core.local) is held to event mode as well.
    const local = await ev.core.local(ev.token, ['owner'], () => 'ran');
    expect(!local.ok && local.error.code).toBe('FORBIDDEN');
    ev.core.close();
    // Every captured row carries its own id (the pack's triggers), looked-up records none.
    const db = openDatabase(file, PACK_PASSPHRASE);
    const captured = db.prepare('SELECT kind, count(*) AS n FROM pack_captures GROUP BY kind ORDER BY kind').all();
    db.close();
    expect(captured).toEqual([
      { kind: 'consent', n: 2 },
      { kind: 'customer', n: 3 },
      { kind: 'purchase', n: 1 },
    ]);
  });

  it('refuses the main file passphrase for the pack, on the laptop and at the merge', async () => {
    const b = await base();
    const made = await makePack(b);
    const file = packPath(b, made.file_name);
    const core = createCore(file);
    const opened = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.code).toBe('WRONG_PASSPHRASE');
    core.close();
    const merge = await b.fail('packs.merge', { file_name: made.file_name, passphrase: PASSPHRASE });
    expect(merge.code).toBe('WRONG_PASSPHRASE');
    expect(merge.message).toMatch(/customer file's passphrase.*Nothing in the customer file was changed/);
    b.core.close();
  });

  it('merges back: new people, a sure match merged with reasons, a likely one queued, consent and sales attached, a change applied; once only; undone as one batch', async () => {
    const b = await base();
    const made = await makePack(b);
    const file = packPath(b, made.file_name);
    const before = await b.ok('vault.check', {});
    const { ev } = await workTheEvent(file, b);
    ev.core.close();

    const dry = await b.ok('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE, dry_run: true });
    expect(dry).toMatchObject({ dry_run: true, signups: 3, created: 2, auto_merged: 1, queued: 1 });
    expect((await b.ok('vault.check', {})).customers).toBe(before.customers);

    const merged = await b.ok('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE });
    expect(merged).toMatchObject({
      dry_run: false,
      auto_threshold: 0.95,
      signups: 3,
      created: 2,
      auto_merged: 1,
      queued: 1,
      consents: 2,
      purchases: 1,
      changes_applied: 1,
      changes_waiting: 0,
      erased_skipped: 0,
      rejected: [],
    });
    // Katherine joined Catherine's record, with the reasons stated.
    expect(merged.auto[0]).toMatchObject({ customer_id: b.cat, name: 'Catherine Cole' });
    expect(merged.auto[0]?.score).toBeGreaterThanOrEqual(0.95);
    expect(merged.auto[0]?.reasons.join(' ')).toMatch(/email/);
    expect((await b.ok('consent.history', { customer_id: b.cat })).events[0]).toMatchObject({
      channel: 'post',
      method: 'event',
    });
    // Ann's email changed at the event, and the file still held the value it replaced: applied.
    const ann = await b.ok('customers.get', { id: b.ann });
    expect(ann.emails[0]?.address).toBe('ann.archer@newmail.example');
    expect(ann.phones[0]?.e164).toBe('+447700900111');
    expect(ann.fields?.interests).toEqual(['Film']);
    const sales = await b.ok('purchases.list', { customer_id: b.ann });
    expect(sales.map((p) => p.item)).toEqual(['Raffle ticket']);
    // Provenance: the changed email came from the event, through the pack's batch.
    const batchId = (await b.ok('imports.list', { limit: 5 })).find((x) => x.format === 'pack')?.id;
    const provenance = await b.ok('customers.provenance', { id: b.ann });
    expect(provenance.items.find((p) => p.field === 'email')).toMatchObject({
      source: 'At the event Summer fair (2026-07-04, Laptop 2)',
      import_id: batchId,
    });
    const deeProvenance = await b.ok('customers.provenance', {
      id: (await b.ok('search.query', { q: 'Dee Dunn' })).items[0]?.id as number,
    });
    expect(deeProvenance.items.find((p) => p.field === 'email')?.source).toBe(
      'At the event Summer fair (2026-07-04, Laptop 2)',
    );
    // Dee is new, with her consent, the event's evidence note and the interests she gave there.
    const dee = (await b.ok('search.query', { q: 'Dee Dunn' })).items[0];
    expect(dee).toBeDefined();
    expect((await b.ok('customers.get', { id: dee?.id as number })).fields?.interests).toEqual(['Music', 'Dance']);
    // Catherine had no language recorded: the one given at the event fills it.
    expect((await b.ok('customers.get', { id: b.cat })).fields?.preferred_language).toBe('Welsh');
    const deeConsent = await b.ok('consent.history', { customer_id: dee?.id as number });
    expect(deeConsent.events[0]).toMatchObject({ method: 'event', by: 'Vera Volunteer' });
    expect(deeConsent.events[0]?.evidence_note).toMatch(/Summer fair.*2026-07-04.*Laptop 2; row [0-9a-f]{32}/);

    // Bob Baker is queued for a person, beside Robert Baker.
    const queue = await b.ok('packs.queue', { pack_id: made.pack_id });
    expect(queue.pairs).toHaveLength(1);
    const pair = queue.pairs[0];
    expect(pair).toMatchObject({ status: 'open', candidate: { id: b.bob, name: 'Robert Baker' } });
    expect(pair?.score).toBeLessThan(0.95);

    // The same pack again: refused in words, nothing changed.
    const after = await b.ok('vault.check', {});
    const again = await b.fail('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already merged .* a pack merges once/);
    expect((await b.ok('vault.check', {})).customers).toBe(after.customers);
    // The import undo does not take a pack's batch apart.
    const batches = await b.ok('imports.list', { limit: 5 });
    const batch = batches.find((x: { format: string }) => x.format === 'pack');
    expect(batch?.source).toBe('Event pack: Summer fair (2026-07-04, Laptop 2)');
    expect((await b.fail('imports.undo', { import_id: batch?.id as number })).message).toMatch(/event packs page/);

    // A person resolves the queued pair in the duplicate review: the same person, merged.
    if (!pair?.created || !pair.candidate) throw new Error('pair sides missing');
    await b.ok('duplicates.merge', {
      keep_id: pair.candidate.id,
      keep_version: pair.candidate.version,
      merge_id: pair.created.id,
      merge_version: pair.created.version,
    });
    expect((await b.ok('packs.queue', { pack_id: made.pack_id })).pairs[0]?.status).toBe('merged');

    // Undo: one batch, the review's merge of its record included; the file is as it was.
    const undone = await b.ok('packs.undo', { pack_id: made.pack_id });
    expect(undone).toMatchObject({ removed: 2, unmerged: 1, consents: 2 });
    // Ann's and Catherine's records had their before-images back (her language is gone again).
    expect(undone.restored).toBe(2);
    expect((await b.ok('customers.get', { id: b.cat })).fields?.preferred_language).toBeUndefined();
    const back = await b.ok('vault.check', {});
    expect(back.customers).toBe(before.customers);
    expect(back.integrity).toBe('ok');
    expect(back.audit.ok).toBe(true);
    const annBack = await b.ok('customers.get', { id: b.ann });
    expect(annBack.emails[0]?.address).toBe('ann@example.com');
    expect(annBack.fields?.interests).toBeUndefined();
    expect((await b.ok('customers.get', { id: b.bob })).given_name).toBe('Robert');
    expect((await b.ok('consent.history', { customer_id: b.cat })).events).toHaveLength(0);
    expect(await b.ok('purchases.list', { customer_id: b.ann })).toHaveLength(0);
    expect((await b.ok('packs.list', {})).packs[0]?.status).toBe('undone');

    // Merged again after the undo, then wiped: the pack file is gone.
    await b.ok('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE });
    expect(await b.ok('packs.wipe', { pack_id: made.pack_id })).toEqual({ wiped: true });
    expect(fs.existsSync(file)).toBe(false);
    b.core.close();
  });

  it('a change the file made meanwhile waits for review; people erased since are not brought back', async () => {
    const b = await base();
    const made = await makePack(b);
    const file = packPath(b, made.file_name);
    const { ev, annRecord } = await workTheEvent(file, b);
    // Bob is looked up at the event too and his email changed.
    const bob = (await ev.ok('search.query', { q: 'Robert Baker' })).items[0];
    const bobRecord = await ev.ok('customers.get', { id: bob?.id as number });
    await ev.ok('customers.update', {
      id: bobRecord.id,
      version: bobRecord.version,
      data: { ...bobRecord, given_name: 'Rob', phones: [], addresses: [] },
    });
    expect(annRecord.given_name).toBe('Ann');
    ev.core.close();
    // Meanwhile at base: Ann's email changed, Robert Baker erased.
    const ann = await b.ok('customers.get', { id: b.ann });
    await b.ok('customers.update', {
      id: ann.id,
      version: ann.version,
      data: { ...ann, emails: [{ address: 'ann@work.example' }] },
    });
    await b.ok('customers.erase', { id: b.bob, reason: 'Asked to be forgotten' });

    const merged = await b.ok('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE });
    expect(merged).toMatchObject({ changes_applied: 0, changes_waiting: 1, erased_skipped: 1, purchases: 1 });
    // Robert Baker is not back (his change left out); "Bob Baker" signed up at the event is a new record.
    expect(
      (await b.ok('search.query', { q: 'Rob' })).items.map((r) => `${r.given_name} ${r.family_name}`),
    ).not.toContain('Rob Baker');
    const { changes } = await b.ok('packs.changes', { pack_id: made.pack_id });
    expect(changes).toEqual([
      expect.objectContaining({
        customer_id: b.ann,
        field: 'email',
        replaced: 'ann@example.com',
        value: 'ann.archer@newmail.example',
        current: 'ann@work.example',
        status: 'waiting',
      }),
    ]);
    expect((await b.ok('customers.get', { id: b.ann })).emails[0]?.address).toBe('ann@work.example');
    const decided = await b.ok('packs.decide', { change_id: changes[0]?.id as number, apply: true });
    expect(decided).toMatchObject({ status: 'accepted', current: 'ann.archer@newmail.example' });
    expect((await b.fail('packs.decide', { change_id: changes[0]?.id as number, apply: false })).code).toBe('CONFLICT');
    b.core.close();
  });

  it('refuses a pack whose accounts clash with the main file, and a tampered pack; the main file unharmed', async () => {
    const b = await base();
    const made = await makePack(b);
    const file = packPath(b, made.file_name);
    const { ev } = await workTheEvent(file, b);
    ev.core.close();
    const before = await b.ok('vault.check', {});

    // The volunteer became a manager here since: the pack's Vera is not this file's Vera.
    await b.ok('staff.update', { id: b.volunteerId, role: 'manager' });
    const clash = await b.fail('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE });
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toMatch(
      /accounts do not match.*Vera Volunteer \(volunteer\) in the pack is Vera Volunteer \(manager\) here/,
    );
    await b.ok('staff.update', { id: b.volunteerId, role: 'volunteer' });

    // A few bytes changed in the middle of the pack (its pages carry an HMAC each).
    const copy = `${file}.copy`;
    fs.copyFileSync(file, copy);
    const bytes = fs.readFileSync(file);
    const at = Math.floor(bytes.length / 2);
    bytes.writeUInt32LE((bytes.readUInt32LE(at) ^ 0xdeadbeef) >>> 0, at);
    fs.writeFileSync(file, bytes);
    const tampered = await b.fail('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE });
    expect(tampered.code).toBe('FILE_DAMAGED');
    expect(tampered.message).toMatch(
      /damaged or was changed outside Custodian.*Nothing in the customer file was changed/,
    );

    const after = await b.ok('vault.check', {});
    expect(after).toMatchObject({ integrity: 'ok', customers: before.customers });
    expect(after.audit.ok).toBe(true);
    expect((await b.ok('packs.list', {})).packs[0]?.status).toBe('made');
    // The untouched copy still merges.
    fs.copyFileSync(copy, file);
    expect((await b.ok('packs.merge', { file_name: made.file_name, passphrase: PACK_PASSPHRASE })).signups).toBe(3);
    b.core.close();
  });
});
