// The kept consent state (migration 0021) against the consent histories themselves, on a real
// encrypted file, after every path that writes consent: the counter (given, withdrawn, a soft
// opt-in; one short of its three conditions is refused there, see migration-steps), a merge (which moves the merged record's events
// and may add withdrawals), its undo, and an erasure. Each kept row must say what the latest event
// for its customer, channel and purpose says, and the segment conditions on consent must count
// the same people as the rule worked out from the events.
import { beforeAll, describe, expect, it } from 'vitest';
import { all } from '../../electron/core/db/sql';
import { Definition } from '../../shared/segments';
import { mergeThenUndo, type Owner, ownerCore } from '../support/core';

let o: Owner;
const ids: number[] = [];

let seed = 23;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** Consent recorded at the counter, at random: given, withdrawn, or a soft opt-in for email or SMS. */
async function recordSome(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const customer_id = pick(ids);
    const channel = pick(['email', 'sms', 'post', 'phone'] as const);
    const kind = rand();
    if (kind < 0.5) await o.ok('consent.record', { customer_id, channel, action: 'given' });
    else if (kind < 0.8) await o.ok('consent.record', { customer_id, channel, action: 'withdrawn' });
    else if (channel === 'email' || channel === 'sms') {
      await o.ok('consent.record', {
        customer_id,
        channel,
        action: 'given',
        basis: 'soft_opt_in',
        soft_opt_in: { sale_or_negotiation: true, similar_products: true, opt_out_offered: true },
      });
    }
  }
}

async function expectStateTrue(when: string): Promise<void> {
  const found = await o.core.local(o.token, ['owner'], (ctx) => {
    const kept = all(ctx.db, {
      text: 'SELECT customer_id, channel, purpose, state FROM consent_state ORDER BY customer_id, channel, purpose',
      params: [],
    });
    const fromEvents = all(ctx.db, {
      text: `SELECT e.customer_id, e.channel, e.purpose,
               CASE WHEN e.action <> 'given' THEN 'withdrawn'
                 WHEN e.basis = 'consent' THEN 'given'
                 WHEN e.channel IN ('email', 'sms') AND e.soft_sale = 1 AND e.soft_similar = 1 AND e.soft_opt_out = 1
                   THEN 'given'
                 ELSE 'none' END AS state
             FROM consent_events e
             WHERE e.id = (SELECT max(x.id) FROM consent_events x
                           WHERE x.customer_id = e.customer_id AND x.channel = e.channel AND x.purpose = e.purpose)
             ORDER BY e.customer_id, e.channel, e.purpose`,
      params: [],
    });
    return { kept, fromEvents };
  });
  if (!found.ok) throw new Error(found.error.message);
  expect(found.value.kept.length, when).toBeGreaterThan(0);
  expect(found.value.kept, when).toEqual(found.value.fromEvents);
  // The segment conditions read the kept rows: they must count whom the histories name.
  for (const state of ['consented', 'withdrawn', 'never_given', 'do_not_contact'] as const) {
    const definition = Definition.parse({ version: 1, match: { all: [{ kind: 'consent', channel: 'email', state }] } });
    const counted = (await o.ok('segments.count', { definition, preview: 0 })).count;
    let longhand = 0;
    for (const id of ids) {
      const record = await o.core.call(o.token, 'customers.get', { id });
      if (!record.ok || record.value.archived) continue;
      // Longhand from the history itself: do-not-contact first, then the latest email event.
      const history = await o.ok('consent.history', { customer_id: id });
      const latest = history.events
        .filter((e) => e.channel === 'email' && e.purpose === 'marketing')
        .sort((x, y) => y.id - x.id)[0];
      const soft = latest?.soft_opt_in;
      const allowed =
        latest?.basis === 'consent' ||
        (soft?.sale_or_negotiation === true && soft.similar_products && soft.opt_out_offered);
      const reason = history.do_not_contact.on
        ? 'do_not_contact'
        : !latest
          ? 'no_consent'
          : latest.action !== 'given'
            ? 'withdrawn'
            : allowed
              ? null
              : 'no_consent';
      const want = {
        consented: null,
        withdrawn: 'withdrawn',
        never_given: 'no_consent',
        do_not_contact: 'do_not_contact',
      }[state];
      if (reason === want) longhand++;
    }
    expect(counted, `${when}: ${state}`).toBe(longhand);
  }
}

beforeAll(async () => {
  o = await ownerCore();
  for (let i = 0; i < 10; i++) {
    const c = await o.ok('customers.create', {
      given_name: `Person${i}`,
      family_name: 'Consenting',
      emails: [{ address: `person${i}@example.com` }],
    });
    ids.push(c.id);
  }
});

describe('the kept consent state agrees with the consent histories', () => {
  it('after consent given, withdrawn and soft opt-ins at the counter, and do-not-contact', async () => {
    await recordSome(80);
    await o.ok('consent.setDoNotContact', { customer_id: ids[4] as number, on: true, reason: 'Asked by letter' });
    await expectStateTrue('after the counter');
  });

  it('after a merge moves the events to the kept record, and after its undo', async () => {
    await mergeThenUndo(o, ids[0] as number, ids[1] as number, expectStateTrue);
  });

  it('after an erasure takes a history away', async () => {
    await o.ok('customers.erase', { id: ids[2] as number, reason: 'Asked to be forgotten.' });
    ids.splice(2, 1);
    await recordSome(20);
    await expectStateTrue('after the erasure and more consent');
  });
});
