// Merging a group of three records of one person in one step, on a real encrypted file: each
// field takes the chosen member's value, the contacts are joined, one merge is recorded, and one
// undo brings all three back as they were. A member edited after the group was shown refuses the
// whole merge with a clear message and nothing changed.
import { describe, expect, it } from 'vitest';
import { ownerCore } from '../support/core';

async function threeRecords() {
  const o = await ownerCore();
  const a = await o.ok('customers.create', {
    given_name: 'Jonathan',
    family_name: 'Smith',
    emails: [{ address: 'jon@example.com' }],
    addresses: [{ line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }],
  });
  const b = await o.ok('customers.create', {
    given_name: 'Jon',
    family_name: 'Smith',
    date_of_birth: '1970-05-04',
    phones: [{ number: '07700 900123' }],
    addresses: [{ line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }],
  });
  const c = await o.ok('customers.create', {
    given_name: 'Jonathon',
    family_name: 'Smyth',
    notes: 'Prefers letters.',
    emails: [{ address: 'j.smyth@work.example' }],
    addresses: [{ line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }],
  });
  return { o, a, b, c };
}

describe('merging a group of three records', () => {
  it('merges in one step with per-field choices, and one undo restores all three', async () => {
    const { o, a, b, c } = await threeRecords();
    const merged = await o.ok('duplicates.mergeGroup', {
      keep_id: a.id,
      members: [a, b, c].map((r) => ({ id: r.id, version: r.version })),
      choices: { given_name: a.id, date_of_birth: b.id, notes: c.id },
    });
    expect(merged.merged).toBe(2);
    expect(merged.customer).toMatchObject({
      id: a.id,
      given_name: 'Jonathan',
      date_of_birth: '1970-05-04',
      notes: 'Prefers letters.',
    });
    expect(merged.customer.emails.map((e) => e.address).sort()).toEqual(['j.smyth@work.example', 'jon@example.com']);
    expect(merged.customer.phones).toHaveLength(1);
    expect((await o.fail('customers.get', { id: b.id })).code).toBe('NOT_FOUND');
    expect((await o.fail('customers.get', { id: c.id })).code).toBe('NOT_FOUND');

    const history = await o.ok('duplicates.history', { customer_id: a.id });
    expect(history).toHaveLength(2);
    expect(new Set(history.map((h) => h.group_id))).toEqual(new Set([merged.merge_id]));
    expect(history.every((h) => h.blocked === '')).toBe(true);
    const audit = await o.ok('audit.list', {} as never);
    expect(JSON.stringify(audit)).toContain('duplicates.mergeGroup');

    const undone = await o.ok('duplicates.unmerge', { merge_id: merged.merge_id });
    expect(undone.restored_ids.sort()).toEqual([b.id, c.id].sort());
    for (const before of [a, b, c]) {
      const now = await o.ok('customers.get', { id: before.id });
      expect(now).toMatchObject({
        given_name: before.given_name,
        family_name: before.family_name,
        date_of_birth: before.date_of_birth,
        notes: before.notes,
      });
      expect(now.emails.map((e) => e.address)).toEqual(before.emails.map((e) => e.address));
    }
    const after = await o.ok('duplicates.history', { customer_id: a.id });
    expect(after.every((h) => h.undone_at !== '')).toBe(true);
    expect((await o.fail('duplicates.unmerge', { merge_id: merged.merge_id })).message).toMatch(/already been undone/);
    o.core.close();
  });

  it('refuses a group merge when a member was edited since the group was shown, changing nothing', async () => {
    const { o, a, b, c } = await threeRecords();
    // Someone else edits record c after the review showed the group.
    await o.ok('customers.update', {
      id: c.id,
      version: c.version,
      data: {
        given_name: 'Jonathon',
        family_name: 'Smyth',
        notes: 'Moved to York.',
        emails: [{ address: 'j.smyth@work.example' }],
        addresses: [{ line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }],
      },
    } as never);
    const error = await o.fail('duplicates.mergeGroup', {
      keep_id: a.id,
      members: [a, b, c].map((r) => ({ id: r.id, version: r.version })),
      choices: {},
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/changed by someone since this group was shown, so nothing was merged/);
    for (const r of [a, b]) expect((await o.ok('customers.get', { id: r.id })).version).toBe(r.version);
    expect((await o.ok('customers.get', { id: c.id })).notes).toBe('Moved to York.');
    expect(await o.ok('duplicates.history', { customer_id: a.id })).toEqual([]);
    o.core.close();
  });

  it('refuses a choice from outside the group and a survivor outside it', async () => {
    const { o, a, b, c } = await threeRecords();
    const members = [a, b].map((r) => ({ id: r.id, version: r.version }));
    const outside = await o.fail('duplicates.mergeGroup', { keep_id: c.id, members, choices: {} });
    expect(outside.fields?.[0]?.message).toMatch(/must be one of the group/);
    expect(
      (await o.fail('duplicates.mergeGroup', { keep_id: a.id, members, choices: { notes: c.id } })).message,
    ).toMatch(/outside this group/);
    o.core.close();
  });
});
