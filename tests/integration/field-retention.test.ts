// Per-field retention, on a real encrypted file with a moving clock: the retention review lists the
// values held past their field's retention, counted from when each was collected (its
// provenance), and erases just those for real — gone from the record, the search index, the undo
// images of a merge, and the file — while the rest of the record stays. Must-haves and values
// collected again are kept.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { type Owner, PASSPHRASE, signedIn } from '../support/core';
import { decryptedBytes, tempFile } from '../support/files';

const EMAIL = 'nora.quellingham@example.org';

async function clockCore(start: string): Promise<{ owner: Owner; at: (iso: string) => Promise<Owner> }> {
  let now = new Date(start);
  const file = tempFile();
  const core = createCore(file, { now: () => now });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const at = async (iso: string) => {
    now = new Date(iso);
    const session = await core.call(null, 'session.signIn', { user_id: created.value.user.id, secret: PASSPHRASE });
    if (!session.ok) throw new Error(session.error.message);
    return signedIn(core, session.value.token, file);
  };
  return { owner: signedIn(core, created.value.token, file), at };
}

describe('per-field retention', () => {
  it('lists values past their field’s retention and erases just those, for real', async () => {
    const clock = await clockCore('2015-01-01T10:00:00.000Z');
    let owner = clock.owner;
    await owner.ok('register.update', { key: 'email', retention_months: 12 });
    await owner.ok('register.add', {
      label: 'Membership level',
      kind: 'text',
      category: 'service',
      priority: 'nice_to_know',
      purpose: 'To give members their prices.',
      lawful_basis: 'contract',
      retention_months: 12,
    });
    const membership = (await owner.ok('register.list', {})).find((e) => e.label === 'Membership level')?.key ?? '';
    const nora = await owner.ok('customers.create', {
      given_name: 'Nora',
      family_name: 'Quellingham',
      emails: [{ address: EMAIL }],
      phones: [{ number: '07700 900321' }],
      addresses: [{ line1: '3 Mill Lane', town: 'Leeds', postcode: 'LS1 4AB' }],
      notes: 'Prefers the aisle seat.',
      fields: { [membership]: 'Gold' },
    });
    // A second record of Nora merged into hers: the merge keeps both before-images (for undo).
    const twin = await owner.ok('customers.create', {
      given_name: 'Nora',
      family_name: 'Quellingham',
      emails: [{ address: EMAIL }],
    });
    const kept = await owner.ok('customers.get', { id: nora.id });
    await owner.ok('duplicates.merge', {
      keep_id: nora.id,
      merge_id: twin.id,
      keep_version: kept.version,
      merge_version: twin.version,
    });
    const fresh = await owner.ok('customers.create', {
      given_name: 'Fred',
      family_name: 'Fresh',
      notes: 'Likes matinees.',
      fields: { [membership]: 'Silver' },
    });

    // Fred's notes and membership are collected again later: their period starts then.
    owner = await clock.at('2016-06-01T10:00:00.000Z');
    await owner.ok('customers.update', {
      id: fresh.id,
      version: fresh.version,
      data: {
        given_name: 'Fred',
        family_name: 'Fresh',
        notes: 'Likes evenings now.',
        fields: { [membership]: 'Gold' },
      },
    });

    owner = await clock.at('2017-03-01T10:00:00.000Z');
    expect((await owner.ok('search.query', { q: EMAIL })).items.map((i) => i.id)).toEqual([nora.id]);
    expect((await owner.ok('search.query', { q: EMAIL.toUpperCase() })).items.map((i) => i.id)).toEqual([nora.id]);
    const review = await owner.ok('retention.review', {});
    expect(review.items).toEqual([]);
    const listed = review.values.map((v) => [v.customer_id, v.field]);
    // Notes are kept 24 months, email and membership 12; the family name is a must-have; the
    // rest is kept 72 months.
    expect(listed.sort()).toEqual(
      [
        [nora.id, 'email'],
        [nora.id, 'notes'],
        [nora.id, membership],
      ].sort(),
    );
    expect(review.values_capped).toBe(false);
    const notes = review.values.find((v) => v.field === 'notes');
    expect(notes).toMatchObject({ name: 'Nora Quellingham', label: 'Notes', retention_months: 24, blocked: '' });
    expect(notes?.reason).toBe('Notes collected 1 Jan 2015, kept 24 months: due for erasure since 1 Jan 2017.');

    const result = await owner.ok('retention.eraseValues', {
      values: [
        { customer_id: nora.id, field: 'email' },
        { customer_id: nora.id, field: 'notes' },
        { customer_id: nora.id, field: membership },
        { customer_id: fresh.id, field: 'notes' },
        { customer_id: nora.id, field: 'family_name' },
      ],
      reason: 'Field retention review',
    });
    expect(result.erased).toEqual([
      { customer_id: nora.id, field: 'email' },
      { customer_id: nora.id, field: 'notes' },
      { customer_id: nora.id, field: membership },
    ]);
    expect(result.failed).toEqual([
      { customer_id: fresh.id, field: 'notes', message: expect.stringMatching(/No longer past its retention/) },
      { customer_id: nora.id, field: 'family_name', message: expect.stringMatching(/must-have/) },
    ]);

    const after = await owner.ok('customers.get', { id: nora.id });
    expect(after).toMatchObject({
      given_name: 'Nora',
      family_name: 'Quellingham',
      emails: [],
      notes: '',
      phones: [{ number: '07700 900321' }],
      addresses: [{ town: 'Leeds', postcode: 'LS1 4AB' }],
    });
    expect(after.fields?.[membership]).toBeUndefined();
    expect((await owner.ok('customers.get', { id: fresh.id })).notes).toBe('Likes evenings now.');
    // Typed in capitals: the audit keeps this query as typed, and the file must not hold the address.
    expect((await owner.ok('search.query', { q: EMAIL.toUpperCase() })).items).toEqual([]);
    expect((await owner.ok('search.query', { q: 'quellingham' })).items.map((i) => i.id)).toEqual([nora.id]);
    const again = await owner.ok('retention.review', {});
    expect(again.values).toEqual([]);
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);

    owner.core.close();
    const bytes = decryptedBytes(owner.file, PASSPHRASE);
    expect(bytes.includes(Buffer.from(EMAIL))).toBe(false);
    expect(bytes.includes(Buffer.from('Prefers the aisle seat.'))).toBe(false);
    expect(bytes.includes(Buffer.from('Quellingham'))).toBe(true);
  });
});
