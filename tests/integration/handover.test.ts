// Handing information over: an authorised request, the minimum fields, the chosen channel,
// confirmed receipt; and the subject-access pack. Files are opened with independent tools
// (GnuPG, poppler's pdftotext and pdftoppm, tesseract where installed; a test whose tool is
// missing skips and says so).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { subjectAccessDue } from '../../electron/core/requests/requests.service';
import { type Owner, ownerCore, signedIn } from '../support/core';
import { tempDir } from '../support/files';
import { hasTool, needTools } from '../support/tools';

const SECRET_NOTE = 'Prefers the aisle seat near the exit';

describe('handover', () => {
  let owner: Owner;
  let staff: Owner;
  let customerId = 0;

  beforeAll(async () => {
    owner = await ownerCore();
    const account = await owner.ok('staff.create', {
      name: 'Stella Staff',
      role: 'staff',
      password: 'staff password 123',
    });
    const s = await owner.core.call(null, 'session.signIn', { user_id: account.id, secret: 'staff password 123' });
    if (!s.ok) throw new Error(s.error.message);
    staff = signedIn(owner.core, s.value.token, owner.file);
    customerId = (
      await owner.ok('customers.create', {
        title: 'Ms',
        given_name: 'Zofia',
        family_name: 'Kowalska-Brown',
        emails: [{ address: 'zofia@example.org' }],
        phones: [{ number: '07700 900456' }],
        addresses: [{ line1: '3 Rose Row', town: 'York', postcode: 'YO1 7HH' }],
        notes: SECRET_NOTE,
      })
    ).id;
  });

  const thirdParty = () => ({
    customer_id: customerId,
    kind: 'disclosure' as const,
    requester_type: 'third_party' as const,
    requester_name: 'PC Jane Smith',
    requester_org: 'North Yorkshire Police',
    reason: 'Investigating a lost-property report',
    identity_check: 'Warrant card seen; call back to the station switchboard',
    lawful_basis: 'public_task' as const,
  });

  it('refuses a request without a lawful basis or an identity check', async () => {
    const { lawful_basis: _, ...noBasis } = thirdParty();
    const error = await staff.fail('requests.create', noBasis as never);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields?.map((f) => f.path)).toEqual(['lawful_basis']);
    expect((await staff.fail('requests.create', { ...thirdParty(), identity_check: ' ' })).fields?.[0]).toMatchObject({
      path: 'identity_check',
    });
  });

  it('a third-party request waits for a manager, who cannot be the person who recorded it', async () => {
    const request = await owner.ok('requests.create', thirdParty());
    expect(request.status).toBe('awaiting_approval');
    expect(await staff.fail('requests.supply', { id: request.id, fields: ['name'], channel: 'json' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await owner.fail('requests.decide', { id: request.id, approve: true })).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/someone else must approve/),
    });
    expect(await staff.fail('requests.decide', { id: request.id, approve: true })).toMatchObject({ code: 'FORBIDDEN' });
    const manager = await owner.ok('staff.create', {
      name: 'Max Manager',
      role: 'manager',
      password: 'manager password 1',
    });
    const m = await owner.core.call(null, 'session.signIn', { user_id: manager.id, secret: 'manager password 1' });
    if (!m.ok) throw new Error('manager sign-in');
    const approved = await signedIn(owner.core, m.value.token, owner.file).ok('requests.decide', {
      id: request.id,
      approve: true,
    });
    expect(approved).toMatchObject({ status: 'approved', decided_by: 'Max Manager' });
  });

  it('refuses a handover with no fields, and hands over only what was chosen, as a PDF', async (ctx) => {
    needTools(ctx, 'pdftotext', 'pdftoppm');
    const request = await staff.ok('requests.create', {
      ...thirdParty(),
      requester_type: 'customer',
      lawful_basis: 'data_subject_right',
    });
    expect(await staff.fail('requests.supply', { id: request.id, fields: [], channel: 'pdf' })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'fields', message: 'Choose at least one field to hand over.' }],
    });
    const delivery = await staff.ok('requests.supply', { id: request.id, fields: ['name', 'phones'], channel: 'pdf' });
    expect(delivery.request).toMatchObject({
      status: 'supplied',
      channel: 'pdf',
      fields: ['name', 'phones'],
      supplied_by: 'Stella Staff',
    });
    const dir = tempDir();
    const pdf = path.join(dir, delivery.filename);
    fs.writeFileSync(pdf, Buffer.from(delivery.content_base64, 'base64'));
    const text = execFileSync('pdftotext', [pdf, '-']).toString();
    expect(text).toContain('Ms Zofia Kowalska-Brown');
    expect(text).toContain('07700 900456');
    for (const left of [SECRET_NOTE, 'zofia@example.org', 'Rose Row']) expect(text).not.toContain(left);
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png).toBeTruthy();
    if (hasTool('tesseract')) {
      const seen = execFileSync('tesseract', [path.join(dir, png as string), '-']).toString();
      expect(seen).toMatch(/Zofia/);
      expect(seen).not.toMatch(/aisle seat/);
    } else {
      console.log('OCR check skipped: tesseract is not installed (the text layer was checked with pdftotext).');
    }
    const confirmed = await staff.ok('requests.confirm', {
      id: request.id,
      method: 'in_person',
      understood: true,
      note: 'Read it through together',
    });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmation_method: 'in_person', understood: true });
    const history = await owner.ok('requests.list', { customer_id: customerId });
    expect(history.find((r) => r.id === request.id)).toMatchObject({ status: 'confirmed', fields: ['name', 'phones'] });
    const audit = await owner.ok('audit.list', { entity_id: customerId, limit: 50 });
    expect(audit.find((e) => e.action === 'request.supply')?.detail).toContain('"fields":["name","phones"]');
  });

  it('an encrypted file opens with GnuPG and the separate passphrase only', async (ctx) => {
    needTools(ctx, 'gpg');
    const request = await staff.ok('requests.create', {
      ...thirdParty(),
      requester_type: 'colleague',
      lawful_basis: 'contract',
    });
    const delivery = await staff.ok('requests.supply', {
      id: request.id,
      fields: ['name', 'emails'],
      channel: 'encrypted',
      file_passphrase: 'a separate passphrase',
    });
    const file = path.join(tempDir(), delivery.filename);
    fs.writeFileSync(file, Buffer.from(delivery.content_base64, 'base64'));
    expect(fs.readFileSync(file, 'utf8')).not.toContain('Zofia');
    const gpg = (pass: string) =>
      spawnSync('gpg', [
        '--batch',
        '--quiet',
        '--homedir',
        tempDir(),
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        pass,
        '--decrypt',
        file,
      ]);
    const opened = gpg('a separate passphrase');
    expect(opened.status).toBe(0);
    const pack = JSON.parse(opened.stdout.toString());
    expect(pack.fields).toEqual({ name: 'Ms Zofia Kowalska-Brown', emails: 'zofia@example.org' });
    expect(gpg('the wrong passphrase').status).not.toBe(0);
  });

  it('writes CSV and vCard with only the chosen fields', async () => {
    const request = await staff.ok('requests.create', {
      ...thirdParty(),
      requester_type: 'colleague',
      lawful_basis: 'contract',
    });
    const csv = await staff.ok('requests.supply', { id: request.id, fields: ['name', 'phones'], channel: 'csv' });
    expect(Buffer.from(csv.content_base64, 'base64').toString()).toBe(
      'Name,Phone numbers\r\nMs Zofia Kowalska-Brown,07700 900456\r\n',
    );
    const vcf = await staff.ok('requests.supply', {
      id: request.id,
      fields: ['name', 'phones', 'addresses'],
      channel: 'vcard',
    });
    const card = Buffer.from(vcf.content_base64, 'base64').toString();
    expect(card).toMatch(/^BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ms Zofia Kowalska-Brown\r\n/);
    expect(card).toContain('TEL;VALUE=uri:tel:+447700900456');
    expect(card).toContain('ADR:;;3 Rose Row;York;;YO1 7HH;GB');
    expect(card).not.toContain('EMAIL');
    expect(card).not.toContain('NOTE');
  });

  it('a subject-access request is due in one calendar month and its pack holds everything', async (ctx) => {
    needTools(ctx, 'pdftotext');
    expect(subjectAccessDue('2026-01-31')).toBe('2026-02-28');
    expect(subjectAccessDue('2026-03-15')).toBe('2026-04-15');
    expect(subjectAccessDue('2026-12-20')).toBe('2027-01-20');
    const request = await staff.ok('requests.create', {
      ...thirdParty(),
      kind: 'subject_access',
      requester_type: 'customer',
      requester_name: 'Zofia Kowalska-Brown',
      requester_org: '',
      reason: 'Wants to know what we hold',
      lawful_basis: 'data_subject_right',
      received_on: '2026-11-23',
    });
    expect(request.due_at).toBe('2026-12-23');
    await staff.ok('purchases.add', {
      customer_id: customerId,
      date: '2026-10-02',
      item: 'Matinee ticket',
      quantity: 2,
      amount_pence: 3000,
    });
    await staff.ok('consent.record', { customer_id: customerId, channel: 'email', action: 'given' });
    const pack = await staff.ok('requests.accessPack', { id: request.id });
    const json = JSON.parse(pack.json);
    expect(json.profile).toMatchObject({ family_name: 'Kowalska-Brown', notes: SECRET_NOTE });
    expect(json.disclosures.length).toBeGreaterThanOrEqual(2);
    expect(json.access_log.some((a: { action: string }) => a.action === 'Added a customer')).toBe(true);
    expect(json.purchases).toMatchObject([{ item: 'Matinee ticket', quantity: 2, amount_pence: 3000 }]);
    expect(json.interactions).toEqual([]);
    expect(json.consents.events).toMatchObject([{ channel: 'email', action: 'given' }]);
    const pdf = path.join(tempDir(), 'sar.pdf');
    fs.writeFileSync(pdf, Buffer.from(pack.pdf_base64, 'base64'));
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('Information we hold about Zofia Kowalska-Brown');
    expect(text).toContain(SECRET_NOTE);
    expect(text).toContain('North Yorkshire Police');
    expect(text, text).toContain('Matinee ticket');
  });

  it('the audit chain still verifies after all of this', async () => {
    expect(await owner.ok('audit.verify', {})).toMatchObject({ ok: true });
  });
});
