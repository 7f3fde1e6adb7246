// No lock-in: the official SQLCipher 4 (the community build bundled by @journeyapps/sqlcipher,
// compiled from source at install) opens our file and its backups with the same passphrase, and
// we open its.
// Skipped, saying so, where that module did not build.
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ownerCore, PASSPHRASE } from '../support/core';
import { tempDir, tempFile } from '../support/files';
import { needTools } from '../support/tools';

type Row = Record<string, unknown>;
type OfficialDb = {
  serialize(fn: () => void): void;
  run(sql: string, cb?: (err: Error | null) => void): void;
  all(sql: string, cb: (err: Error | null, rows: Row[]) => void): void;
  close(cb?: (err: Error | null) => void): void;
};
type Official = { Database: new (file: string) => OfficialDb };
// Loaded when a test runs: where the module did not build, the tests skip instead of the file failing.
const official = () => createRequire(import.meta.url)('@journeyapps/sqlcipher') as Official;

function officialQuery(file: string, passphrase: string, statements: string[], query: string): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const db = new (official().Database)(file);
    db.serialize(() => {
      db.run(`PRAGMA key = '${passphrase.replace(/'/g, "''")}'`);
      for (const s of statements) db.run(s);
      db.all(query, (err, rows) => {
        db.close();
        if (err) reject(err);
        else resolve(rows);
      });
    });
  });
}

describe('SQLCipher 4 compatibility', () => {
  it('the official SQLCipher 4 reads our file with the passphrase, before and after a rekey', async (ctx) => {
    needTools(ctx, 'sqlcipher');
    const owner = await ownerCore();
    await owner.ok('customers.create', {
      given_name: 'Ada',
      family_name: 'Lovelace',
      phones: [{ number: '07700 900123' }],
    });
    const [version] = await officialQuery(tempFile('probe.db'), 'x', [], 'PRAGMA cipher_version');
    expect(String(version?.cipher_version)).toMatch(/^4\./);
    const next = 'the second passphrase here';
    await owner.ok('vault.changePassphrase', { current: PASSPHRASE, next });
    owner.core.close();
    const rows = await officialQuery(
      owner.file,
      next,
      [],
      'SELECT c.family_name, p.e164 FROM customers c JOIN customer_phones p ON p.customer_id = c.id',
    );
    expect(rows).toEqual([{ family_name: 'Lovelace', e164: '+447700900123' }]);
    await expect(officialQuery(owner.file, PASSPHRASE, [], 'SELECT count(*) FROM customers')).rejects.toThrow(
      /not a database/,
    );
  });

  it('the official SQLCipher 4 reads a backup with the file passphrase', async (ctx) => {
    needTools(ctx, 'sqlcipher');
    const owner = await ownerCore();
    const folder = tempDir('custodian-backups-');
    await owner.ok('settings.update', { backup_folder: folder });
    await owner.ok('customers.create', { given_name: 'Ada', family_name: 'Lovelace' });
    expect(await owner.ok('backups.create', {})).toEqual({ started: true });
    while ((await owner.ok('backups.status', {})).running !== null) await new Promise((r) => setTimeout(r, 100));
    const [item] = (await owner.ok('backups.list', {})).items;
    if (!item) throw new Error('no backup was made');
    owner.core.close();
    const backup = path.join(folder, item.name);
    const rows = await officialQuery(backup, PASSPHRASE, [], 'SELECT given_name, family_name FROM customers');
    expect(rows).toEqual([{ given_name: 'Ada', family_name: 'Lovelace' }]);
    const [check] = await officialQuery(backup, PASSPHRASE, [], 'PRAGMA integrity_check');
    expect(check).toEqual({ integrity_check: 'ok' });
    await expect(officialQuery(backup, 'not the passphrase', [], 'SELECT count(*) FROM customers')).rejects.toThrow(
      /not a database/,
    );
  });

  it('we read a file the official SQLCipher 4 wrote', async (ctx) => {
    needTools(ctx, 'sqlcipher');
    const file = tempFile('official.db');
    await officialQuery(
      file,
      PASSPHRASE,
      ['CREATE TABLE t (name TEXT)', "INSERT INTO t VALUES ('Grace Hopper')"],
      'SELECT 1',
    );
    const db = new Database(file, { fileMustExist: true });
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE}'`);
    expect(db.prepare('SELECT name FROM t').all()).toEqual([{ name: 'Grace Hopper' }]);
    db.close();
  });
});
