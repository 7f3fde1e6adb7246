// The sources register counts a record as complete by the register's must-haves, on a real
// encrypted file: a record missing a must-have is not complete, whatever else it holds, and the
// cost per complete record follows when the register changes.
import { describe, expect, it } from 'vitest';
import { ownerCore } from '../support/core';

describe('cost per complete record', () => {
  it('follows the register’s must-haves', async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', {
      given_name: 'Ann',
      family_name: 'Able',
      emails: [{ address: 'ann@example.org' }],
    });
    await owner.ok('customers.create', { family_name: 'Bee', phones: [{ number: '07700 900123' }] });
    // Only the family name is a must-have at first: a record with nothing else is complete.
    await owner.ok('customers.create', { family_name: 'Cee' });
    await owner.ok('sources.setCost', { source: 'counter', cost_pence: 3000 });
    const counter = async () => (await owner.ok('sources.list', {})).find((s) => s.source === 'counter');
    expect(await counter()).toMatchObject({ records: 3, complete: 3, cost_per_complete_pence: 1000 });

    // The phone becomes a must-have: only the record with a phone stays complete.
    await owner.ok('register.update', { key: 'phone', priority: 'must_have' });
    expect(await counter()).toMatchObject({
      records: 3,
      complete: 1,
      completeness: 1 / 3,
      cost_per_complete_pence: 3000,
    });

    // A must-have defined in the register itself counts the same way.
    await owner.ok('register.add', {
      label: 'Membership level',
      kind: 'text',
      category: 'service',
      priority: 'must_have',
      purpose: 'To give members their prices.',
      lawful_basis: 'contract',
    });
    expect(await counter()).toMatchObject({ complete: 0, cost_per_complete_pence: null });
  });
});
