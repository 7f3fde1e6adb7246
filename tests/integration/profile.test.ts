// The full customer profile through the one dispatch on a real encrypted file: purchases and
// refunds with the buying summary, interactions, consent as an append-only history with its
// wording, do-not-contact, the notes guard, the completeness counters, and erasure of it all.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { COMPLETENESS_FIELDS } from '../../shared/fields';
import { ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';

describe('purchases and the buying summary', () => {
  it('keeps a refund as a negative amount, labelled, and nets it off the total', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { given_name: 'Bea', family_name: 'Buyer' });
    const empty = await owner.ok('purchases.summary', { id: c.id });
    expect(empty).toMatchObject({
      purchases: 0,
      total_pence: 0,
      average_pence: null,
      per_year: null,
      first_purchase: '',
    });
    const add = (date: string, category: string, amount_pence: number, quantity = 1) =>
      owner.ok('purchases.add', {
        customer_id: c.id,
        date,
        item: `${category} ticket`,
        category,
        quantity,
        amount_pence,
      });
    await add('2023-01-10', 'Theatre', 2500, 2);
    await add('2023-07-10', 'Music', 1500);
    await add('2024-01-10', 'Theatre', 3000);
    const refund = await add('2024-02-01', 'Theatre', -2500);
    expect(refund).toMatchObject({ refund: true, amount_pence: -2500 });
    const summary = await owner.ok('purchases.summary', { id: c.id });
    expect(summary).toMatchObject({
      purchases: 3,
      refunds: 1,
      first_purchase: '2023-01-10',
      last_purchase: '2024-01-10',
      total_pence: 4500,
      average_pence: 1500,
      favourite_category: 'Theatre',
    });
    expect(summary.per_year).toBeCloseTo(3, 0);
    const list = await owner.ok('purchases.list', { customer_id: c.id });
    expect(list.map((p) => p.date)).toEqual(['2024-02-01', '2024-01-10', '2023-07-10', '2023-01-10']);
  });

  it('refuses a zero quantity, a future date, a card number and an unknown customer, each clearly', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { family_name: 'Refused' });
    const base = { customer_id: c.id, date: '2024-03-01', item: 'Matinee', quantity: 1, amount_pence: 100 };
    expect(await owner.fail('purchases.add', { ...base, quantity: 0 })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'quantity', message: expect.stringMatching(/at least 1/) }],
    });
    expect(await owner.fail('purchases.add', { ...base, date: '2999-01-01' })).toMatchObject({
      fields: [{ path: 'date', message: expect.stringMatching(/future/) }],
    });
    expect(await owner.fail('purchases.add', { ...base, amount_pence: 12.5 })).toMatchObject({
      fields: [{ path: 'amount_pence', message: expect.stringMatching(/whole number/) }],
    });
    expect(await owner.fail('purchases.add', { ...base, seat: 'paid 4111 1111 1111 1111' })).toMatchObject({
      fields: [{ path: 'seat', message: expect.stringMatching(/payment card/) }],
    });
    expect(await owner.fail('purchases.add', { ...base, customer_id: 999 })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records interactions with who handled them, newest first', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { family_name: 'Caller' });
    await owner.ok('interactions.add', {
      customer_id: c.id,
      kind: 'call',
      outcome: 'Booked',
      at: '2024-01-01T10:00:00Z',
    });
    await owner.ok('interactions.add', { customer_id: c.id, kind: 'complaint', outcome: 'Refunded' });
    const list = await owner.ok('interactions.list', { customer_id: c.id });
    expect(list.map((i) => [i.kind, i.handled_by])).toEqual([
      ['complaint', 'Olive Owner'],
      ['call', 'Olive Owner'],
    ]);
    expect(
      await owner.fail('interactions.add', { customer_id: c.id, kind: 'visit', at: '2999-01-01T00:00:00Z' }),
    ).toMatchObject({ fields: [{ path: 'at' }] });
  });
});

