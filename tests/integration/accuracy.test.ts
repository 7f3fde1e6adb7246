// Acting on accuracy through the one dispatch, on real encrypted files: merge (field choices,
// unions, requests moved, conflicts, refusals), undo restoring both records exactly, merge
// history, "verified today" and the stale worklist, and the retention review and erasure.
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import type { Input } from '../../shared/contract';
import { type Owner, ownerCore, PASSPHRASE, signedIn } from '../support/core';
import { decryptedBytes, tempFile } from '../support/files';

type Draft = Input<'customers.create'>;

const REQUEST = {
  requester_type: 'customer' as const,
  requester_name: 'The customer',
  reason: 'Asked at the counter',
  identity_check: 'Known to staff',
  lawful_basis: 'data_subject_right' as const,
};

const MARGARET: Draft = {
  given_name: 'Margaret',
  family_name: 'Smith',
  date_of_birth: '1961-04-03',
  ref: 'C-100',
  emails: [{ address: 'maggie@example.com' }],
  phones: [{ number: '07700 900111' }],
  addresses: [{ line1: '12 High Street', town: 'Leeds', postcode: 'LS1 4AB' }],
  notes: 'Prefers letters.',
};
const PEGGY: Draft = {
  given_name: 'Peggy',
  family_name: 'Smyth',
  title: 'Mrs',
  ref: 'C-200',
  emails: [{ address: 'MAGGIE@example.com' }, { address: 'peggy.smyth@example.net' }],
  phones: [{ number: '+44 7700 900111' }, { number: '0113 496 0000' }],
  addresses: [{ line1: '12 high street', town: 'LEEDS', postcode: 'ls14ab' }],
  notes: 'Likes morning visits.',
};

/** A core whose clock the test moves; each move signs in afresh (the idle lock ends the old session). */
async function clockCore(start: string): Promise<{ owner: Owner; at: (iso: string) => Promise<Owner> }> {
  let now = new Date(start);
  const file = tempFile();
  const core = createCore(file, { now: () => now });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const owner = signedIn(core, created.value.token, file);
  const at = async (iso: string) => {
    now = new Date(iso);
    const session = await core.call(null, 'session.signIn', { user_id: created.value.user.id, secret: PASSPHRASE });
    if (!session.ok) throw new Error(session.error.message);
    return signedIn(core, session.value.token, file);
  };
  return { owner, at };
}

