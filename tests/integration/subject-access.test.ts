// Subject access in one path, in the core: a request on the legal-obligation basis (UK GDPR
// Art. 15), the complete pack, receipt confirmed for that pack. The pack tells the person what
// Article 15 says they must be told — purposes and lawful basis of each kind of data and how
// long it is kept (from the register), where it came from, who it was disclosed to, and their
// rights with the ICO's details — in words: pdftotext finds no internal code in it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Owner, ownerCore, signedIn } from '../support/core';
import { tempDir } from '../support/files';
import { needTools } from '../support/tools';

/** snake_case codes (legal_obligation, given_name) and dotted ones (consent.view, request.access_pack). */
const CODE = /\b[a-z]{2,}(?:_[a-z0-9]+)+\b|\b[a-z]{2,}\.[a-z_]{2,}(?:\.[a-z_]+)*\b/g;

function codesIn(text: string): string[] {
  // Email addresses and the ICO's website are written as they are, not codes.
  const words = text.replace(/[\w.+-]+@[\w.-]+/g, ' ').replace(/\bico\.org\.uk\b/g, ' ');
  return words.match(CODE) ?? [];
}

describe('subject access in one path', () => {
  let owner: Owner;
  let customerId = 0;
  const sar = {
    kind: 'subject_access' as const,
    requester_type: 'customer' as const,
    requester_name: 'Zofia Kowalska-Brown',
    reason: 'Wants to know what we hold',
    identity_check: 'Passport seen at the counter',
    lawful_basis: 'legal_obligation' as const,
  };

  beforeAll(async () => {
    owner = await ownerCore();
    await owner.ok('register.update', { key: 'phone', purpose: 'To ring about a performance that is cancelled.' });
    customerId = (
      await owner.ok('customers.create', {
        given_name: 'Zofia',
        family_name: 'Kowalska-Brown',
        emails: [{ address: 'zofia@example.org' }],
        phones: [{ number: '07700 900456' }],
        notes: 'Prefers the aisle seat',
        fields: { household: 'couple', preferred_language: 'Polish' },
      })
    ).id;
    await owner.ok('purchases.add', {
      customer_id: customerId,
      date: '2026-10-02',
      item: 'Matinee ticket',
      quantity: 2,
      amount_pence: 3000,
    });
    await owner.ok('consent.record', { customer_id: customerId, channel: 'email', action: 'given' });
    await owner.ok('consent.history', { customer_id: customerId });
    await owner.ok('interactions.add', { customer_id: customerId, kind: 'complaint', summary: 'Heating was off' });
    // An earlier disclosure to the police, which the pack must name.
    const police = await owner.ok('requests.create', {
      customer_id: customerId,
      kind: 'disclosure',
      requester_type: 'third_party',
      requester_name: 'PC Jane Smith',
      requester_org: 'North Yorkshire Police',
      reason: 'Investigating a lost-property report',
      identity_check: 'Warrant card seen',
      lawful_basis: 'public_task',
    });
    const manager = await owner.ok('staff.create', {
      name: 'Max Manager',
      role: 'manager',
      password: 'manager password 1',
    });
    const signed = await owner.core.call(null, 'session.signIn', { user_id: manager.id, secret: 'manager password 1' });
    if (!signed.ok) throw new Error(signed.error.message);
    await signedIn(owner.core, signed.value.token, owner.file).ok('requests.decide', { id: police.id, approve: true });
    await owner.ok('requests.supply', { id: police.id, fields: ['name', 'phones'], channel: 'pdf' });
  });

  it('refuses a subject-access request on any basis but the law requiring it', async () => {
    expect(
      await owner.fail('requests.create', { ...sar, customer_id: customerId, lawful_basis: 'consent' }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'lawful_basis', message: expect.stringContaining('legal obligation (UK GDPR Art. 15)') }],
    });
  });

  it('goes from the request to the complete pack to receipt confirmed for that pack', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const asked = await owner.ok('requests.create', { ...sar, customer_id: customerId });
    expect(asked).toMatchObject({ status: 'approved', lawful_basis: 'legal_obligation' });
    const pack = await owner.ok('requests.accessPack', { id: asked.id });
    const [supplied] = await owner.ok('requests.list', { customer_id: customerId });
    expect(supplied).toMatchObject({
      id: asked.id,
      status: 'supplied',
      channel: 'access_pack',
      supplied_by: 'Olive Owner',
    });
    expect(supplied?.fields).toEqual(
      expect.arrayContaining([
        'name',
        'emails',
        'phones',
        'notes',
        'purchases',
        'consent',
        'contacts',
        'fields.household',
      ]),
    );
    const confirmed = await owner.ok('requests.confirm', { id: asked.id, method: 'in_person', understood: true });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmation_method: 'in_person' });
    // That pack's receipt is confirmed: a new copy is a new request.
    expect(await owner.fail('requests.accessPack', { id: asked.id })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('record a new subject-access request'),
    });

    const file = path.join(tempDir(), 'pack.pdf');
    fs.writeFileSync(file, Buffer.from(pack.pdf_base64, 'base64'));
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    for (const words of [
      'Information we hold about Zofia Kowalska-Brown',
      'UK GDPR Article 15',
      // The copy itself.
      'Prefers the aisle seat',
      'Household Couple',
      'Matinee ticket',
      'Heating was off',
      // Purposes and lawful basis of each kind of data, from the register.
      'Why we hold it and on what lawful basis',
      'Phone To ring about a performance that is cancelled. Lawful basis: we need it to provide what you have bought or booked from us (a contract).',
      'Purchases and bookings To provide what you bought or booked',
      // How long it is kept, from the register.
      'How long we keep it',
      'Phone 6 years from when we collected it',
      'Your whole record Reviewed for deletion after 6 years',
      // Where it came from.
      'Where it came from',
      'At the counter',
      // Who it was disclosed to.
      'Who we have given your information to',
      'To PC Jane Smith, North Yorkshire Police; why: Investigating a lost-property report; what: Name, Phone numbers; how: printed summary / pdf; lawful basis: public task',
      // Their rights.
      'Your rights',
      '(rectification)',
      '(erasure)',
      '(restriction)',
      '(objection)',
      'Information Commissioner’s Office (ICO)',
      'Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF',
      '0303 123 1113',
      'ico.org.uk',
      // The access log in words.
      'Added a customer',
    ])
      expect(text, words).toContain(words);
    expect(codesIn(text), text).toEqual([]);

    const json = JSON.parse(pack.json);
    expect(json.request.lawful_basis).toBe('Legal obligation: the customer’s right of access (UK GDPR Art. 15)');
    expect(json.article_15.purposes.map((p: { label: string }) => p.label)).toEqual(
      expect.arrayContaining(['Family name', 'Phone', 'Household', 'Purchases and bookings']),
    );
    expect(json.article_15.disclosures[0].value).toContain('North Yorkshire Police');
    expect(json.article_15.complaints).toMatchObject({ phone: '0303 123 1113', website: 'ico.org.uk' });
    expect(json.access_log.map((a: { action: string }) => a.action)).not.toContain('consent.view');
  });

  it('the code scan finds codes where there are some', () => {
    expect(
      codesIn('Olive Owner: consent.view; basis legal_obligation; mail zofia@example.org; see ico.org.uk'),
    ).toEqual(['consent.view', 'legal_obligation']);
  });
});
