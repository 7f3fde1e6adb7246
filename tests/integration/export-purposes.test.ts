// Every export states its purpose, on a real encrypted file: contacting people by email, SMS,
// phone or post takes only those the core's one rule allows today (consent or a PECR soft opt-in
// given and not withdrawn, not do-not-contact, not archived, a usable address) and counts the rest
// by reason, page by page; keeping records is the owner's alone. The record view's may_contact and
// the export's verdict are pinned to agree.
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_CHANNELS } from '../../shared/consent';
import type { Input } from '../../shared/contract';
import { type Owner, ownerCore, signedIn } from '../support/core';

const SOFT = { sale_or_negotiation: true, similar_products: true, opt_out_offered: true };
const HOME = { line1: '1 High Street', postcode: 'LS1 1AA' };

let o: Owner;
const id: Record<string, number> = {};

async function person(name: string, details: Record<string, unknown>, consent: ('email' | 'sms' | 'post')[] = []) {
  const c = await o.ok('customers.create', {
    given_name: name,
    family_name: 'Test',
    ...details,
    ...(consent.length > 0 ? { consent: { channels: consent, wording_version: 1 } } : {}),
  });
  id[name] = c.id;
  return c.id;
}

beforeAll(async () => {
  o = await ownerCore();
  // Given everything, a landline first and a mobile second (SMS uses the mobile, phone the first).
  await person(
    'Carla',
    {
      emails: [{ address: 'carla@example.com' }],
      phones: [{ number: '020 7946 0000' }, { number: '07700 900002' }],
      addresses: [HOME],
    },
    ['email', 'sms', 'post'],
  );
  const wendy = await person(
    'Wendy',
    { emails: [{ address: 'wendy@example.com' }], phones: [{ number: '07700 900003' }], addresses: [HOME] },
    ['email', 'sms', 'post'],
  );
  await o.ok('consent.record', { customer_id: wendy, channel: 'email', action: 'withdrawn' });
  const dan = await person(
    'Dan',
    { emails: [{ address: 'dan@example.com' }], phones: [{ number: '07700 900004' }], addresses: [HOME] },
    ['email', 'sms', 'post'],
  );
  await o.ok('consent.setDoNotContact', { customer_id: dan, on: true, reason: 'Asked us to stop' });
  const archie = await person(
    'Archie',
    { emails: [{ address: 'archie@example.com' }], phones: [{ number: '07700 900005' }], addresses: [HOME] },
    ['email', 'sms', 'post'],
  );
  await o.ok('customers.setArchived', { id: archie, archived: true });
  await person('Nora', {
    emails: [{ address: 'nora@example.com' }],
    phones: [{ number: '07700 900006' }],
    addresses: [HOME],
  });
  // A soft opt-in for email and SMS; consent to post, but an address without postcode or town.
  const sofia = await person(
    'Sofia',
    {
      emails: [{ address: 'sofia@example.com' }],
      phones: [{ number: '07700 900007' }],
      addresses: [{ line1: '9 Nowhere Lane' }],
    },
    ['post'],
  );
  for (const channel of ['email', 'sms'] as const) {
    await o.ok('consent.record', {
      customer_id: sofia,
      channel,
      action: 'given',
      basis: 'soft_opt_in',
      soft_opt_in: SOFT,
    });
  }
  // Consent to everything, but no email and only a landline.
  await person('Nick', { phones: [{ number: '0113 496 0000' }], addresses: [HOME] }, ['email', 'sms', 'post']);
});

type Run = Partial<Input<'exports.run'>> & Pick<Input<'exports.run'>, 'purpose'>;

async function exported(input: Run, as: Owner = o) {
  const r = await as.ok('exports.run', {
    format: 'json',
    fields: ['given_name', 'email', 'phone', 'address_line1', 'postcode'],
    selection: 'all',
    ...input,
  });
  const rows = JSON.parse(Buffer.from(r.content_base64, 'base64').toString('utf8')) as Record<string, string>[];
  return { ...r, rows, names: rows.map((x) => x.given_name) };
}

