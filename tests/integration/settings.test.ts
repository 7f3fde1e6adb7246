// The owner's settings through the one dispatch, on real encrypted files: bounds refused in plain
// words with nothing changed, each setting taking effect, the consent wording versioned, and the
// file passphrase changed (and refused when wrong, unchanged or easy to guess).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { type Owner, ownerCore, PASSPHRASE, signedIn } from '../support/core';
import { tempFile } from '../support/files';

const NEXT = 'amber kettle orchard swim';

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

async function unlock(file: string, passphrase: string) {
  const core = createCore(file);
  const result = await core.call(null, 'vault.unlock', { passphrase });
  core.close();
  return result;
}

describe('settings', () => {
  it('refuses values out of bounds in plain words and changes nothing', async () => {
    const owner = await ownerCore();
    const before = await owner.ok('settings.get', {});
    const cases = [
      [{ idle_lock_minutes: 0 }, 'At least one minute.'],
      [{ idle_lock_minutes: 10_000 }, 'At most 240 minutes (four hours).'],
      [{ idle_lock_minutes: 2.5 }, 'Give a whole number of minutes.'],
      [{ stale_after_months: 0 }, 'At least one month.'],
      [{ stale_after_months: 601 }, 'At most 600 months (50 years).'],
      [{ redundant_after_years: 0 }, 'At least one year.'],
      [{ redundant_after_years: 101 }, 'At most 100 years.'],
    ] as const;
    for (const [input, message] of cases) {
      // A good value alongside the bad one: the whole change is refused, not half of it.
      const error = await owner.fail('settings.update', { ...input, third_party_needs_approval: false });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.fields?.map((f) => f.message)).toEqual([message]);
    }
    expect(await owner.ok('settings.get', {})).toEqual(before);
    owner.core.close();
  });

  it('each change takes effect: third-party approval, the retention period, and they survive reopening', async () => {
    const clock = await clockCore('2020-01-01T10:00:00.000Z');
    const old = await clock.owner.ok('customers.create', { family_name: 'Oldfield' });
    const idle = await clock.owner.ok('customers.create', { family_name: 'Idleworth' });
    let owner = await clock.at('2023-06-01T10:00:00.000Z');
    const third = {
      customer_id: old.id,
      kind: 'disclosure' as const,
      requester_type: 'third_party' as const,
      requester_name: 'PC Jones',
      requester_org: 'Police',
      reason: 'An investigation',
      identity_check: 'Warrant card seen',
      lawful_basis: 'legal_obligation' as const,
    };
    expect((await owner.ok('requests.create', third)).status).toBe('awaiting_approval');
    await owner.ok('settings.update', { third_party_needs_approval: false });
    expect((await owner.ok('requests.create', third)).status).toBe('approved');

    // Six years by default: a record untouched for three and a half is kept.
    expect((await owner.ok('retention.review', {})).items).toEqual([]);
    await owner.ok('settings.update', { redundant_after_years: 3 });
    const review = await owner.ok('retention.review', {});
    expect(review.years).toBe(3);
    expect(review.items.map((i) => i.id)).toEqual([idle.id]);
    owner.core.close();

    const reopened = createCore(owner.file);
    const session = await reopened.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    if (!session.ok) throw new Error(session.error.message);
    owner = signedIn(reopened, session.value.token, owner.file);
    expect(await owner.ok('settings.get', {})).toMatchObject({
      third_party_needs_approval: false,
      redundant_after_years: 3,
    });
    reopened.close();
  });

  it('refuses an empty consent wording; a new wording is a new version and events keep theirs', async () => {
    const owner = await ownerCore();
    const first = await owner.ok('consent.wording.get', {});
    for (const text of ['', '   ']) {
      const error = await owner.fail('consent.wording.set', { text });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.fields?.[0]?.message).toMatch(/^[A-Z].*\.$/);
    }
    expect(await owner.ok('consent.wording.get', {})).toEqual(first);
    const customer = await owner.ok('customers.create', { family_name: 'Wording' });
    const event = { customer_id: customer.id, channel: 'email', action: 'given', method: 'counter' } as const;
    await owner.ok('consent.record', { ...event, wording_version: first.version });
    const text = 'We will email you about events and offers. You can stop this at any time.';
    const second = await owner.ok('consent.wording.set', { text });
    expect(second).toMatchObject({ version: first.version + 1, text, updated_by: 'Olive Owner' });
    await owner.ok('consent.record', { ...event, action: 'withdrawn', wording_version: second.version });
    const history = await owner.ok('consent.history', { customer_id: customer.id });
    expect(history.events.map((e) => [e.wording_version, e.wording]).sort()).toEqual(
      [
        [first.version, first.text],
        [second.version, text],
      ].sort(),
    );
    owner.core.close();
  });
});

