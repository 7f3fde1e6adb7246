// Erasure is real: after it, the customer's name is nowhere in the decrypted file, while the
// audit chain still verifies and keeps a tombstone.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { decryptedBytes, tempFile } from '../support/files';
import { importFile } from '../support/imports';

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

describe('erasure of a record an import changed and the counter searched for', () => {
  it('leaves neither the before-image nor the searches in the decrypted file, and undo brings nothing back', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', {
      given_name: 'Zed',
      family_name: NAME,
      emails: [{ address: EMAIL }],
      phones: [{ number: '07700 900777' }],
      addresses: [{ line1: '1 High Street', town: 'Leeds', postcode: 'LS1 4AP' }],
    });
    // Typed at the counter as people do: a name prefix, the phone as said aloud, an email piece.
    for (const q of ['quenbyw', '07700 900777', 'zed.quenby', 'LS1 4AP']) {
      expect((await owner.ok('search.query', { q })).items.map((i) => i.id)).toEqual([c.id]);
    }
    // An import matches them by email and overwrites the phone: the batch keeps their before-image.
    const csv = `given_name,family_name,email,phone\nZed,${NAME},${EMAIL},07700 900888\n`;
    const batch = await importFile(owner, 'update.csv', csv, { on_match: 'overwrite' });
    expect(batch.steps.at(-1)).toMatchObject({ updated: 1, created: 0 });
    expect((await owner.ok('search.query', { q: '+44 7700 900777' })).items.map((i) => i.id)).toEqual([c.id]);
    const other = await owner.ok('search.query', { q: 'neighbour' });
    expect(other.items).toEqual([]);
    owner.core.close();

    const before = plainBytes(owner.file);
    expect(contains(before, '7700900777'), 'the control: the old phone is in the before-image').toBe(true);
    expect(contains(before, 'quenbyw"'), 'the control: the prefix search is in the audit details').toBe(true);

    const again = await reopenAsOwner(owner.file);
    await again.ok('customers.erase', { id: c.id, reason: 'Customer asked' });
    // Undoing the batch later cannot bring them back: their before-image went with them.
    expect(await again.ok('imports.undo', { import_id: batch.id })).toMatchObject({ restored: 0, removed: 0 });
    expect(await again.fail('customers.get', { id: c.id })).toMatchObject({ code: 'NOT_FOUND' });
    const audit = await again.ok('audit.list', { limit: 200 });
    const searches = audit.filter((e) => e.action === 'search');
    // The entries stay (who searched, when), only the query text goes; the chain still verifies.
    expect(searches.length).toBe(6);
    expect(searches.filter((e) => e.detail === '').length).toBe(5);
    expect(searches.some((e) => e.detail.includes('neighbour'))).toBe(true);
    expect(await again.ok('audit.verify', {})).toMatchObject({ ok: true });
    again.core.close();

    const bytes = plainBytes(owner.file);
    // Every page of the file is in these bytes, free ones included (secure_delete zeroes those).
    const plain = tempFile('plain.db');
    fs.writeFileSync(plain, bytes);
    const check = new Database(plain, { readonly: true });
    const pages = check.pragma('page_count', { simple: true }) as number;
    const size = check.pragma('page_size', { simple: true }) as number;
    check.close();
    expect(bytes.length).toBe(pages * size);
    for (const needle of [
      NAME,
      'quenbyw',
      EMAIL,
      'zed.quenby',
      '7700900777',
      '07700 900777',
      '900777',
      '900888',
      'LS1 4AP',
      'ls14ap',
    ]) {
      expect(contains(bytes, needle), `${needle} is still in the decrypted file`).toBe(false);
    }
  });
});

describe('erasure of a person merged from several records', () => {
  it('forgets every record merged into them, their merge images, and requests that name them', async () => {
    const owner = await ownerCore();
    const first = await owner.ok('customers.create', {
      given_name: 'Zedekiah',
      family_name: NAME,
      emails: [{ address: 'zq.first@example.org' }],
    });
    const second = await owner.ok('customers.create', {
      given_name: 'Zed',
      family_name: NAME,
      phones: [{ number: '07700 900555' }],
    });
    const third = await owner.ok('customers.create', { given_name: 'Z', family_name: NAME, notes: 'Third copy' });
    // first → second, then second → third: the person is now record `third` alone.
    await owner.ok('duplicates.merge', {
      keep_id: second.id,
      merge_id: first.id,
      keep_version: second.version,
      merge_version: first.version,
    });
    const kept = await owner.ok('customers.get', { id: second.id });
    await owner.ok('duplicates.merge', {
      keep_id: third.id,
      merge_id: second.id,
      keep_version: third.version,
      merge_version: kept.version,
    });
    const asked = await owner.ok('requests.create', {
      customer_id: third.id,
      kind: 'subject_access',
      requester_type: 'customer',
      requester_name: `Zedekiah ${NAME}`,
      reason: 'Wants a copy; call back on 07700 900555',
      identity_check: 'Passport seen',
      lawful_basis: 'data_subject_right',
    });
    await owner.ok('requests.supply', { id: asked.id, fields: ['name'], channel: 'json' });
    await owner.ok('requests.confirm', { id: asked.id, method: 'email', understood: true, note: 'Sent to Zedekiah' });
    owner.core.close();
    expect(contains(plainBytes(owner.file), 'zq.first@example.org'), 'the control').toBe(true);

    const again = await reopenAsOwner(owner.file);
    await again.ok('customers.erase', { id: third.id, reason: 'Customer asked' });
    const request = (await again.ok('requests.list', {})).find((r) => r.id === asked.id);
    expect(request).toMatchObject({
      customer_id: null,
      requester_name: '(the customer)',
      reason: '(erased with the customer)',
      identity_check: 'Passport seen',
      confirmation_note: '(erased with the customer)',
    });
    expect(await again.ok('audit.verify', {})).toMatchObject({ ok: true });
    again.core.close();
    const bytes = plainBytes(owner.file);
    for (const needle of [NAME, 'Zedekiah', 'zq.first@example.org', '7700900555', 'Third copy']) {
      expect(contains(bytes, needle), `${needle} is still in the decrypted file`).toBe(false);
    }
  });
});
