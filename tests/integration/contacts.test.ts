// Contacts with the customer (visits, calls, emails, letters, complaints) against a real encrypted
// file: logged with a summary and outcome and audited, guarded like notes when the words hint at
// special-category data, in the subject-access pack (JSON and PDF), carried by a merge and given
// back by its undo, gone with an erasure; and a file from before contacts had summaries migrates.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/core/db/migrations';
import { type Owner, ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { decryptedBytes, tempDir } from '../support/files';

const has = (tool: string) => spawnSync('which', [tool]).status === 0;
const LETTER = 'Wrote about the Quillfeather matinee refund';
const COMPLAINT = 'Draughty seat in row Zebedee';

async function customerWithContacts(owner: Owner, family_name: string) {
  const c = await owner.ok('customers.create', { given_name: 'Mabel', family_name });
  await owner.ok('interactions.add', {
    customer_id: c.id,
    kind: 'letter',
    at: '2026-03-04T09:15:00Z',
    summary: LETTER,
    outcome: 'Refund agreed',
  });
  await owner.ok('interactions.add', { customer_id: c.id, kind: 'complaint', summary: COMPLAINT, outcome: '' });
  return c;
}

describe('contacts with the customer', () => {
  it('logs every kind with a summary and outcome, lists newest first with who logged it, and audits each', async () => {
    const owner = await ownerCore();
    const c = await customerWithContacts(owner, 'Logger');
    const other = await owner.ok('interactions.add', { customer_id: c.id, kind: 'other', at: '2025-01-01T12:00:00Z' });
    expect(other).toMatchObject({ kind: 'other', summary: '', outcome: '', logged_by: 'Olive Owner' });
    const list = await owner.ok('interactions.list', { customer_id: c.id });
    expect(list.map((i) => [i.kind, i.summary, i.outcome, i.logged_by])).toEqual([
      ['complaint', COMPLAINT, '', 'Olive Owner'],
      ['letter', LETTER, 'Refund agreed', 'Olive Owner'],
      ['other', '', '', 'Olive Owner'],
    ]);
    const audit = await owner.ok('audit.list', { entity_id: c.id, limit: 50 });
    const adds = audit.filter((a) => a.action === 'interaction.add');
    expect(adds.map((a) => JSON.parse(a.detail).kind)).toEqual(['other', 'complaint', 'letter']);
    // The audit keeps what happened, not what was said.
    expect(adds.some((a) => a.detail.includes('Zebedee'))).toBe(false);
    expect(
      await owner.fail('interactions.add', { customer_id: c.id, kind: 'fax' as never, summary: 'x' }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ path: 'kind', message: 'Choose what kind of contact it was.' }],
    });
    expect(
      await owner.fail('interactions.add', {
        customer_id: c.id,
        kind: 'call',
        summary: 'Paid with 4111 1111 1111 1111',
      }),
    ).toMatchObject({ fields: [{ path: 'summary', message: expect.stringMatching(/payment card/) }] });
    expect(await owner.ok('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('asks for a lawful basis when the summary hints at health, and keeps the confirmation on the record', async () => {
    const owner = await ownerCore();
    const c = await owner.ok('customers.create', { given_name: 'Hal', family_name: 'Guarded' });
    const refused = await owner.fail('interactions.add', {
      customer_id: c.id,
      kind: 'complaint',
      summary: 'Could not reach the seat in a wheelchair',
      outcome: 'Moved to the hospital car park entrance',
    });
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [
        { path: 'summary', message: expect.stringContaining('health ("wheelchair")') },
        { path: 'outcome', message: expect.stringContaining('health ("hospital")') },
      ],
    });
    expect(await owner.ok('interactions.list', { customer_id: c.id })).toEqual([]);
    await owner.ok('interactions.add', {
      customer_id: c.id,
      kind: 'complaint',
      summary: 'Could not reach the seat in a wheelchair',
      sensitive_ack: { lawful_basis: 'explicit_consent', note: 'Asked us to remember' },
    });
    // Confirmed once for the record: the next contact, and the notes, need no new confirmation.
    await owner.ok('interactions.add', { customer_id: c.id, kind: 'call', summary: 'Wheelchair space booked' });
    const fresh = await owner.ok('customers.get', { id: c.id });
    await owner.ok('customers.update', {
      id: c.id,
      version: fresh.version,
      data: { ...fresh, notes: 'Uses a wheelchair' },
    });
    const audit = await owner.ok('audit.list', { entity_id: c.id, limit: 50 });
    const confirmed = audit.filter((a) => a.action === 'interaction.add').map((a) => JSON.parse(a.detail).sensitive);
    expect(confirmed).toEqual([undefined, { kinds: ['health'], lawful_basis: 'explicit_consent' }]);
  });

  it('are in the subject-access pack, in the JSON and in words in the PDF', async () => {
    const owner = await ownerCore();
    const c = await customerWithContacts(owner, 'Packer');
    const request = await owner.ok('requests.create', {
      customer_id: c.id,
      kind: 'subject_access',
      requester_type: 'customer',
      requester_name: 'Mabel Packer',
      reason: 'Wants to know what we hold',
      identity_check: 'Knew her booking number',
      lawful_basis: 'data_subject_right',
    });
    const pack = await owner.ok('requests.accessPack', { id: request.id });
    const json = JSON.parse(pack.json);
    expect(json.interactions).toMatchObject([
      { kind: 'complaint', summary: COMPLAINT, outcome: '', handled_by: 'Olive Owner' },
      { kind: 'letter', summary: LETTER, outcome: 'Refund agreed', at: '2026-03-04T09:15:00.000Z' },
    ]);
    if (!has('pdftotext')) return console.warn('pdftotext (poppler-utils) is not installed: the PDF is not read');
    const pdf = path.join(tempDir(), 'sar.pdf');
    fs.writeFileSync(pdf, Buffer.from(pack.pdf_base64, 'base64'));
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('Contacts with us');
    expect(text).toContain(`Letter: ${LETTER} — Outcome: Refund agreed`);
    expect(text).toContain(`Complaint: ${COMPLAINT}`);
  });

  it('move to the kept record in a merge and go back with its undo', async () => {
    const owner = await ownerCore();
    const kept = await owner.ok('customers.create', { given_name: 'Mabel', family_name: 'Merged' });
    await owner.ok('interactions.add', { customer_id: kept.id, kind: 'visit', summary: 'Kept visit' });
    const away = await customerWithContacts(owner, 'Merged');
    const before = {
      kept: await owner.ok('interactions.list', { customer_id: kept.id }),
      away: await owner.ok('interactions.list', { customer_id: away.id }),
    };
    const { merge_id } = await owner.ok('duplicates.merge', {
      keep_id: kept.id,
      merge_id: away.id,
      keep_version: kept.version,
      merge_version: away.version,
    });
    const merged = await owner.ok('interactions.list', { customer_id: kept.id });
    expect(merged.map((i) => i.summary).sort()).toEqual([COMPLAINT, 'Kept visit', LETTER].sort());
    expect(merged.every((i) => i.customer_id === kept.id)).toBe(true);

    await owner.ok('duplicates.unmerge', { merge_id });
    expect(await owner.ok('interactions.list', { customer_id: kept.id })).toEqual(before.kept);
    expect(await owner.ok('interactions.list', { customer_id: away.id })).toEqual(before.away);
  });

  it('go with the customer when the record is erased, and nowhere in the file after', async () => {
    const owner = await ownerCore();
    const c = await customerWithContacts(owner, 'Erased');
    const neighbour = await owner.ok('customers.create', { given_name: 'Nell', family_name: 'Neighbour' });
    await owner.ok('interactions.add', { customer_id: neighbour.id, kind: 'call', summary: 'Neighbour call' });
    owner.core.close();
    const control = decryptedBytes(owner.file, PASSPHRASE);
    expect(control.includes(Buffer.from('Zebedee')), 'the control: the summary is in the file before').toBe(true);

    const again = await reopenAsOwner(owner.file);
    await again.ok('customers.erase', { id: c.id, reason: 'Customer asked' });
    expect(await again.fail('interactions.list', { customer_id: c.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await again.ok('interactions.list', { customer_id: neighbour.id })).map((i) => i.summary)).toEqual([
      'Neighbour call',
    ]);
    again.core.close();
    const bytes = decryptedBytes(owner.file, PASSPHRASE);
    expect(bytes.includes(Buffer.from('Zebedee'))).toBe(false);
    expect(bytes.includes(Buffer.from('Quillfeather'))).toBe(false);
  });
});