describe('consent as evidence', () => {
  it('keeps giving and withdrawing as two events with their wording; the current state says "no email"', async () => {
    const owner = await ownerCore();
    const wording = await owner.ok('consent.wording.get', {});
    expect(wording.version).toBe(1);
    const c = await owner.ok('customers.create', {
      family_name: 'Consenter',
      consent: { channels: ['email', 'post'], wording_version: 1 },
    });
    let history = await owner.ok('consent.history', { customer_id: c.id });
    expect(history.current.filter((s) => s.may_contact).map((s) => s.label)).toEqual(['email', 'post']);
    const v2 = await owner.ok('consent.wording.set', { text: 'Version two: we write about shows you may like.' });
    expect(v2.version).toBe(2);
    // A screen still showing version 1 cannot record against version 2.
    expect(
      await owner.fail('consent.record', {
        customer_id: c.id,
        channel: 'email',
        action: 'withdrawn',
        wording_version: 1,
      }),
    ).toMatchObject({ code: 'CONFLICT' });
    history = await owner.ok('consent.record', {
      customer_id: c.id,
      channel: 'email',
      action: 'withdrawn',
      method: 'phone',
      evidence_note: 'Rang to stop the newsletter',
    });
    const email = history.events.filter((e) => e.channel === 'email');
    expect(email.map((e) => [e.action, e.wording_version, e.method])).toEqual([
      ['withdrawn', 2, 'phone'],
      ['given', 1, 'counter'],
    ]);
    expect(email[1]?.wording).toBe(wording.text);
    expect(email[0]?.wording).toBe(v2.text);
    expect(history.current.find((s) => s.channel === 'email')).toMatchObject({ state: 'withdrawn', label: 'no email' });
    expect(history.current.find((s) => s.channel === 'post')).toMatchObject({ state: 'given', label: 'post' });
  });

  it('lets do-not-contact override every consent, and lifts it again', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { family_name: 'Quiet' });
    await owner.ok('consent.record', { customer_id: c.id, channel: 'sms', action: 'given' });
    let h = await owner.ok('consent.setDoNotContact', { customer_id: c.id, on: true, reason: 'Asked in person' });
    expect(h.do_not_contact).toMatchObject({ on: true, reason: 'Asked in person', by: 'Olive Owner' });
    expect(h.current.find((s) => s.channel === 'sms')).toMatchObject({
      state: 'given',
      may_contact: false,
      label: 'no SMS',
    });
    h = await owner.ok('consent.setDoNotContact', { customer_id: c.id, on: false });
    expect(h.current.find((s) => s.channel === 'sms')).toMatchObject({ may_contact: true, label: 'SMS' });
  });

  it('records a soft opt-in only with its three PECR conditions, for email or SMS', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { family_name: 'Soft' });
    const all3 = { sale_or_negotiation: true, similar_products: true, opt_out_offered: true };
    const base = { customer_id: c.id, action: 'given' as const, basis: 'soft_opt_in' as const };
    expect(
      await owner.fail('consent.record', {
        ...base,
        channel: 'email',
        soft_opt_in: { ...all3, opt_out_offered: false },
      }),
    ).toMatchObject({ fields: [{ path: 'soft_opt_in', message: expect.stringMatching(/three conditions/) }] });
    expect(await owner.fail('consent.record', { ...base, channel: 'post', soft_opt_in: all3 })).toMatchObject({
      fields: [{ path: 'basis' }],
    });
    const h = await owner.ok('consent.record', { ...base, channel: 'email', soft_opt_in: all3 });
    expect(h.events[0]).toMatchObject({ basis: 'soft_opt_in', soft_opt_in: all3 });
  });

  it('is append-only in the file itself', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { family_name: 'Append' });
    await owner.ok('consent.record', { customer_id: c.id, channel: 'email', action: 'given' });
    owner.core.close();
    const db = openDatabase(owner.file, PASSPHRASE);
    expect(() => db.prepare("UPDATE consent_events SET action = 'withdrawn'").run()).toThrow(/append-only/);
    db.close();
  });
});

