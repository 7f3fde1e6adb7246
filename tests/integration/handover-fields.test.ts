// A handover carries more than the eight fixed fields: purchases and bookings, consent status
// and history, organisation and role, contacts with the customer and the register's own fields,
// in words, through every channel (JSON, encrypted, PDF, CSV, screen; vCard where a vCard can
// hold it). Each only where the handling role may see it: a register field hidden from staff is
// withheld and refused (FORBIDDEN, audited, nothing handed over). Real core, real encrypted file;
// the PDF read by pdftotext, the encrypted file by GnuPG (skipped and said so when missing).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Owner, ownerCore, signedIn } from '../support/core';
import { tempDir } from '../support/files';
import { needTools } from '../support/tools';

const COMPLAINT = 'Late refund for the cancelled matinee';
const CALL = 'Asked to move her seats to the aisle';

async function account(owner: Owner, name: string, role: 'staff' | 'manager'): Promise<Owner> {
  const password = `${role} password 123`;
  const created = await owner.ok('staff.create', { name, role, password });
  const session = await owner.core.call(null, 'session.signIn', { user_id: created.id, secret: password });
  if (!session.ok) throw new Error(session.error.message);
  return signedIn(owner.core, session.value.token, owner.file);
}

describe('a handover of purchases, consent, organisation, contacts and the register’s own fields', () => {
  let owner: Owner;
  let staff: Owner;
  let manager: Owner;
  let customerId = 0;
  let complaintKey = '';
  const FIELDS = ['name', 'organisation', 'purchases', 'consent', 'contacts', 'fields.household'];

  const disclosure = () =>
    staff.ok('requests.create', {
      customer_id: customerId,
      kind: 'disclosure',
      requester_type: 'colleague',
      requester_name: 'Dev Patel',
      requester_org: 'Box office',
      reason: 'Handling her complaint',
      identity_check: 'Known colleague',
      lawful_basis: 'legitimate_interests',
    });
  const content = (d: { content_base64: string }) => Buffer.from(d.content_base64, 'base64').toString();

  beforeAll(async () => {
    owner = await ownerCore();
    staff = await account(owner, 'Stella Staff', 'staff');
    manager = await account(owner, 'Max Manager', 'manager');
    complaintKey = (
      await owner.ok('register.add', {
        label: 'Complaint history',
        kind: 'text',
        category: 'service',
        lawful_basis: 'legitimate_interests',
        purpose: 'To handle complaints fairly.',
        see_roles: ['owner', 'manager'],
      })
    ).entry.key;
    const org = await owner.ok('customers.create', { kind: 'organisation', organisation_name: 'Riverside Players' });
    customerId = (
      await owner.ok('customers.create', {
        given_name: 'Ruth',
        family_name: 'Okafor',
        organisation_id: org.id,
        job_title: 'Treasurer',
        emails: [{ address: 'ruth@example.org' }],
        fields: { household: 'couple', [complaintKey]: COMPLAINT },
      })
    ).id;
    await owner.ok('purchases.add', {
      customer_id: customerId,
      date: '2026-10-02',
      item: 'Matinee ticket',
      category: 'Theatre',
      quantity: 2,
      amount_pence: 3000,
    });
    await owner.ok('consent.record', { customer_id: customerId, channel: 'email', action: 'given' });
    await owner.ok('interactions.add', {
      customer_id: customerId,
      kind: 'call',
      summary: CALL,
      outcome: 'Moved to row C',
      at: '2026-11-20T10:00:00.000Z',
    });
  });

  it('offers staff the new fields with their labels, and withholds the field the register hides', async () => {
    const options = await staff.ok('requests.options', {});
    expect(options.fields).toEqual(expect.arrayContaining(FIELDS));
    expect(options.withheld).toEqual([`fields.${complaintKey}`]);
    expect(options.labels).toMatchObject({
      organisation: 'Organisation and role',
      purchases: 'Purchases and bookings',
      consent: 'Consent status and history',
      contacts: 'Contacts with the customer',
      'fields.household': 'Household',
      [`fields.${complaintKey}`]: 'Complaint history',
    });
    expect((await manager.ok('requests.options', {})).fields).toContain(`fields.${complaintKey}`);
  });

  it('carries them in words in the JSON pack and the on-screen channel', async () => {
    const asked = await disclosure();
    const delivery = await staff.ok('requests.supply', { id: asked.id, fields: FIELDS, channel: 'json' });
    const pack = JSON.parse(content(delivery));
    expect(pack.fields).toMatchObject({
      name: 'Ruth Okafor',
      organisation: 'Treasurer, Riverside Players',
      purchases: ['2 Oct 2026: Matinee ticket (Theatre) × 2, £30.00'],
      contacts: [`20 Nov 2026: Phone call: ${CALL} — Outcome: Moved to row C — handled by Olive Owner`],
      'fields.household': 'Couple',
    });
    expect(pack.fields.consent).toEqual(
      expect.arrayContaining([
        'Do not contact: No',
        expect.stringMatching(/^Now: email: Given \d+ \w+ \d{4} — may be contacted for marketing$/),
        expect.stringMatching(/^\d+ \w+ \d{4}: Email: consent given, at the counter, to the wording “.+”$/),
      ]),
    );
    expect(pack.labels['fields.household']).toBe('Household');
    expect(JSON.stringify(pack)).not.toContain(COMPLAINT);
    expect(delivery.request.fields).toEqual(FIELDS);

    const screen = await staff.ok('requests.supply', { id: asked.id, fields: FIELDS, channel: 'screen' });
    const purchases = screen.shown.find((f) => f.label === 'Purchases and bookings');
    expect(purchases?.items).toEqual([{ label: '2 Oct 2026', value: 'Matinee ticket (Theatre) × 2, £30.00' }]);
    expect(screen.shown.find((f) => f.label === 'Household')).toMatchObject({ value: 'Couple', items: null });
  });

  it('carries them in the PDF, one section a list, and in CSV cells', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const asked = await disclosure();
    const delivery = await staff.ok('requests.supply', { id: asked.id, fields: FIELDS, channel: 'pdf' });
    const file = path.join(tempDir(), delivery.filename);
    fs.writeFileSync(file, Buffer.from(delivery.content_base64, 'base64'));
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    for (const words of [
      'Organisation and role Treasurer, Riverside Players',
      'Household Couple',
      'Purchases and bookings 2 Oct 2026 Matinee ticket (Theatre) × 2, £30.00',
      'Consent status and history',
      'Email: consent given',
      'Contacts with the customer 20 Nov 2026 Phone call',
      CALL,
    ])
      expect(text, text).toContain(words);
    expect(text).not.toContain(COMPLAINT);

    const csv = await staff.ok('requests.supply', {
      id: asked.id,
      fields: ['name', 'organisation', 'purchases', 'fields.household'],
      channel: 'csv',
    });
    expect(content(csv)).toBe(
      'Name,Organisation and role,Purchases and bookings,Household\r\n' +
        'Ruth Okafor,"Treasurer, Riverside Players","2 Oct 2026: Matinee ticket (Theatre) × 2, £30.00",Couple\r\n',
    );
  });

  it('opens the encrypted file with GnuPG and finds them there', async (ctx) => {
    needTools(ctx, 'gpg');
    const asked = await disclosure();
    const delivery = await staff.ok('requests.supply', {
      id: asked.id,
      fields: FIELDS,
      channel: 'encrypted',
      file_passphrase: 'a separate passphrase',
    });
    const file = path.join(tempDir(), delivery.filename);
    fs.writeFileSync(file, Buffer.from(delivery.content_base64, 'base64'));
    const opened = spawnSync('gpg', [
      '--batch',
      '--quiet',
      '--homedir',
      tempDir(),
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      'a separate passphrase',
      '--decrypt',
      file,
    ]);
    expect(opened.status).toBe(0);
    const pack = JSON.parse(opened.stdout.toString());
    expect(pack.fields.organisation).toBe('Treasurer, Riverside Players');
    expect(pack.fields.contacts[0]).toContain(CALL);
  });

  it('puts the organisation and role on a vCard, and refuses a vCard of purchases in words', async () => {
    const asked = await disclosure();
    const card = content(
      await staff.ok('requests.supply', { id: asked.id, fields: ['name', 'organisation'], channel: 'vcard' }),
    );
    expect(card).toContain('ORG:Riverside Players\r\n');
    expect(card).toContain('TITLE:Treasurer\r\n');
    expect(
      await staff.fail('requests.supply', {
        id: asked.id,
        fields: ['name', 'purchases', 'fields.household'],
        channel: 'vcard',
      }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'A vCard carries contact details only, not Purchases and bookings and Household: choose PDF, CSV or JSON for them.',
    });
  });

  it('refuses staff the field the register hides from them, audited, and hands nothing over', async () => {
    const asked = await disclosure();
    const result = await owner.core.dispatch(staff.token, 'requests.supply', {
      id: asked.id,
      fields: ['name', 'purchases', `fields.${complaintKey}`],
      channel: 'json',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Your role may not see Complaint history: leave it out of the handover.',
    });
    expect(JSON.stringify(result)).not.toContain(COMPLAINT);
    const still = (await owner.ok('requests.list', { customer_id: customerId })).find((r) => r.id === asked.id);
    expect(still).toMatchObject({ status: 'approved', supplied_at: '' });
    const audit = await owner.ok('audit.list', { entity_id: customerId, limit: 100 });
    const refusal = audit.find((e) => e.action === 'refused' && e.user === 'Stella Staff');
    expect(refusal?.detail).toContain('requests.supply');
    expect(refusal?.detail).toContain(`"fields":["fields.${complaintKey}"]`);

    // A field that is not in the register at all is refused as such.
    expect(
      await staff.fail('requests.supply', {
        id: asked.id,
        fields: ['name', 'fields.cf_no_such_field'],
        channel: 'json',
      }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'A field chosen is no longer in the register: choose the fields again.',
    });

    // A manager, whom the register lets see it, hands it over.
    const delivery = await manager.ok('requests.supply', {
      id: asked.id,
      fields: ['name', `fields.${complaintKey}`],
      channel: 'json',
    });
    expect(JSON.parse(content(delivery)).fields).toEqual({
      name: 'Ruth Okafor',
      [`fields.${complaintKey}`]: COMPLAINT,
    });
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);
  });
});