describe('merging two records of one person', () => {
  it('keeps chosen values, unions contacts, moves requests, and undo restores both exactly', async () => {
    const owner = await ownerCore();
    const keep = await owner.ok('customers.create', MARGARET);
    const other = await owner.ok('customers.create', PEGGY);
    const request = await owner.ok('requests.create', { ...REQUEST, customer_id: other.id, kind: 'disclosure' });
    const keptBefore = await owner.ok('customers.get', { id: keep.id });
    const otherBefore = await owner.ok('customers.get', { id: other.id });

    const { merge_id, customer } = await owner.ok('duplicates.merge', {
      keep_id: keep.id,
      merge_id: other.id,
      keep_version: keep.version,
      merge_version: other.version,
      choices: { given_name: 'keep', ref: 'merge' },
    });
    // Chosen: given name and number; defaults: a value beats a blank (title), the fresher record wins
    // a disagreement (family name), notes keep both.
    expect(customer).toMatchObject({ given_name: 'Margaret', family_name: 'Smyth', title: 'Mrs', ref: 'C-200' });
    expect(customer.date_of_birth).toBe('1961-04-03');
    expect(customer.notes).toBe('Prefers letters.\n\nLikes morning visits.');
    expect(customer.emails.map((e) => e.address)).toEqual(['maggie@example.com', 'peggy.smyth@example.net']);
    expect(customer.phones.map((p) => p.e164)).toEqual(['+447700900111', '+441134960000']);
    expect(customer.addresses).toHaveLength(1);
    expect(await owner.fail('customers.get', { id: other.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await owner.ok('requests.list', {})).find((r) => r.id === request.id)?.customer_id).toBe(keep.id);
    // Only the kept record is found (Peggy is a form of Margaret); the old customer number finds nothing.
    expect((await owner.ok('search.query', { q: 'peggy' })).items.map((i) => i.id)).toEqual([keep.id]);
    expect((await owner.ok('search.query', { q: 'C-100' })).items).toEqual([]);
    expect((await owner.ok('search.query', { q: 'smyth' })).items.map((i) => i.id)).toEqual([keep.id]);
    expect((await owner.ok('duplicates.scan', {})).pairs).toEqual([]);

    // The merged-away record: a clear message, not a bare "not found".
    const again = await owner.fail('duplicates.merge', {
      keep_id: keep.id,
      merge_id: other.id,
      keep_version: customer.version,
      merge_version: other.version,
    });
    expect(again.message).toBe(`Record ${other.id} was already merged into record ${keep.id}. Open that one.`);

    const history = await owner.ok('duplicates.history', { customer_id: keep.id });
    expect(history).toEqual([
      expect.objectContaining({ id: merge_id, kept_id: keep.id, merged_id: other.id, merged_name: 'Peggy Smyth' }),
    ]);
    expect(history[0]?.blocked).toBe('');

    const undone = await owner.ok('duplicates.unmerge', { merge_id });
    expect(undone.kept).toEqual(keptBefore);
    expect(undone.restored).toEqual(otherBefore);
    expect(await owner.ok('customers.get', { id: keep.id })).toEqual(keptBefore);
    expect(await owner.ok('customers.get', { id: other.id })).toEqual(otherBefore);
    expect((await owner.ok('requests.list', {})).find((r) => r.id === request.id)?.customer_id).toBe(other.id);
    expect((await owner.ok('search.query', { q: 'peggy.smyth' })).items.map((i) => i.id)).toEqual([other.id]);
    expect((await owner.ok('search.query', { q: 'C-100' })).items.map((i) => i.id)).toEqual([keep.id]);
    expect((await owner.ok('search.query', { q: 'C-200' })).items.map((i) => i.id)).toEqual([other.id]);
    expect((await owner.ok('duplicates.history', { customer_id: other.id }))[0]?.blocked).toMatch(
      /already been undone/,
    );
    expect(await owner.fail('duplicates.unmerge', { merge_id })).toMatchObject({ code: 'CONFLICT' });

    const audit = await owner.ok('audit.list', { limit: 50 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['duplicates.merge', 'customer.mergedAway', 'duplicates.unmerge']),
    );
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);
  });

  it('a new record never takes a merged-away id, so undo still restores it under its own number', async () => {
    const owner = await ownerCore();
    const a = await owner.ok('customers.create', { given_name: 'Ann', family_name: 'Lee' });
    const b = await owner.ok('customers.create', { given_name: 'Anne', family_name: 'Lee' });
    const { merge_id } = await owner.ok('duplicates.merge', {
      keep_id: a.id,
      merge_id: b.id,
      keep_version: a.version,
      merge_version: b.version,
    });
    const c = await owner.ok('customers.create', { given_name: 'Cora', family_name: 'Nash' });
    expect(c.id).toBeGreaterThan(b.id);
    const undone = await owner.ok('duplicates.unmerge', { merge_id });
    expect(undone.restored).toEqual(b);
  });

  it('refuses itself, a missing record, stale versions, and undo after a later edit', async () => {
    const owner = await ownerCore();
    const a = await owner.ok('customers.create', { given_name: 'Ann', family_name: 'Lee' });
    const b = await owner.ok('customers.create', { given_name: 'Anne', family_name: 'Lee' });
    const self = await owner.fail('duplicates.merge', {
      keep_id: a.id,
      merge_id: a.id,
      keep_version: 1,
      merge_version: 1,
    });
    expect(self).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ message: 'A record cannot be merged with itself.' }],
    });
    expect(
      await owner.fail('duplicates.merge', { keep_id: a.id, merge_id: 9999, keep_version: 1, merge_version: 1 }),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Record 9999 does not exist (it may have been erased).' });

    // Another window edits b while this one compares.
    await owner.ok('customers.update', { id: b.id, version: b.version, data: { ...b, notes: 'Edited elsewhere' } });
    const stale = await owner.fail('duplicates.merge', {
      keep_id: a.id,
      merge_id: b.id,
      keep_version: a.version,
      merge_version: b.version,
    });
    expect(stale).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('changed while you were merging'),
    });

    const { merge_id, customer } = await owner.ok('duplicates.merge', {
      keep_id: a.id,
      merge_id: b.id,
      keep_version: a.version,
      merge_version: b.version + 1,
    });
    await owner.ok('customers.update', { id: a.id, version: customer.version, data: { ...customer, title: 'Dr' } });
    const late = await owner.fail('duplicates.unmerge', { merge_id });
    expect(late).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('changed after this merge') });

    // Erasing the kept record erases the before-image of the merged one too.
    await owner.ok('customers.erase', { id: a.id, reason: 'Asked' });
    expect(await owner.ok('duplicates.history', { customer_id: b.id })).toEqual([]);
    expect(await owner.fail('duplicates.unmerge', { merge_id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await owner.fail('duplicates.merge', { keep_id: b.id, merge_id: a.id, keep_version: 1, merge_version: 1 }),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('merging records with purchases, interactions and consent', () => {
  it('carries everything to the kept record, the most restrictive consent wins, and undo gives it all back', async () => {
    const owner = await ownerCore();
    const a = await owner.ok('customers.create', { given_name: 'Ann', family_name: 'Lee' });
    const b = await owner.ok('customers.create', { given_name: 'Anne', family_name: 'Lee' });
    await owner.ok('purchases.add', {
      customer_id: b.id,
      date: '2024-05-01',
      item: 'Ticket',
      quantity: 1,
      amount_pence: 500,
    });
    await owner.ok('interactions.add', { customer_id: b.id, kind: 'call', outcome: 'Asked about seats' });
    // A gave email consent; B (the same person) gave it and then withdrew it.
    await owner.ok('consent.record', { customer_id: b.id, channel: 'email', action: 'given' });
    await owner.ok('consent.record', { customer_id: b.id, channel: 'email', action: 'withdrawn' });
    await owner.ok('consent.record', { customer_id: a.id, channel: 'email', action: 'given' });
    await owner.ok('consent.setDoNotContact', { customer_id: b.id, on: true, reason: 'Asked by letter' });
    const before = {
      a: await owner.ok('consent.history', { customer_id: a.id }),
      b: await owner.ok('consent.history', { customer_id: b.id }),
    };

    const { merge_id } = await owner.ok('duplicates.merge', {
      keep_id: a.id,
      merge_id: b.id,
      keep_version: a.version,
      merge_version: b.version,
    });
    expect(await owner.ok('purchases.list', { customer_id: a.id })).toHaveLength(1);
    expect(await owner.ok('interactions.list', { customer_id: a.id })).toHaveLength(1);
    const merged = await owner.ok('consent.history', { customer_id: a.id });
    // Both histories are kept, plus the merge's own withdrawal; the state is the restrictive one.
    expect(merged.events).toHaveLength(4);
    expect(merged.events[0]).toMatchObject({ action: 'withdrawn', method: 'merge' });
    expect(merged.current.find((c) => c.channel === 'email')).toMatchObject({ state: 'withdrawn', may_contact: false });
    expect(merged.do_not_contact.on).toBe(true);

    await owner.ok('duplicates.unmerge', { merge_id });
    expect(await owner.ok('purchases.list', { customer_id: b.id })).toHaveLength(1);
    expect(await owner.ok('purchases.list', { customer_id: a.id })).toHaveLength(0);
    expect(await owner.ok('interactions.list', { customer_id: b.id })).toHaveLength(1);
    expect(await owner.ok('consent.history', { customer_id: a.id })).toEqual(before.a);
    expect(await owner.ok('consent.history', { customer_id: b.id })).toEqual(before.b);
    expect(await owner.ok('audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('freshness', () => {
  it('lists records not verified for N months, oldest first, and "verified today" clears them', async () => {
    const clock = await clockCore('2020-01-01T10:00:00.000Z');
    const old = await clock.owner.ok('customers.create', { family_name: 'Oldest' });
    const mid = await (await clock.at('2021-06-01T10:00:00.000Z')).ok('customers.create', { family_name: 'Middle' });
    await (await clock.at('2023-01-01T10:00:00.000Z')).ok('customers.create', { family_name: 'Recent' });
    expect(old.verified_at).toBe('2020-01-01T10:00:00.000Z');

    const owner = await clock.at('2023-12-01T10:00:00.000Z');
    const stale = await owner.ok('quality.staleList', {});
    expect(stale).toMatchObject({ total: 2, months: 24, cutoff: '2021-12-01T10:00:00.000Z' });
    expect(stale.items.map((i) => i.name)).toEqual(['Oldest', 'Middle']);

    const verified = await owner.ok('customers.verify', { id: old.id });
    expect(verified.verified_at).toBe('2023-12-01T10:00:00.000Z');
    expect(verified.version).toBe(old.version);
    expect((await owner.ok('quality.staleList', {})).items.map((i) => i.id)).toEqual([mid.id]);

    await owner.ok('settings.update', { stale_after_months: 6 });
    expect((await owner.ok('quality.staleList', { limit: 1, offset: 1 })).items.map((i) => i.name)).toEqual(['Recent']);
    expect(await owner.fail('customers.verify', { id: 9999 })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('retention', () => {
  it('reviews redundant records with reasons, erases them for real, and keeps only counts', async () => {
    const clock = await clockCore('2015-01-01T10:00:00.000Z');
    let owner = clock.owner;
    const idle = await owner.ok('customers.create', { given_name: 'Ida', family_name: 'Idle' });
    const archived = await owner.ok('customers.create', { given_name: 'Archie', family_name: 'Ved' });
    await owner.ok('customers.setArchived', { id: archived.id, archived: true });
    const busy = await owner.ok('customers.create', { given_name: 'Bea', family_name: 'Blocked' });
    await owner.ok('requests.create', { ...REQUEST, customer_id: busy.id, kind: 'subject_access' });
    owner = await clock.at('2024-01-01T10:00:00.000Z');
    const asker = await owner.ok('customers.create', { given_name: 'Eve', family_name: 'Quorndale' });
    const erasure = await owner.ok('requests.create', { ...REQUEST, customer_id: asker.id, kind: 'erasure' });
    const blockedAsker = await owner.ok('customers.create', { given_name: 'Bo', family_name: 'Both' });
    await owner.ok('requests.create', { ...REQUEST, customer_id: blockedAsker.id, kind: 'erasure' });
    const open = await owner.ok('requests.create', {
      ...REQUEST,
      customer_id: blockedAsker.id,
      kind: 'subject_access',
    });
    await owner.ok('customers.create', { given_name: 'Fresh', family_name: 'Person' });

    const review = await owner.ok('retention.review', {});
    expect(review.years).toBe(6);
    const byId = new Map(review.items.map((i) => [i.id, i]));
    expect(byId.get(asker.id)).toMatchObject({ rule: 'erasure_requested', request_id: erasure.id, blocked: '' });
    expect(byId.get(asker.id)?.reason).toMatch(/^Erasure asked for on 2024-01-01/);
    expect(byId.get(blockedAsker.id)?.blocked).toBe(
      `Open information request number ${open.id}: finish or refuse it first.`,
    );
    expect(byId.get(archived.id)).toMatchObject({ rule: 'archived', blocked: '' });
    expect(byId.get(idle.id)).toMatchObject({ rule: 'inactive', blocked: '' });
    expect(byId.get(idle.id)?.reason).toBe('No activity for more than 6 years (record created 1 Jan 2015).');
    expect(byId.has(busy.id)).toBe(false);
    expect(review.total).toBe(4);

    const result = await owner.ok('retention.erase', {
      ids: [asker.id, blockedAsker.id, archived.id, idle.id, 9999],
      reason: 'Retention review',
    });
    expect(result.erased).toEqual([
      { id: asker.id, rule: 'erasure_requested' },
      { id: archived.id, rule: 'archived' },
      { id: idle.id, rule: 'inactive' },
    ]);
    expect(result.failed).toEqual([
      { id: blockedAsker.id, message: expect.stringContaining(`open information request (number ${open.id})`) },
      { id: 9999, message: expect.stringContaining('does not exist') },
    ]);
    expect(result.totals).toEqual({ archived: 1, erasure_requested: 1, inactive: 1 });
    expect((await owner.ok('requests.list', {})).find((r) => r.id === erasure.id)).toMatchObject({
      status: 'confirmed',
      customer_id: null,
    });
    expect((await owner.ok('retention.review', {})).items.map((i) => i.id)).toEqual([blockedAsker.id]);
    expect((await owner.ok('audit.verify', {})).ok).toBe(true);

    owner.core.close();
    const bytes = decryptedBytes(owner.file, PASSPHRASE);
    expect(bytes.includes(Buffer.from('Quorndale')) || bytes.includes(Buffer.from('quorndale'))).toBe(false);
  });
});