describe('migration 0012', () => {
  it('keeps every contact of a version-11 file, with its id, and then takes letters and summaries', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.custodian');
    const owner = await ownerCore(file);
    const c = await owner.ok('customers.create', { family_name: 'Older' });
    owner.core.close();
    // Take the file back to format 11 as that version wrote contacts: no summary, four kinds.
    const db = new Database(file);
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE}'`);
    db.exec(`
      DROP TABLE interactions;
      CREATE TABLE interactions (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('visit','call','email','complaint')),
        outcome TEXT NOT NULL DEFAULT '',
        handled_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX interactions_customer ON interactions(customer_id, at);
      -- A trigger another migration may have put on the table must outlive the rebuild.
      CREATE TABLE trigger_seen (id INTEGER);
      CREATE TRIGGER interactions_seen AFTER INSERT ON interactions BEGIN INSERT INTO trigger_seen VALUES (NEW.id); END;
    `);
    db.prepare(
      `INSERT INTO interactions (id, customer_id, at, kind, outcome, handled_by, created_at, created_by)
       VALUES (7, ?, '2024-02-03T10:00:00.000Z', 'call', 'Booked two', 1, '2024-02-03T10:00:00.000Z', 1)`,
    ).run(c.id);
    db.pragma('user_version=11');
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id, kind, summary, outcome FROM interactions').all()).toEqual([
      { id: 7, kind: 'call', summary: '', outcome: 'Booked two' },
    ]);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM interactions WHERE customer_id = 1 ORDER BY at DESC')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('interactions_customer');
    db.close();

    const reopened = await reopenAsOwner(file);
    const letter = await reopened.ok('interactions.add', {
      customer_id: c.id,
      kind: 'letter',
      summary: 'A letter now',
    });
    expect((await reopened.ok('interactions.list', { customer_id: c.id })).map((i) => i.kind)).toEqual([
      'letter',
      'call',
    ]);
    reopened.core.close();
    const check = new Database(file);
    check.pragma("cipher='sqlcipher'");
    check.pragma('legacy=4');
    check.pragma(`key='${PASSPHRASE}'`);
    // Fired for the row written before the migration and, still there, for the one after.
    expect(check.prepare('SELECT id FROM trigger_seen ORDER BY rowid').pluck().all()).toEqual([7, letter.id]);
    check.close();
  });
});
