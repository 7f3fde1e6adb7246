// Fields of the register (the organisation's custom fields and the seeded profile fields) in an
// import, on a real encrypted file: a column is suggested for a field by its label, values are
// checked against the field's definition like the form's, stored with the records created,
// filled or overwritten on matched records as chosen, and undo puts every value back.
import { describe, expect, it } from 'vitest';
import { type Owner, ownerCore } from '../support/core';
import { importFile } from '../support/imports';

async function withFields(): Promise<{ owner: Owner; level: string; gift: string; interests: string }> {
  const owner = await ownerCore();
  const level = await owner.ok('register.add', {
    label: 'Membership level',
    kind: 'single_choice',
    category: 'buying_pattern',
    purpose: 'To offer the right priority booking.',
    lawful_basis: 'contract',
    retention_months: 24,
    choices: ['Bronze', 'Silver', 'Gold'],
  });
  const gift = await owner.ok('register.add', {
    label: 'Gift Aid',
    kind: 'yes_no',
    category: 'service',
    purpose: 'To claim Gift Aid on donations.',
    lawful_basis: 'legal_obligation',
    retention_months: 72,
  });
  const interests = (await owner.ok('register.list', {})).find((f) => f.label === 'Interests');
  if (!interests?.choices[1]) throw new Error('the seeded Interests field with at least two choices');
  return { owner, level: level.entry.key, gift: gift.entry.key, interests: interests.key };
}

describe('importing fields of the register', () => {
  it('suggests, checks, stores, fills or overwrites, and undoes register values', async () => {
    const { owner, level, gift, interests } = await withFields();
    const [music, theatre] = (await owner.ok('register.list', {})).find((f) => f.key === interests)?.choices ?? [];
    const existing = await owner.ok('customers.create', {
      given_name: 'Ann',
      family_name: 'Archer',
      emails: [{ address: 'ann@example.org' }],
      fields: { [level]: 'Bronze' },
    });
    const csv = [
      'First name,Surname,Email,Membership level,Gift aid,Interests',
      `Ann,Archer,ann@example.org,gold,yes,${music}`,
      `Ben,Bell,ben@example.org,Silver,no,${music}; ${theatre}`,
      'Cat,Cole,cat@example.org,Platinum,yes,',
      'Dan,Dale,dan@example.org,,maybe,',
    ].join('\n');

    const preview = await owner.ok('imports.preview', {
      filename: 'members.csv',
      content_base64: Buffer.from(csv).toString('base64'),
    });
    expect(preview.mapping.slice(3)).toEqual([`field:${level}`, `field:${gift}`, `field:${interests}`]);
    expect(preview.sample.find((r) => r.given_name === 'Ben')?.fields).toEqual([
      { label: 'Membership level', value: 'Silver' },
      { label: 'Gift Aid', value: 'No' },
      { label: 'Interests', value: `${music}, ${theatre}` },
    ]);
    const byRow = new Map(preview.errors.map((e) => [e.row, e]));
    expect(byRow.get(4)).toMatchObject({ column: 'Membership level' });
    expect(byRow.get(4)?.message).toMatch(/Platinum/);
    expect(byRow.get(5)).toMatchObject({ column: 'Gift aid', message: 'Gift Aid is yes or no.' });

    // Update empty fields only: Ann keeps Bronze but gains Gift Aid and her interest.
    const run = await importFile(owner, 'members.csv', csv, { on_match: 'update-empty' });
    expect(run.steps.at(-1)).toMatchObject({ created: 1, updated: 1, rejected: 2 });
    expect((await owner.ok('customers.get', { id: existing.id })).fields).toEqual({
      [level]: 'Bronze',
      [gift]: true,
      [interests]: [music],
    });
    const ben = (await owner.ok('search.query', { q: 'ben bell' })).items[0];
    expect((await owner.ok('customers.get', { id: ben?.id as number })).fields).toEqual({
      [level]: 'Silver',
      [gift]: false,
      [interests]: [music, theatre],
    });
    const table = await owner.ok('quality.completeness', {});
    expect(table.fields.find((f) => f.field === level)?.filled).toBe(2);

    // Undo: Ben is gone with his values, Ann's values are as they were before the import.
    await owner.ok('imports.undo', { import_id: run.id });
    expect((await owner.ok('customers.get', { id: existing.id })).fields).toEqual({ [level]: 'Bronze' });
    expect((await owner.ok('quality.completeness', {})).fields.find((f) => f.field === level)?.filled).toBe(1);

    // Overwrite: the file's value replaces the stored one.
    await importFile(owner, 'members.csv', csv, { on_match: 'overwrite' });
    expect((await owner.ok('customers.get', { id: existing.id })).fields?.[level]).toBe('Gold');
  });

  it('refuses a mapping to a field that is not in the register', async () => {
    const { owner } = await withFields();
    const error = await owner.fail('imports.preview', {
      filename: 'x.csv',
      content_base64: Buffer.from('family_name,Mystery\nLee,1\n').toString('base64'),
      mapping: ['family_name', 'field:cf_nothing_here'],
    });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/not a field the register collects/);
  });
});