describe('changing the file passphrase through the dispatch', () => {
  it('rekeys: the new passphrase opens the file, the old one no longer does', async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', { family_name: 'Rekeyed' });
    const estimate = await owner.ok('vault.rekeyEstimate', {});
    expect(estimate.bytes).toBeGreaterThanOrEqual(fs.statSync(owner.file).size);
    expect(estimate.seconds).toBeGreaterThanOrEqual(1);
    expect(await owner.ok('vault.changePassphrase', { current: PASSPHRASE, next: NEXT })).toEqual({ integrity: 'ok' });
    const audit = await owner.ok('audit.list', { limit: 5 });
    expect(audit.map((a) => a.label)).toContain('Changed the file passphrase');
    owner.core.close();

    const old = await unlock(owner.file, PASSPHRASE);
    expect(!old.ok && old.error.code).toBe('WRONG_PASSPHRASE');
    const core = createCore(owner.file);
    const opened = await core.call(null, 'vault.unlock', { passphrase: NEXT });
    if (!opened.ok) throw new Error(opened.error.message);
    const again = signedIn(core, opened.value.token, owner.file);
    expect((await again.ok('search.query', { q: 'Rekeyed' })).items).toHaveLength(1);
    core.close();
  });

  it('refuses a wrong current passphrase, the same one again, or one easy to guess, and changes nothing', async () => {
    const owner = await ownerCore();
    const wrong = await owner.fail('vault.changePassphrase', { current: 'not the passphrase', next: NEXT });
    expect(wrong).toMatchObject({ code: 'WRONG_PASSPHRASE', message: 'The current passphrase is wrong.' });
    const same = await owner.fail('vault.changePassphrase', { current: PASSPHRASE, next: PASSPHRASE });
    expect(same.code).toBe('INVALID_INPUT');
    expect(same.fields).toEqual([
      { path: 'next', message: 'The new passphrase is the same as the current one. Choose a different one.' },
    ]);
    for (const weak of ['password1234', 'aaaaaaaaaaaa', '1234567890', 'short']) {
      const error = await owner.fail('vault.changePassphrase', { current: PASSPHRASE, next: weak });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.fields?.[0]?.message).toMatch(/easy to guess|at least 10 characters/);
    }
    // A manager may not change it, even knowing it.
    const manager = await owner.ok('staff.create', {
      name: 'Mo Manager',
      role: 'manager',
      password: 'manager pass 123',
    });
    const signIn = await owner.core.call(null, 'session.signIn', { user_id: manager.id, secret: 'manager pass 123' });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const asManager = signedIn(owner.core, signIn.value.token, owner.file);
    expect((await asManager.fail('vault.changePassphrase', { current: PASSPHRASE, next: NEXT })).code).toBe(
      'FORBIDDEN',
    );
    expect((await asManager.fail('vault.rekeyEstimate', {})).code).toBe('FORBIDDEN');
    owner.core.close();

    expect((await unlock(owner.file, PASSPHRASE)).ok).toBe(true);
    const next = await unlock(owner.file, NEXT);
    expect(!next.ok && next.error.code).toBe('WRONG_PASSPHRASE');
  });
});
