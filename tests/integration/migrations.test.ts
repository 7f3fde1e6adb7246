// A customer file as the foundation version (format 1) wrote it — encrypted, with customers, their
// emails, phones and addresses, search entries and an audit trail — opened by this version: every
// migration runs, and nothing is lost: each record reads back the same, is found at the counter,
// is counted by the completeness table, and the audit chain still verifies.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appendAudit, initAudit } from '../../electron/core/audit/audit';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/core/db/migrations';
import { customerTerms } from '../../electron/core/search/terms';
import { type CustomerData, CustomerInput } from '../../shared/customer';
import { PASSPHRASE, reopenAsOwner } from '../support/core';
import { tempFile } from '../support/files';

const AT = '2025-01-02T03:04:05.000Z';

const PEOPLE = [
  {
    ref: 'OLD-1',
    title: 'Dr',
    given_name: 'José',
    family_name: "O'Brien",
    preferred_name: 'Jo',
    date_of_birth: '1970-05-06',
    notes: 'Prefers the aisle.',
    emails: [{ address: 'jose@example.org', label: 'home' }],
    phones: [{ number: '07700 900123', label: 'mobile' }],
    addresses: [{ line1: '1 High Street', town: 'Leeds', postcode: 'ls1 4ab', label: 'home' }],
  },
  { given_name: 'Ann', family_name: 'Lee' },
  {
    family_name: 'Ng',
    emails: [{ address: 'ng@example.org' }, { address: 'ng.work@example.com' }],
    addresses: [{ line1: '5 Rue de Rivoli', town: 'Paris', country: 'FR' }],
  },
].map((p) => CustomerInput.parse(p));

/** Write a format-1 file the way the foundation version did: its tables, its columns only. */
function writeFoundationFile(path: string): void {
  const db = new Database(path);
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma(`key='${PASSPHRASE}'`);
  db.pragma('journal_mode=WAL');
  migrate(db, 1);
  db.transaction(() => {
    db.prepare("INSERT INTO meta (key, value) VALUES ('created_at', ?)").run(AT);
    initAudit(db);
    db.prepare("INSERT INTO users (id, name, role, created_at) VALUES (1, 'Olive Owner', 'owner', ?)").run(AT);
    appendAudit(db, 1, AT, { action: 'file.create' });
    for (const p of PEOPLE) insertAsFoundation(db, p);
  })();
  expect(schemaVersion(db)).toBe(1);
  db.close();
}

function insertAsFoundation(db: Database.Database, p: CustomerData): void {
  const terms = customerTerms(p).join(' ');
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO customers (ref, title, given_name, family_name, preferred_name, date_of_birth, notes, created_at,
         created_by, updated_at, updated_by, terms, summary_email, summary_phone, summary_postcode, summary_town)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.ref || null,
      p.title,
      p.given_name,
      p.family_name,
      p.preferred_name,
      p.date_of_birth,
      p.notes,
      AT,
      AT,
      terms,
      p.emails[0]?.address ?? '',
      p.phones[0]?.number ?? '',
      p.addresses[0]?.postcode ?? '',
      p.addresses[0]?.town ?? '',
    );
  const id = Number(lastInsertRowid);
  p.emails.forEach((e, i) => {
    db.prepare('INSERT INTO customer_emails VALUES (?, ?, ?, ?)').run(id, i, e.address, e.label);
  });
  p.phones.forEach((ph, i) => {
    db.prepare('INSERT INTO customer_phones VALUES (?, ?, ?, ?, ?)').run(id, i, ph.number, ph.e164, ph.label);
  });
  p.addresses.forEach((a, i) => {
    db.prepare(
      `INSERT INTO customer_addresses (customer_id, position, line1, line2, town, region, postcode, country, label)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, i, a.line1, a.line2, a.town, a.region, a.postcode, a.country, a.label);
  });
  db.prepare('INSERT INTO search_index (rowid, terms) VALUES (?, ?)').run(id, terms);
  appendAudit(db, 1, AT, { action: 'customer.create', entity: 'customer', entityId: id });
}

describe('a file from the foundation version', () => {
  it(`is carried forward to format ${SCHEMA_VERSION} with nothing lost`, async () => {
    const file = tempFile();
    writeFoundationFile(file);

    const owner = await reopenAsOwner(file);
    const check = await owner.ok('vault.check', {});
    expect(check).toMatchObject({ schema_version: SCHEMA_VERSION, integrity: 'ok' });
    expect(check.audit.ok).toBe(true);

    for (const [i, p] of PEOPLE.entries()) {
      const stored = await owner.ok('customers.get', { id: i + 1 });
      expect(stored).toMatchObject({
        ref: p.ref,
        title: p.title,
        given_name: p.given_name,
        family_name: p.family_name,
        preferred_name: p.preferred_name,
        date_of_birth: p.date_of_birth,
        notes: p.notes,
        archived: false,
        created_at: AT,
      });
      expect(stored.emails.map((e) => [e.address, e.label])).toEqual(p.emails.map((e) => [e.address, e.label]));
      expect(stored.phones.map((ph) => [ph.number, ph.e164])).toEqual(p.phones.map((ph) => [ph.number, ph.e164]));
      expect(stored.addresses.map((a) => [a.line1, a.town, a.postcode, a.country])).toEqual(
        p.addresses.map((a) => [a.line1, a.town, a.postcode, a.country]),
      );
    }

    // Found at the counter by name, phone fragment and postcode, as before.
    const ids = async (query: string) => (await owner.ok('search.query', { q: query })).items.map((r) => r.id);
    expect(await ids('jose obr')).toEqual([1]);
    expect(await ids('900123')).toEqual([1]);
    expect(await ids('LS14AB')).toEqual([1]);
    expect(await ids('ng.work@example.com')).toEqual([3]);

    // The counters added since count the records that were already there.
    const table = await owner.ok('quality.completeness', {});
    expect(table.records).toBe(3);
    expect(table.fields.find((f) => f.field === 'email')?.filled).toBe(2);
    expect(table.fields.find((f) => f.field === 'family_name')?.filled).toBe(3);

    // And the file works as a current one: a record can be edited and a new one added.
    const jose = await owner.ok('customers.get', { id: 1 });
    const { id: _id, version, ...rest } = jose;
    const edited = await owner.ok('customers.update', { id: 1, version, data: { ...rest, notes: 'Aisle seat.' } });
    expect(edited.notes).toBe('Aisle seat.');
    expect((await owner.ok('customers.create', { family_name: 'New' })).id).toBe(4);
    owner.core.close();
  });
});