describe('exports for a stated purpose', () => {
  it('contact:email keeps consent and soft opt-in with an email; the rest are counted by reason', async () => {
    const r = await exported({ purpose: 'contact:email' });
    expect(r.names).toEqual(['Carla', 'Sofia']);
    expect(r.left_out).toEqual([
      { reason: 'do_not_contact', count: 1 },
      { reason: 'withdrawn', count: 1 },
      { reason: 'no_consent', count: 1 },
      { reason: 'archived', count: 1 },
      { reason: 'no_address', count: 1 },
    ]);
    expect(r.next_after_id).toBeNull();
    const [entry] = await o.ok('audit.list', { limit: 1 });
    expect(entry?.action).toBe('customers.export');
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({
      purpose: 'contact:email',
      rows: 2,
      left_out: r.left_out,
    });
  });

  it('contact:sms needs a mobile, and puts it in the phone column; contact:phone takes any number', async () => {
    const sms = await exported({ purpose: 'contact:sms' });
    expect(sms.names).toEqual(['Carla', 'Wendy', 'Sofia']);
    expect(sms.rows[0]?.phone).toBe('07700 900002');
    expect(sms.left_out).toEqual([
      { reason: 'do_not_contact', count: 1 },
      { reason: 'no_consent', count: 1 },
      { reason: 'archived', count: 1 },
      { reason: 'no_address', count: 1 },
    ]);
    // Nobody gave consent to phone calls (and a soft opt-in never covers them).
    const phone = await exported({ purpose: 'contact:phone' });
    expect(phone.names).toEqual([]);
    expect(phone.left_out).toEqual([
      { reason: 'do_not_contact', count: 1 },
      { reason: 'no_consent', count: 6 },
    ]);
  });

  it('contact:post needs line 1 and a postcode or town', async () => {
    const r = await exported({ purpose: 'contact:post' });
    expect(r.names).toEqual(['Carla', 'Wendy', 'Nick']);
    expect(r.left_out).toEqual([
      { reason: 'do_not_contact', count: 1 },
      { reason: 'no_consent', count: 1 },
      { reason: 'archived', count: 1 },
      { reason: 'no_address', count: 1 },
    ]);
  });

  it('records: everyone (archived when asked), for the owner', async () => {
    const r = await exported({ purpose: 'records' });
    expect(r.names).toEqual(['Carla', 'Wendy', 'Dan', 'Nora', 'Sofia', 'Nick']);
    expect(r.left_out).toEqual([{ reason: 'archived', count: 1 }]);
    const all = await exported({ purpose: 'records', include_archived: true });
    expect(all.names).toHaveLength(7);
    expect(all.left_out).toEqual([]);
    // Contacting never includes archived records, however it is asked.
    const refused = await o.fail('exports.run', {
      purpose: 'contact:email',
      format: 'csv',
      fields: ['email'],
      selection: 'all',
      include_archived: true,
    });
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'include_archived' }] });
  });

  it('counts each record once, in the call whose page it falls in', async () => {
    const first = await exported({ purpose: 'contact:email', selection: { ids: [id.Carla as number] } });
    expect(first.names).toEqual(['Carla']);
    // After Dan: Archie, Nora, Sofia, Nick only.
    const later = await exported({ purpose: 'contact:email', after_id: id.Dan as number });
    expect(later.names).toEqual(['Sofia']);
    expect(later.left_out).toEqual([
      { reason: 'no_consent', count: 1 },
      { reason: 'archived', count: 1 },
      { reason: 'no_address', count: 1 },
    ]);
    const chosen = await exported({
      purpose: 'contact:email',
      selection: { ids: [id.Wendy as number, id.Dan as number, id.Sofia as number] },
    });
    expect(chosen.names).toEqual(['Sofia']);
    expect(chosen.left_out).toEqual([
      { reason: 'do_not_contact', count: 1 },
      { reason: 'withdrawn', count: 1 },
    ]);
  });

  it('SMS takes UK mobiles (not 070 or 076, but 07624) and numbers abroad labelled mobile', async () => {
    const numbers = [
      { number: '070 1234 5678' },
      { number: '07624 123456' },
      { number: '076 1234 5678' },
      { number: '+33 6 12 34 56 78', label: 'Mobile' },
      { number: '+33 6 12 34 56 79' },
    ];
    const ids: number[] = [];
    for (const phone of numbers) ids.push(await person(`Sms${ids.length}`, { phones: [phone] }, ['sms']));
    const r = await exported({ purpose: 'contact:sms', selection: { ids } });
    expect(r.rows.map((x) => x.phone)).toEqual(['07624 123456', '+33 6 12 34 56 78']);
    expect(r.left_out).toEqual([{ reason: 'no_address', count: 3 }]);
    for (const customer of ids) await o.ok('customers.setArchived', { id: customer, archived: true });
  });

  it("agrees with the record view's may_contact for every customer and channel", async () => {
    const consentReasons = new Set(['do_not_contact', 'withdrawn', 'no_consent']);
    for (const [name, customer] of Object.entries(id)) {
      const history = await o.ok('consent.history', { customer_id: customer });
      for (const channel of CONSENT_CHANNELS) {
        const verdict = await exported({ purpose: `contact:${channel}`, selection: { ids: [customer] } });
        const reason = verdict.left_out[0]?.reason;
        const consentAllows = reason === undefined || !consentReasons.has(reason);
        const shown = history.current.find((s) => s.channel === channel && s.purpose === 'marketing');
        expect(shown?.may_contact, `${name} by ${channel}`).toBe(consentAllows);
      }
    }
  });

  it('refuses records to a manager (audited), and an unknown or missing purpose in plain words', async () => {
    const account = await o.ok('staff.create', { name: 'Mo Manager', role: 'manager', password: 'manager pass 123' });
    const signed = await o.core.call(null, 'session.signIn', { user_id: account.id, secret: 'manager pass 123' });
    if (!signed.ok) throw new Error(signed.error.message);
    const manager = signedIn(o.core, signed.value.token, o.file);
    const refused = await manager.fail('exports.run', {
      purpose: 'records',
      format: 'csv',
      fields: ['family_name'],
      selection: 'all',
    });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/Only the owner exports everyone for keeping records/);
    const audit = await o.ok('audit.list', { limit: 3 });
    expect(audit.find((e) => e.action === 'refused')?.detail).toContain('records');
    // A manager may export for contacting people.
    expect((await exported({ purpose: 'contact:email' }, manager)).names).toEqual(['Carla', 'Sofia']);

    for (const purpose of ['marketing', undefined]) {
      const bad = await o.fail('exports.run', {
        purpose: purpose as never,
        format: 'csv',
        fields: ['family_name'],
        selection: 'all',
      });
      expect(bad.code).toBe('INVALID_INPUT');
      expect(bad.fields?.[0]).toMatchObject({
        path: 'purpose',
        message: 'Say what the export is for: records, contact:email, contact:sms, contact:phone, contact:post.',
      });
    }
  });
});
