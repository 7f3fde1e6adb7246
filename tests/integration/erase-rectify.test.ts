// Erasing one customer from the record (with a preview that counts what goes, and the erasure
// request it carries out closed), and rectification requests carried out by an edit that records
// which fields were corrected, then closed as corrected.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ownerCore, PASSPHRASE, signedIn } from '../support/core';

const request = (customerId: number, kind: 'erasure' | 'rectification' | 'subject_access', requester = 'customer') => ({
  customer_id: customerId,
  kind,
  requester_type: requester as 'customer' | 'third_party',
  requester_name: requester === 'customer' ? 'Ada Voskuijlen' : 'Acme Solicitors',
  reason: 'Asked in person',
  identity_check: 'Passport seen',
  lawful_basis: 'data_subject_right' as const,
});

describe('erasing one customer from the record', () => {
  it('previews real counts, erases them all and closes the erasure request it carries out', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', {
      given_name: 'Ada',
      family_name: 'Voskuijlen',
      emails: [{ address: 'ada@example.org' }, { address: 'ada.v@example.net' }],
      phones: [{ number: '07700 900123' }],
      addresses: [{ line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' }],
    });
    const other = await owner.ok('customers.create', { given_name: 'Bea', family_name: 'Stays' });
    for (const [date, pence] of [
      ['2024-03-02', 1500],
      ['2024-03-20', 2500],
      ['2024-05-01', 700],
    ] as const) {
      await owner.ok('purchases.add', {
        customer_id: c.id,
        date,
        item: 'Ticket',
        category: 'Theatre',
        quantity: 1,
        amount_pence: pence,
      });
    }
    await owner.ok('interactions.add', {
      customer_id: c.id,
      kind: 'call',
      outcome: 'Booked',
      at: '2024-01-01T10:00:00Z',
    });
    await owner.ok('search.query', { q: 'voskui' });
    await owner.ok('search.query', { q: 'stays' });
    await owner.ok('customers.update', { id: c.id, version: c.version, data: { ...c, notes: 'Edited' } });
    const erasure = await owner.ok('requests.create', request(c.id, 'erasure'));

    const preview = await owner.ok('customers.erasePreview', { id: c.id });
    expect(preview).toMatchObject({
      name: 'Ada Voskuijlen',
      goes: { emails: 2, phones: 1, addresses: 1, purchases: 3, interactions: 1, searches: 1, requests: 1 },
      stays: { purchase_months: 2, amount_pence: 4700 },
      blocking: [],
      erasure_requests: [{ id: erasure.id }],
    });
    expect(preview.goes.audit_details).toBeGreaterThan(0);

    // The linked request must be this customer's erasure request.
    const otherErasure = await owner.ok('requests.create', request(other.id, 'erasure'));
    expect(
      await owner.fail('customers.erase', { id: c.id, reason: 'Asked', request_id: otherErasure.id }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('not about this customer'),
    });
    expect(await owner.fail('customers.erase', { id: c.id, reason: '  ' })).toMatchObject({ code: 'INVALID_INPUT' });

    await owner.ok('customers.erase', { id: c.id, reason: 'Customer asked', request_id: erasure.id });
    expect(await owner.fail('customers.erasePreview', { id: c.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await owner.ok('requests.list', {})).find((r) => r.id === erasure.id)).toMatchObject({
      status: 'confirmed',
      customer_id: null,
      confirmation_note: 'Record erased',
    });
    const audit = await owner.ok('audit.list', { limit: 500 });
    expect(audit.find((e) => e.action === 'customer.erase')).toMatchObject({ entity: 'tombstone', entity_id: c.id });
    owner.core.close();

    // What the preview counted is gone, and its purchases stay only as the anonymous totals it named.
    const db = new Database(owner.file, { readonly: true });
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE}'`);
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`).get(c.id) as { n: number }).n;
    for (const table of [
      'customer_emails',
      'customer_phones',
      'customer_addresses',
      'purchases',
      'interactions',
      'consent_events',
    ])
      expect(count(table), table).toBe(0);
    expect(db.prepare('SELECT sum(amount_pence) AS a, sum(purchases) AS p FROM erased_sales').get()).toEqual({
      a: 4700,
      p: 3,
    });
    const searches = db
      .prepare(
        "SELECT json_extract(p.detail, '$.q') AS q FROM audit_log a JOIN audit_payload p ON p.seq = a.seq WHERE a.action = 'search'",
      )
      .pluck()
      .all();
    expect(searches).toEqual(['stays']);
    db.close();
  });

  it("refuses while someone else's request is open, naming it, and erases once it is finished", async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { given_name: 'Cal', family_name: 'Quarrendon' });
    const erasure = await owner.ok('requests.create', request(c.id, 'erasure'));
    const thirdParty = await owner.ok('requests.create', {
      ...request(c.id, 'subject_access', 'third_party'),
      lawful_basis: 'legal_obligation',
    });
    const preview = await owner.ok('customers.erasePreview', { id: c.id });
    expect(preview.blocking).toEqual([{ id: thirdParty.id, kind: 'subject_access', requester: 'Acme Solicitors' }]);
    expect(preview.erasure_requests.map((r) => r.id)).toEqual([erasure.id]);
    expect(await owner.fail('customers.erase', { id: c.id, reason: 'Asked', request_id: erasure.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`number ${thirdParty.id}`),
    });
    expect((await owner.ok('customers.get', { id: c.id })).family_name).toBe('Quarrendon');
    // A subject-access request cannot be "carried out" by erasing, to slip past the check.
    expect(await owner.fail('customers.erase', { id: c.id, reason: 'Asked', request_id: thirdParty.id })).toMatchObject(
      {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('not an erasure request'),
      },
    );
    // A third party's request needs another manager's approval; refusing it needs one too.
    const password = 'manager password 123';
    const created = await owner.ok('staff.create', { name: 'Mo Manager', role: 'manager', password });
    const session = await owner.core.call(null, 'session.signIn', { user_id: created.id, secret: password });
    if (!session.ok) throw new Error(session.error.message);
    await signedIn(owner.core, session.value.token, owner.file).ok('requests.decide', {
      id: thirdParty.id,
      approve: false,
      note: 'No authority shown',
    });
    await owner.ok('customers.erase', { id: c.id, reason: 'Asked', request_id: erasure.id });
    expect(await owner.fail('customers.get', { id: c.id })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('rectification requests', () => {
  it('links the edit to the request, records the corrected fields by name, and closes as corrected', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', {
      given_name: 'Dora',
      family_name: 'Wrongname',
      emails: [{ address: 'dora@old.example' }],
    });
    const other = await owner.ok('customers.create', { given_name: 'Eli', family_name: 'Else' });
    const r = await owner.ok('requests.create', request(c.id, 'rectification'));
    expect(await owner.fail('requests.closeCorrected', { id: r.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Nothing has been corrected'),
    });
    // The request must be about the record edited.
    expect(
      await owner.fail('customers.update', { id: other.id, version: other.version, data: other, request_id: r.id }),
    ).toMatchObject({ code: 'INVALID_INPUT' });

    const fixed = await owner.ok('customers.update', {
      id: c.id,
      version: c.version,
      data: { ...c, family_name: 'Rightname', emails: [{ address: 'dora@new.example', label: '' }] },
      request_id: r.id,
    });
    expect(fixed.family_name).toBe('Rightname');
    const audit = await owner.ok('audit.list', { limit: 50 });
    const edit = audit.find((e) => e.action === 'customer.update' && e.entity_id === c.id);
    expect(JSON.parse(String(edit?.detail))).toEqual({ request: r.id, fields: ['family_name', 'email'] });

    const closed = await owner.ok('requests.closeCorrected', { id: r.id, note: 'Told her by phone' });
    expect(closed).toMatchObject({
      status: 'confirmed',
      confirmation_method: 'corrected',
      fields: ['family_name', 'email'],
      confirmation_note: 'Told her by phone',
    });
    const after = await owner.ok('audit.list', { limit: 50 });
    const corrected = after.find((e) => e.action === 'request.corrected');
    expect(corrected?.entity_id).toBe(c.id);
    expect(JSON.parse(String(corrected?.detail))).toEqual({ request: r.id, fields: ['family_name', 'email'] });
    expect(await owner.fail('requests.closeCorrected', { id: r.id })).toMatchObject({ code: 'CONFLICT' });
    expect(
      await owner.fail('customers.update', { id: c.id, version: fixed.version, data: fixed, request_id: r.id }),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already closed') });
    // The wrong values are not kept on the request.
    expect(JSON.stringify(await owner.ok('requests.list', {}))).not.toContain('Wrongname');
    owner.core.close();
  });
});
