// The information-requirements register on a real encrypted file: seeded from the built-in
// fields, validated on change, enforcing must-haves in the core, keeping a retired field's values,
// listing records that miss a must-have, and exported as CSV and as a readable PDF.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv';
import { PROFILE_SEEDS } from '../../shared/custom-fields';
import { COMPLETENESS_FIELDS, type CompletenessField, FIELD_LABELS } from '../../shared/fields';
import { DEFAULT_EDIT_ROLES, DEFAULT_SEE_ROLES, REGISTER_SEEDS } from '../../shared/register';
import { ownerCore } from '../support/core';
import { tempDir } from '../support/files';
import { needTools } from '../support/tools';

describe('information-requirements register', () => {
  it('is seeded with every built-in field, with a purpose, a lawful basis and a retention', async () => {
    const owner = await ownerCore();
    // The profile fields defined in the register itself are tested in custom-fields.test.ts.
    const register = (await owner.ok('register.list', {})).filter((e) => e.kind === null);
    expect(register.map((e) => e.key)).toEqual(COMPLETENESS_FIELDS.map((f) => f.key));
    for (const e of register) {
      expect(e.purpose).not.toBe('');
      expect(e.lawful_basis).not.toBeNull();
      expect(e.retention_months).toBeGreaterThan(0);
    }
    expect(register.find((e) => e.key === 'family_name')).toMatchObject({
      priority: 'must_have',
      lawful_basis: 'contract',
    });
    expect(register.find((e) => e.key === 'date_of_birth')?.purpose).toMatch(/age-restricted/);
    // What the frozen migration wrote is what the catalogue says: a built-in field added to the
    // catalogue without the migration that registers it, or reworded in one place only, fails here.
    for (const e of register) {
      expect(e, e.key).toMatchObject({
        ...REGISTER_SEEDS[e.key as CompletenessField],
        label: FIELD_LABELS[e.key as CompletenessField],
        see_roles: DEFAULT_SEE_ROLES,
        edit_roles: DEFAULT_EDIT_ROLES,
      });
    }
    owner.core.close();
  });

  it('refuses a retention of 0 and a collected field without a lawful basis, with clear messages', async () => {
    const owner = await ownerCore();
    const zero = await owner.fail('register.update', { key: 'phone', retention_months: 0 });
    expect(zero.code).toBe('INVALID_INPUT');
    expect(zero.fields?.[0]).toMatchObject({
      path: 'retention_months',
      message: expect.stringMatching(/at least 1 month/),
    });
    const noBasis = await owner.fail('register.update', { key: 'phone', priority: 'must_have', lawful_basis: null });
    expect(noBasis.fields?.[0]).toMatchObject({ path: 'lawful_basis', message: expect.stringMatching(/lawful basis/) });
    expect(await owner.fail('register.update', { key: 'no_such_field', purpose: 'x' })).toMatchObject({
      code: 'NOT_FOUND',
    });
    // A field no longer collected may drop its basis.
    await owner.ok('register.update', { key: 'title', priority: 'not_collected', lawful_basis: null });
    const audit = await owner.ok('audit.list', { limit: 5 });
    expect(audit.some((e) => e.action === 'register.update')).toBe(true);
    owner.core.close();
  });

  it('enforces a must-have in the core on create and update, with a field error', async () => {
    const owner = await ownerCore();
    const before = await owner.ok('customers.create', { given_name: 'Ann', family_name: 'Early' });
    const changed = await owner.ok('register.update', { key: 'phone', priority: 'must_have' });
    expect(changed.message).toMatch(/must-have/);
    const refused = await owner.fail('customers.create', { given_name: 'Bob', family_name: 'Nophone' });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.fields).toEqual([{ path: 'phones', message: expect.stringMatching(/Phone is a must-have/) }]);
    const made = await owner.ok('customers.create', {
      given_name: 'Bob',
      family_name: 'Phone',
      phones: [{ number: '01632 960123' }],
    });
    expect(made.phones).toHaveLength(1);
    const edit = await owner.fail('customers.update', {
      id: before.id,
      version: before.version,
      data: { given_name: 'Ann', family_name: 'Early' },
    });
    expect(edit.fields?.[0]?.path).toBe('phones');

    // The record missing it is listed; the complete one is not.
    const missing = await owner.ok('customers.missing', { limit: 10 });
    expect(missing.must_haves).toEqual(['Family name', 'Phone']);
    expect(missing.items.map((c) => [c.family_name, c.missing])).toEqual([['Early', ['Phone']]]);
    owner.core.close();
  });

  it('keeps stored values when a field stops being collected, and says so', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', {
      given_name: 'Dot',
      family_name: 'Born',
      date_of_birth: '1970-05-04',
    });
    const result = await owner.ok('register.update', { key: 'date_of_birth', priority: 'not_collected' });
    expect(result.entry.priority).toBe('not_collected');
    expect(result.message).toMatch(/Nothing is deleted: the 1 stored value is kept/);
    expect((await owner.ok('customers.get', { id: c.id })).date_of_birth).toBe('1970-05-04');
    // An edit that still carries the value keeps it too.
    const again = await owner.ok('customers.update', {
      id: c.id,
      version: c.version,
      data: { given_name: 'Dot', family_name: 'Born', date_of_birth: '1970-05-04', notes: 'Edited' },
    });
    expect(again.date_of_birth).toBe('1970-05-04');
    owner.core.close();
  });

  it('exports the register as CSV and as a PDF whose text shows the labels', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const owner = await ownerCore();
    await owner.ok('register.update', { key: 'email', purpose: 'To send e-tickets, "as asked"' });
    const csv = await owner.ok('register.export', { format: 'csv' });
    expect(csv.mime).toBe('text/csv');
    const text = Buffer.from(csv.content_base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const rows = parseCsv(text).map((r) => r.fields);
    expect(rows[0]).toEqual([
      'Field',
      'Category',
      'Priority',
      'Purpose',
      'Lawful basis',
      'Retention (months)',
      'Who may see',
      'Who may edit',
      'Usual sources',
      'Kind of value',
      'Choices',
    ]);
    expect(rows.length).toBe(COMPLETENESS_FIELDS.length + PROFILE_SEEDS.length + 1);
    expect(rows.find((r) => r[0] === 'Email')?.slice(0, 5)).toEqual([
      'Email',
      'Contact',
      'Nice to know',
      'To send e-tickets, "as asked"',
      'Consent',
    ]);
    expect(rows.find((r) => r[0] === 'Family name')?.[2]).toBe('Must-have');

    const pdf = await owner.ok('register.export', { format: 'pdf' });
    const bytes = Buffer.from(pdf.content_base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = path.join(tempDir(), 'register.pdf');
    fs.writeFileSync(file, bytes);
    const pdfText = execFileSync('pdftotext', [file, '-']).toString();
    expect(pdfText).toContain('What we collect about customers');
    for (const f of COMPLETENESS_FIELDS) expect(pdfText).toContain(f.label);
    expect(pdfText).toContain('Legitimate interests');
    const audit = await owner.ok('audit.list', { limit: 5 });
    expect(audit.filter((e) => e.action === 'register.export')).toHaveLength(2);
    owner.core.close();
  });
});
