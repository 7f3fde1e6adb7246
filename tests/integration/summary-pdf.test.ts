// A customer summary saved as PDF, read back by poppler's pdftotext from a real file: the owner's
// copy holds what the record holds (contact, address, organisation and role, the register's own
// fields, consent per channel and do-not-contact, purchases with the buying summary, contacts,
// completeness) with en-GB dates and a footer naming who printed it and when. A role the
// register hides the notes, the date of birth and a field of its own from gets a copy without
// them that says fields were left out, the same whether they hold a value or not. Each print is
// audited as its own action. Real core, real encrypted file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { type Owner, PASSPHRASE, signedIn } from '../support/core';
import { tempDir, tempFile } from '../support/files';
import { needTools } from '../support/tools';

const NOTE = 'Prefers the aisle seat; husband Quentin collects the tickets';
const BORN = '1961-04-09';
const MEDICAL = 'Zephyrine box by the door';
const NOW = new Date('2026-12-06T10:30:00Z');

async function account(owner: Owner, name: string, role: 'staff' | 'readonly'): Promise<Owner> {
  const password = `${role} password 123`;
  const created = await owner.ok('staff.create', { name, role, password });
  const session = await owner.core.call(null, 'session.signIn', { user_id: created.id, secret: password });
  if (!session.ok) throw new Error(session.error.message);
  return signedIn(owner.core, session.value.token, owner.file);
}

/** The PDF written to a real file and read by pdftotext, white space folded. */
function pdfText(base64: string): string {
  const file = path.join(tempDir(), 'summary.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
}

describe('a customer summary as PDF', () => {
  let owner: Owner;
  let staff: Owner;
  let customerId = 0;
  let emptyId = 0;

  beforeAll(async () => {
    const core = createCore(tempFile(), { now: () => NOW });
    const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
    if (!created.ok) throw new Error(created.error.message);
    owner = signedIn(core, created.value.token, core.path);
    staff = await account(owner, 'Stella Staff', 'staff');
    const field = await owner.ok('register.add', {
      label: 'Seating wish',
      kind: 'text',
      category: 'service',
      lawful_basis: 'consent',
      purpose: 'To seat the customer where they like.',
    });
    for (const key of ['notes', 'date_of_birth', field.entry.key]) {
      await owner.ok('register.update', { key, see_roles: ['owner', 'manager'] });
    }
    const org = await owner.ok('customers.create', { kind: 'organisation', organisation_name: 'Riverside Players' });
    const c = await owner.ok('customers.create', {
      title: 'Mrs',
      given_name: 'Ruth',
      family_name: 'Okafor',
      emails: [{ address: 'ruth.okafor@example.org' }],
      phones: [{ number: '07700 900781' }],
      addresses: [{ line1: '12 Quay Street', town: 'Bristol', postcode: 'BS1 4DJ' }],
      date_of_birth: BORN,
      notes: NOTE,
      organisation_id: org.id,
      job_title: 'Treasurer',
      fields: { [field.entry.key]: MEDICAL },
    });
    customerId = c.id;
    await owner.ok('consent.record', { customer_id: c.id, channel: 'email', action: 'given' });
    await owner.ok('purchases.add', {
      customer_id: c.id,
      date: '2026-03-14',
      item: 'Hamlet, stalls',
      category: 'Theatre',
      quantity: 2,
      amount_pence: 4850,
    });
    await owner.ok('interactions.add', {
      customer_id: c.id,
      kind: 'call',
      at: '2026-11-02T09:15:00Z',
      summary: 'Asked about the Christmas matinee',
      outcome: 'Booking sent',
    });
    // The same hidden fields, empty: the staff copy must read the same.
    emptyId = (await owner.ok('customers.create', { given_name: 'Ezra', family_name: 'Blank' })).id;
  });

  it('holds what the owner sees, with en-GB dates and who printed it, and is audited', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const out = await owner.ok('customers.summaryPdf', { id: customerId });
    expect(out.left_out).toEqual([]);
    expect(out.filename).toBe(`customer-${customerId}-summary.pdf`);
    const text = pdfText(out.pdf_base64);
    for (const expected of [
      'Mrs Ruth Okafor',
      'ruth.okafor@example.org',
      '07700 900781',
      '12 Quay Street, Bristol, BS1 4DJ',
      'Treasurer, Riverside Players',
      NOTE,
      '9 Apr 1961',
      `Seating wish ${MEDICAL}`,
      'Do not contact No',
      'Email Given 6 Dec 2026 — may be contacted',
      'Post Not given — not to be contacted',
      '14 Mar 2026 Hamlet, stalls (Theatre) × 2, £48.50',
      '1 purchase, £48.50 in all',
      '2 Nov 2026 Phone call: Asked about the Christmas matinee — Outcome: Booking sent — handled by Olive Owner',
      'Must-haves 1 of 1 recorded',
      'Printed by Olive Owner on 6 Dec 2026',
      'confidential: personal data',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Left out');
    const audit = await owner.ok('audit.list', { entity_id: customerId, limit: 50 });
    const printed = audit.filter((a) => a.action === 'customer.print');
    expect(printed).toHaveLength(1);
    expect(printed[0]?.user).toBe('Olive Owner');
  });

  it('leaves out for staff what the register hides, says so, and never says whether it held anything', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const out = await staff.ok('customers.summaryPdf', { id: customerId });
    expect(out.left_out).toEqual(['Date of birth', 'Notes', 'Seating wish']);
    const text = pdfText(out.pdf_base64);
    expect(text).toContain('Ruth Okafor');
    expect(text).toContain('ruth.okafor@example.org');
    expect(text).toContain('Printed by Stella Staff on 6 Dec 2026');
    expect(text).toContain(
      'Date of birth, Notes, Seating wish. A staff account may not see these fields, so this summary does not show them or say whether they hold anything.',
    );
    for (const secret of [NOTE, 'Quentin', BORN, '9 Apr 1961', '1961', MEDICAL, 'Zephyrine']) {
      expect(text).not.toContain(secret);
    }
    // A record with those fields empty: the same words, so the copy reveals nothing about them.
    const empty = pdfText((await staff.ok('customers.summaryPdf', { id: emptyId })).pdf_base64);
    expect(empty).toContain('Date of birth, Notes, Seating wish. A staff account may not see these fields');
    // Audited with the keys left out, never a value.
    const audit = await owner.ok('audit.list', { entity_id: customerId, limit: 50 });
    const printed = audit.find((a) => a.action === 'customer.print' && a.user === 'Stella Staff');
    expect(printed).toBeTruthy();
    expect(JSON.parse(printed?.detail ?? '{}').left_out).toEqual(expect.arrayContaining(['notes', 'date_of_birth']));
    expect(printed?.detail).not.toContain('Quentin');
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);
  });

  it('is refused to a volunteer, and says so for a record that does not exist', async () => {
    const vol = await owner.ok('staff.create', { name: 'Val Volunteer', role: 'volunteer', pin: '2580' });
    const session = await owner.core.call(null, 'session.signIn', { user_id: vol.id, secret: '2580' });
    if (!session.ok) throw new Error(session.error.message);
    const v = signedIn(owner.core, session.value.token, owner.file);
    expect(await v.fail('customers.summaryPdf', { id: customerId })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await owner.fail('customers.summaryPdf', { id: 999_999 })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
