// Erasure is real: after it, the customer's name is nowhere in the decrypted file, while the
// audit chain still verifies and keeps a tombstone.
import { describe, expect, it } from 'vitest';
import { ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { decryptedBytes } from '../support/files';

const NAME = 'Quenbyworth';
const EMAIL = 'zed.quenbyworth@example.net';

/** Every byte of a decrypted copy of the file, checked to really be plain SQLite. */
function plainBytes(file: string): Buffer {
  const bytes = decryptedBytes(file, PASSPHRASE);
  expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  return bytes;
}

const contains = (bytes: Buffer, text: string) =>
  bytes.includes(Buffer.from(text)) || bytes.includes(Buffer.from(text.toLowerCase()));

describe('erasure', () => {
  it('refuses while another request is open, then leaves nothing of the customer in the file', async () => {
    const owner = await ownerCore();
    const keep = await owner.ok('customers.create', { given_name: 'Kept', family_name: 'Neighbour' });
    const c = await owner.ok('customers.create', {
      given_name: 'Zed',
      family_name: NAME,
      emails: [{ address: EMAIL }],
      phones: [{ number: '07700 900777' }],
      notes: 'Erase me entirely',
    });
    await owner.ok('search.query', { q: 'quenby' });
    await owner.ok('customers.update', { id: c.id, version: c.version, data: { ...c, notes: 'Edited once' } });
    const base = {
      customer_id: c.id,
      requester_type: 'customer' as const,
      requester_name: `Zed ${NAME}`,
      reason: 'Wants everything deleted',
      identity_check: 'Passport seen',
      lawful_basis: 'data_subject_right' as const,
    };
    const disclosure = await owner.ok('requests.create', { ...base, kind: 'subject_access' });
    const erasure = await owner.ok('requests.create', { ...base, kind: 'erasure' });
    const refused = await owner.fail('customers.erase', { id: c.id, reason: 'Customer asked', request_id: erasure.id });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`number ${disclosure.id}`) });
    await owner.ok('requests.supply', { id: disclosure.id, fields: ['name'], channel: 'json' });
    await owner.ok('requests.confirm', { id: disclosure.id, method: 'email', understood: true });

    owner.core.close();
    expect(contains(plainBytes(owner.file), NAME), 'the control: the name is there before erasure').toBe(true);
    const again = await reopenAsOwner(owner.file);
    await again.ok('customers.erase', { id: c.id, reason: 'Customer asked', request_id: erasure.id });
    expect(await again.fail('customers.get', { id: c.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await again.ok('search.query', { q: 'quenby' })).items).toEqual([]);
    expect((await again.ok('search.query', { q: 'neighbour' })).items.map((i) => i.id)).toEqual([keep.id]);
    const requests = await again.ok('requests.list', {});
    expect(requests.find((r) => r.id === erasure.id)).toMatchObject({
      customer_id: null,
      status: 'confirmed',
      requester_name: '(the customer)',
    });
    const audit = await again.ok('audit.list', { limit: 200 });
    expect(audit.find((e) => e.action === 'customer.erase')).toMatchObject({ entity: 'tombstone', entity_id: c.id });
    expect(await again.ok('audit.verify', {})).toMatchObject({ ok: true });
    again.core.close();

    const bytes = plainBytes(owner.file);
    for (const needle of [NAME, EMAIL, 'Erase me entirely', 'Edited once', '447700900777']) {
      expect(contains(bytes, needle), `${needle} is still in the decrypted file`).toBe(false);
    }
    expect(contains(bytes, 'Neighbour')).toBe(true);
  });
});
