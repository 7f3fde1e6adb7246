// Probable duplicates on import: a row that matches no customer number, email or phone exactly
// but is probably an existing customer ("Jonathon Smyth" for "Jonathan Smith" at the same
// postcode) is flagged in the preview with the duplicate review's reasons; by default it creates
// a record as before, and the per-row choice naming the record updates that record instead.
// Before this, the preview flagged nothing for such a row (probable did not exist).
import { describe, expect, it } from 'vitest';
import { ownerCore } from '../support/core';
import { upload } from '../support/imports';

const CSV = [
  'given_name,family_name,email,address_line1,town,postcode,date_of_birth',
  'Jonathon,Smyth,jon.smyth@newmail.example,14 Elm Road,Leeds,LS6 2AB,',
  'Priya,Patel,priya@example.com,3 Oak Lane,York,YO1 7HH,',
  'Jonathan,Smith,js@example.com,14 Elm Road,Leeds,LS6 2AB,',
].join('\n');

describe('probable duplicates in the import preview', () => {
  it('flags a misspelt existing customer with reasons, and the row choice updates that record', async () => {
    const o = await ownerCore();
    const existing = await o.ok('customers.create', {
      given_name: 'Jonathan',
      family_name: 'Smith',
      emails: [{ address: 'js@example.com' }],
      addresses: [{ line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }],
    });
    await o.ok('customers.create', {
      given_name: 'Zara',
      family_name: 'Ahmed',
      addresses: [{ line1: '1 Mill St', town: 'Hull', postcode: 'HU1 2AA' }],
    });

    const p = await o.ok('imports.preview', upload('people.csv', CSV));
    // Row 4 is the same email: an exact match, not a probable one.
    expect(p.matches).toMatchObject({ total: 1, by_email: 1, probable: 1 });
    expect(p.probable).toHaveLength(1);
    const flagged = p.probable[0];
    expect(flagged?.row).toBe(2);
    expect(flagged?.name).toBe('Jonathon Smyth');
    expect(flagged?.candidate).toMatchObject({ id: existing.id, name: 'Jonathan Smith' });
    expect(flagged?.candidate.score).toBeGreaterThan(0.5);
    expect(flagged?.candidate.reasons.join(' ')).toMatch(/postcode|address/i);
    expect(flagged?.candidate.reasons.join(' ')).toMatch(/name/i);
    expect(p.sample.find((r) => r.row === 2)?.probable?.id).toBe(existing.id);
    expect(p.sample.find((r) => r.row === 3)?.probable).toBeNull();

    // The person chooses "update empty fields" of the record the preview named for row 2.
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.preview_id,
      source: 'Spring fair',
      mapping: p.mapping,
      on_match: 'update-empty',
      row_actions: [{ row: 2, on_match: 'update-empty', customer_id: existing.id }],
    });
    let step = await o.ok('imports.step', { import_id });
    while (!step.finished) step = await o.ok('imports.step', { import_id });
    // Row 4 matches by email and adds nothing new: skipped.
    expect(step).toMatchObject({ created: 1, updated: 1, skipped: 1, matched: 2 });
    const after = await o.ok('customers.get', { id: existing.id });
    expect(after.given_name).toBe('Jonathan');
    expect(after.emails.map((e) => e.address)).toContain('jon.smyth@newmail.example');
    o.core.close();
  });

  it('creates a new record for a probable match when no row choice names the record', async () => {
    const o = await ownerCore();
    await o.ok('customers.create', {
      given_name: 'Jonathan',
      family_name: 'Smith',
      addresses: [{ line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }],
    });
    const p = await o.ok('imports.preview', upload('people.csv', CSV.split('\n').slice(0, 2).join('\n')));
    expect(p.matches.probable).toBe(1);
    const { import_id } = await o.ok('imports.start', {
      preview_id: p.preview_id,
      source: 'Spring fair',
      mapping: p.mapping,
      on_match: 'update-empty',
    });
    let step = await o.ok('imports.step', { import_id });
    while (!step.finished) step = await o.ok('imports.step', { import_id });
    expect(step).toMatchObject({ created: 1, updated: 0 });
    o.core.close();
  });
});