describe('the guard on notes', () => {
  it('refuses special-category notes until a lawful basis is confirmed; the confirmation carries over edits', async () => {
    const owner = await ownerCore();
    const notes = 'Uses a wheelchair; needs the step-free entrance.';
    expect(await owner.fail('customers.create', { family_name: 'Access', notes })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'notes', message: expect.stringMatching(/health.*lawful basis/) }],
    });
    const c = await owner.ok('customers.create', {
      family_name: 'Access',
      notes,
      sensitive_ack: { lawful_basis: 'explicit_consent', note: 'Customer asked us to remember' },
    });
    const edited = await owner.ok('customers.update', {
      id: c.id,
      version: c.version,
      data: { ...c, given_name: 'Ann' },
    });
    // A new kind of hint needs a new confirmation.
    expect(
      await owner.fail('customers.update', {
        id: c.id,
        version: edited.version,
        data: { ...edited, notes: `${notes} NI number AB 12 34 56 C` },
      }),
    ).toMatchObject({ fields: [{ path: 'notes', message: expect.stringMatching(/national insurance/) }] });
    expect(await owner.fail('customers.create', { family_name: 'Later', date_of_birth: '2999-01-01' })).toMatchObject({
      fields: [{ path: 'date_of_birth' }],
    });
  });
});

describe('completeness', () => {
  it('keeps the per-field counts equal to a full recount through create, edit, archive and erasure', async () => {
    const owner = await ownerCore();
    const a = await owner.ok('customers.create', {
      given_name: 'Ada',
      family_name: 'Count',
      emails: [{ address: 'ada@example.org' }],
      addresses: [{ line1: '1 Road', town: 'York', postcode: 'YO1 7HH' }],
    });
    const b = await owner.ok('customers.create', { family_name: 'Bare', ref: 'B-1' });
    await owner.ok('customers.update', {
      id: a.id,
      version: a.version,
      data: { ...a, emails: [], date_of_birth: '1980-02-03' },
    });
    await owner.ok('customers.setArchived', { id: b.id, archived: true });
    await owner.ok('purchases.add', {
      customer_id: b.id,
      date: '2024-01-01',
      item: 'Gift',
      quantity: 1,
      amount_pence: 999,
    });
    await owner.ok('consent.record', { customer_id: b.id, channel: 'email', action: 'given' });
    await owner.ok('customers.erase', { id: b.id, reason: 'Test erasure' });
    const table = await owner.ok('quality.completeness', {});
    expect(table.records).toBe(1);
    const filled = Object.fromEntries(table.fields.map((f) => [f.field, f.filled]));
    expect(filled).toMatchObject({
      given_name: 1,
      family_name: 1,
      email: 0,
      postcode: 1,
      town: 1,
      date_of_birth: 1,
      ref: 0,
    });
    owner.core.close();
    const db = openDatabase(owner.file, PASSPHRASE);
    for (const f of COMPLETENESS_FIELDS) {
      const n = (
        db.prepare(`SELECT count(*) AS n FROM customers WHERE coalesce(${f.column}, '') <> ''`).get() as { n: number }
      ).n;
      expect(filled[f.key], f.key).toBe(n);
    }
    expect(db.prepare('SELECT count(*) AS n FROM purchases').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM consent_events').get()).toEqual({ n: 0 });
    // The sale survives as an anonymous total.
    expect(db.prepare('SELECT * FROM erased_sales').all()).toEqual([
      { month: '2024-01', category: '', item: 'Gift', purchases: 1, quantity: 1, amount_pence: 999 },
    ]);
    db.close();
  });

  it('counts the records already in a file when the migration first runs', async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', {
      given_name: 'Old',
      family_name: 'Record',
      emails: [{ address: 'o@example.org' }],
    });
    await owner.ok('customers.create', { family_name: 'Older' });
    owner.core.close();
    // Take the file back to format 4 (as an earlier Custodian left it), then open it again.
    const db = openDatabase(owner.file, PASSPHRASE);
    const made = db
      .prepare(
        "SELECT type, name FROM sqlite_master WHERE name IN ('consent_events','customer_do_not_contact','customer_sensitive_acks','purchases','interactions','field_counts','erased_sales') AND type = 'table'",
      )
      .all() as { name: string }[];
    for (const t of made) db.exec(`DROP TABLE ${t.name}`);
    for (const t of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER field_counts_${t}`);
    db.exec("DELETE FROM meta WHERE key = 'consent_wording'");
    db.pragma('user_version=4');
    db.close();
    const again = await reopenAsOwner(owner.file);
    const table = await again.ok('quality.completeness', {});
    expect(table.records).toBe(2);
    expect(table.fields.find((f) => f.field === 'email')).toMatchObject({ filled: 1, percent: 50 });
    expect((await again.ok('consent.wording.get', {})).version).toBe(1);
    again.core.close();
  });
});
