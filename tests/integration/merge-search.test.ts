// After a merge is undone, the counter search finds each record under its own terms again.
import { describe, expect, it } from 'vitest';
import { ownerCore } from '../support/core';

describe('search after merge and undo', () => {
  it('finds the merged-away record by its own name again, and the kept one not by the other’s', async () => {
    const owner = await ownerCore();
    const margaret = await owner.ok('customers.create', {
      given_name: 'Margaret',
      family_name: 'Smith',
      phones: [{ number: '07700 900111' }],
      emails: [{ address: 'maggie@example.com' }],
      addresses: [{ line1: '12 High Street', town: 'Leeds', postcode: 'LS1 4AB' }],
    });
    const peggy = await owner.ok('customers.create', {
      given_name: 'Peggy',
      family_name: 'Smyth',
      phones: [{ number: '07700900111' }],
      emails: [{ address: 'peggy.smyth@example.net' }],
    });
    const names = async (q: string) =>
      (await owner.ok('search.query', { q })).items.map((i) => `${i.given_name} ${i.family_name}`);
    const { merge_id } = await owner.ok('duplicates.merge', {
      keep_id: margaret.id,
      merge_id: peggy.id,
      keep_version: margaret.version,
      merge_version: peggy.version,
      choices: { given_name: 'merge', family_name: 'keep' },
    });
    expect(await names('smyth')).toEqual(['Peggy Smith']);
    await owner.ok('duplicates.unmerge', { merge_id });
    expect(await names('smyth')).toEqual(['Peggy Smyth']);
    expect(await names('margaret')).toEqual(['Margaret Smith']);
    expect(await names('peggy')).toEqual(['Peggy Smyth']);
  });
});
