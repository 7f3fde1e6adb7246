// Campaign lists on a real encrypted file: a segment frozen for email keeps only those the one
// contactable rule allows, counts the rest by reason (including contact frequency and earlier
// lists), holds some out at random, exports only mailed members with the rule asked again, turns
// an unsubscribe into a consent withdrawal and a bounce into a record to check, loses erased
// customers from every list, and compares purchases by mailed and held-out members.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import type { Definition } from '../../shared/segments';
import { type Owner, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

let clock = new Date('2026-03-01T10:00:00Z');
/** Ten days on, the idle lock has long signed the owner out: sign in again with the passphrase. */
async function advance(days: number) {
  clock = new Date(clock.getTime() + days * 86_400_000);
  const again = await o.core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
  if (!again.ok) throw new Error(again.error.message);
  o = signedIn(o.core, again.value.token, o.file);
}

let o: Owner;
const id: Record<string, number> = {};
const JAZZ_BS: Definition = {
  version: 1,
  match: {
    all: [
      { kind: 'postcode', level: 'area', values: ['BS'] },
      { kind: 'bought', category: 'Jazz', period: { from: '2025-01-01', to: '2025-12-31' }, min_times: 1 },
    ],
  },
};

async function person(
  name: string,
  opts: { email?: boolean; consent?: boolean; postcode?: string; frequency?: string } = {},
) {
  const c = await o.ok('customers.create', {
    given_name: name,
    family_name: 'Jazzfan',
    emails: opts.email === false ? [] : [{ address: `${name.toLowerCase()}@example.com` }],
    addresses: [{ line1: '1 King Street', postcode: opts.postcode ?? 'BS1 4DJ' }],
    ...(opts.consent === false ? {} : { consent: { channels: ['email'], wording_version: 1 } }),
    ...(opts.frequency ? { fields: { contact_frequency: opts.frequency } } : {}),
  });
  await o.ok('purchases.add', {
    customer_id: c.id,
    date: '2025-05-01',
    item: 'Jazz Night',
    category: 'Jazz',
    quantity: 1,
    amount_pence: 1500,
  });
  id[name] = c.id;
  return c.id;
}

let segmentId = 0;

beforeAll(async () => {
  const file = tempFile();
  const core = createCore(file, { now: () => clock });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  o = signedIn(core, created.value.token, file);
  for (const name of ['Amy', 'Ben', 'Cat', 'Dev', 'Eve', 'Fay', 'Gus', 'Hal']) await person(name);
  await person('Wes'); // withdraws
  await person('Dan'); // do not contact
  await person('Nia', { consent: false });
  await person('Ned', { email: false });
  await person('Mo', { frequency: 'Monthly' }); // monthly at most, and on a list ten days ago
  await person('Lin', { frequency: 'A few times a year' }); // … but that list was not mailed to her
  await person('Out', { postcode: 'LS1 1AA' }); // not in the segment at all
  await o.ok('consent.record', { customer_id: id.Wes as number, channel: 'email', action: 'withdrawn' });
  await o.ok('consent.setDoNotContact', { customer_id: id.Dan as number, on: true, reason: 'Asked us to stop' });
  segmentId = (await o.ok('segments.save', { name: 'Jazz in BS', purpose: 'Autumn jazz season', definition: JAZZ_BS }))
    .id;
});

describe('campaign lists', () => {
  let earlier = 0;
  let list = 0;

  it('freezes only contactable people and counts the rest by reason', async () => {
    // Ten days before, everyone contactable was on a spring list, Lin in its hold-out (never mailed).
    const spring = await o.ok('campaigns.create', {
      name: 'Spring jazz',
      segment_id: segmentId,
      channel: 'email',
      purpose: 'Spring season',
    });
    expect(spring.members).toBe(10);
    await o.core.local(o.token, ['owner'], (ctx) =>
      ctx.db
        .prepare('UPDATE campaign_members SET holdout = 1 WHERE list_id = ? AND customer_id = ?')
        .run(spring.id, id.Lin),
    );
    earlier = spring.id;
    await advance(10);
    const made = await o.ok('campaigns.create', {
      name: 'Autumn jazz',
      segment_id: segmentId,
      channel: 'email',
      purpose: 'Autumn jazz season',
      wording: 'Dear friend, the autumn jazz season is here.',
      exclude_lists: [],
    });
    list = made.id;
    // Mo asked for monthly at most and was mailed ten days ago; Lin was held out, so she was not.
    expect(made.members).toBe(8 + 1); // Amy…Hal and Lin
    expect(made.left_out).toEqual([
      { reason: 'do_not_contact', count: 1 },
      { reason: 'withdrawn', count: 1 },
      { reason: 'no_consent', count: 1 },
      { reason: 'no_address', count: 1 },
      { reason: 'frequency', count: 1 },
    ]);
    const members = await o.ok('campaigns.members', { list_id: list });
    const names = members.items.map((m) => m.name);
    expect(names).toContain('Lin Jazzfan');
    for (const out of ['Wes', 'Dan', 'Nia', 'Ned', 'Mo', 'Out']) expect(names).not.toContain(`${out} Jazzfan`);
  });

  it('leaves out members of earlier lists when asked, and holds some out at random', async () => {
    const again = await o.ok('campaigns.create', {
      name: 'Autumn jazz reminder',
      segment_id: segmentId,
      channel: 'email',
      purpose: 'Reminder',
      exclude_lists: [list],
      holdout_percent: 50,
    });
    // Everyone contactable was on "Autumn jazz": nobody left. Mo and Lin (who was mailed this
    // time) are counted under their contact frequency, which is checked first.
    expect(again.members).toBe(0);
    expect(again.left_out).toEqual(
      expect.arrayContaining([
        { reason: 'frequency', count: 2 },
        { reason: 'earlier_list', count: 8 },
      ]),
    );
    const split = await o.ok('campaigns.create', {
      name: 'Autumn with hold-out',
      segment_id: segmentId,
      channel: 'email',
      purpose: 'Measured',
      holdout_percent: 50,
    });
    expect(split.members).toBe(8);
    expect(split.held_out).toBe(4);
    const refused = await o.fail('campaigns.export', {
      list_id: again.id,
      format: 'csv',
      fields: ['given_name', 'email'],
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('Nobody is on “Autumn jazz reminder”');
    expect(earlier).toBeGreaterThan(0);
  });

  it('exports only mailed members, asking the contactable rule again on the day', async () => {
    await o.ok('consent.record', { customer_id: id.Amy as number, channel: 'email', action: 'withdrawn' });
    const out = await o.ok('campaigns.export', { list_id: list, format: 'json', fields: ['given_name', 'email'] });
    const rows = JSON.parse(Buffer.from(out.content_base64, 'base64').toString('utf8')) as { given_name: string }[];
    expect(rows.map((r) => r.given_name)).not.toContain('Amy');
    expect(rows).toHaveLength(8);
    expect(out.left_out).toEqual([{ reason: 'withdrawn', count: 1 }]);
    const [entry] = await o.ok('audit.list', { limit: 1 });
    expect(entry?.action).toBe('customers.export');
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({ purpose: 'contact:email', rows: 8 });
  });

  it('an unsubscribe is a consent withdrawal with evidence; a bounce sends the record to be checked', async () => {
    const un = await o.ok('campaigns.respond', {
      list_id: list,
      customer_id: id.Ben as number,
      response: 'unsubscribed',
    });
    expect(un.message).toContain('withdrawn');
    const history = await o.ok('consent.history', { customer_id: id.Ben as number });
    const evidence = history.events.find((e) => e.evidence_note.includes('Autumn jazz'));
    expect(evidence?.action).toBe('withdrawn');
    expect(history.current.find((c) => c.channel === 'email')?.state).toBe('withdrawn');
    await o.ok('campaigns.respond', { list_id: list, customer_id: id.Cat as number, response: 'bounced' });
    const stale = await o.ok('quality.staleList', { limit: 5 });
    expect(stale.items[0]?.id).toBe(id.Cat);
    const notOn = await o.fail('campaigns.respond', {
      list_id: list,
      customer_id: id.Out as number,
      response: 'responded',
    });
    expect(notOn.code).toBe('NOT_FOUND');
  });

  it('results: response rate, and purchases by mailed members beside the hold-out', async () => {
    await o.ok('campaigns.respond', { list_id: list, customer_id: id.Dev as number, response: 'bought' });
    const day = clock.toISOString().slice(0, 10);
    await o.ok('purchases.add', {
      customer_id: id.Dev as number,
      date: day,
      item: 'Jazz Night',
      category: 'Jazz',
      quantity: 2,
      amount_pence: 3000,
    });
    const r = await o.ok('campaigns.results', { list_id: list, days: 30 });
    expect(r.mailed).toBe(9);
    expect(r.held_out).toBe(0);
    expect(r.bought_mailed).toBe(1);
    expect(r.response_rate).toBeCloseTo(1 / 9);
    expect(r.responses).toEqual(
      expect.arrayContaining([
        { response: 'bought', count: 1 },
        { response: 'unsubscribed', count: 1 },
        { response: 'bounced', count: 1 },
      ]),
    );
  });

  it('erasing a customer on three lists takes them off all three', async () => {
    const before = await o.ok('campaigns.list', {});
    const onLists = before.filter((l) => l.members > 0).length;
    expect(onLists).toBeGreaterThanOrEqual(3);
    await o.ok('customers.erase', { id: id.Hal as number, reason: 'Asked to be forgotten' });
    const after = await o.ok('campaigns.list', {});
    for (const l of after) {
      const was = before.find((b) => b.id === l.id);
      if (was && was.members > 0 && l.name !== 'Autumn jazz reminder') expect(l.members).toBe(was.members - 1);
    }
  });

  it('is for owners and managers only', async () => {
    const sam = await o.ok('staff.create', { name: 'Sam Staff', role: 'staff', password: 'a long staff password 1' });
    const signIn = await o.core.call(null, 'session.signIn', { user_id: sam.id, secret: 'a long staff password 1' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const staff = signedIn(o.core, signIn.value.token, o.file);
    expect((await staff.fail('campaigns.list', {})).code).toBe('FORBIDDEN');
    expect((await staff.fail('campaigns.export', { list_id: list, format: 'csv', fields: ['email'] })).code).toBe(
      'FORBIDDEN',
    );
  });
});
