// The encrypted store against real files: really encrypted, SQLCipher 4 settings, durable
// settings, migrations, passphrase change, and every kind of bad file or passphrase.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { openDatabase, storageError } from '../../electron/core/db/open';
import { ownerCore, PASSPHRASE, signedIn } from '../support/core';
import { bytesOnDisk, remountReadOnly, sha256, smallDisk, tempDir, tempFile } from '../support/files';

const PLANTED = 'Quillfeather';

function rawOpen(file: string, passphrase: string) {
  const db = new Database(file, { fileMustExist: true });
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma(`key='${passphrase.replace(/'/g, "''")}'`);
  return db;
}

describe('encryption at rest', () => {
  it('writes no SQLite header, answers the cipher pragmas, and keeps names out of the bytes', async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', {
      given_name: 'Zebedee',
      family_name: PLANTED,
      emails: [{ address: 'zebedee@quillfeather.example' }],
      notes: 'Planted note QUILLNOTE',
    });
    const check = await owner.ok('vault.check', {});
    expect(check.cipher).toMatch(/^sqlcipher \(legacy=4\), SQLite3 Multiple Ciphers \d/);
    expect(check.integrity).toBe('ok');
    // While open (WAL holds the latest pages) and after closing, nothing readable is on disk.
    for (const stage of ['open', 'closed']) {
      if (stage === 'closed') owner.core.close();
      const bytes = bytesOnDisk(owner.file);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      for (const needle of [PLANTED, PLANTED.toLowerCase(), 'QUILLNOTE', 'quillfeather.example', 'Olive Owner']) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in the ${stage} file`).toBe(false);
      }
    }
  });

  it('uses the SQLCipher 4 parameters, WAL, full sync, foreign keys and secure delete', async () => {
    const owner = await ownerCore();
    owner.core.close();
    const db = rawOpen(owner.file, PASSPHRASE);
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(Number(db.pragma('kdf_iter', { simple: true }))).toBe(256000);
    expect(db.prepare('SELECT sqlite3mc_version() AS v').get()).toMatchObject({
      v: expect.stringMatching(/Multiple Ciphers/),
    });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const open = openDatabase(owner.file, PASSPHRASE);
    expect(open.pragma('synchronous', { simple: true })).toBe(2);
    expect(open.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(open.pragma('secure_delete', { simple: true })).toBe(1);
    expect(open.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    open.close();
  });

  it('a new file and its write-ahead log are readable by their owner only', async () => {
    const previous = process.umask(0o022); // the usual umask, which leaves other new files world-readable
    try {
      const owner = await ownerCore();
      await owner.ok('customers.create', { family_name: PLANTED });
      for (const file of [owner.file, `${owner.file}-wal`]) expect(fs.statSync(file).mode & 0o777, file).toBe(0o600);
      owner.core.close();
    } finally {
      process.umask(previous);
    }
  });

  it('a wrong passphrase fails with plain words and leaves the file byte-for-byte unchanged', async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', { family_name: PLANTED });
    owner.core.close();
    const before = sha256(owner.file);
    const listing = fs.readdirSync(path.dirname(owner.file)).sort();
    const core = createCore(owner.file);
    const result = await core.call(null, 'vault.unlock', { passphrase: 'not the passphrase' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', message: 'The passphrase is wrong, or this is not a Custodian file.' },
    });
    expect(sha256(owner.file)).toBe(before);
    expect(fs.readdirSync(path.dirname(owner.file)).sort()).toEqual(listing);
    const right = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(right.ok).toBe(true);
    core.close();
  });
});

describe('bad files and passphrases', () => {
  it('refuses an empty passphrase and a short new one', async () => {
    const core = createCore(tempFile());
    const empty = await core.call(null, 'vault.unlock', { passphrase: '' });
    expect(!empty.ok && empty.error.fields?.[0]?.message).toBe('Enter the passphrase.');
    const short = await core.call(null, 'vault.create', { passphrase: 'short', owner_name: 'A' });
    expect(!short.ok && short.error.code).toBe('INVALID_INPUT');
    expect(fs.existsSync(core.path)).toBe(false);
  });

  it('says so for a missing file, an empty file, a text file and a plain SQLite file', async () => {
    const dir = tempDir();
    const cases: [string, (p: string) => void, string][] = [
      ['missing', () => {}, 'FILE_NOT_FOUND'],
      ['empty', (p) => fs.writeFileSync(p, ''), 'NOT_A_DATABASE'],
      ['text', (p) => fs.writeFileSync(p, 'name,email\nAnn,ann@example.org\n'.repeat(50)), 'WRONG_PASSPHRASE'],
      ['plain', (p) => new Database(p).exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)'), 'NOT_A_DATABASE'],
    ];
    for (const [name, make, code] of cases) {
      const file = path.join(dir, name);
      make(file);
      const before = fs.existsSync(file) ? sha256(file) : null;
      const result = await createCore(file).call(null, 'vault.unlock', { passphrase: PASSPHRASE });
      expect(result.ok ? 'ok' : result.error.code, name).toBe(code);
      if (!result.ok) expect(result.error.message).not.toMatch(/\n\s+at |Error:|SQLITE/);
      if (before) expect(sha256(file), name).toBe(before);
    }
  });

  it('a file with garbage over a page in the middle is refused as damaged, and left as it was', async () => {
    const owner = await ownerCore();
    const rows = Array.from({ length: 600 }, (_, i) => ({
      ref: `D${i}`,
      given_name: `Given${i}`,
      family_name: PLANTED,
    }));
    await owner.importRows(rows);
    owner.core.close();
    const pages = fs.statSync(owner.file).size / 4096;
    expect(pages).toBeGreaterThan(20);
    const fd = fs.openSync(owner.file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages / 2) * 4096);
    fs.closeSync(fd);
    const before = sha256(owner.file);
    const result = await createCore(owner.file).call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, error: { code: 'FILE_DAMAGED' } });
    expect(!result.ok && result.error.message).toMatch(/^This file is damaged: restore a copy\./);
    expect(sha256(owner.file)).toBe(before);
  });

  it('names each disk, permission and damage failure of the engine in plain words', () => {
    const dir = tempDir();
    const real = (make: () => void) => {
      try {
        make();
      } catch (error) {
        return error as InstanceType<typeof Database.SqliteError>;
      }
      throw new Error('expected the engine to refuse');
    };
    // Real refusals from the engine, then codes it gives where a test cannot provoke them.
    const readOnly = real(() => {
      new Database(path.join(dir, 'ro.db')).exec('CREATE TABLE t (x)');
      new Database(path.join(dir, 'ro.db'), { readonly: true }).exec('INSERT INTO t VALUES (1)');
    });
    expect(readOnly.code).toBe('SQLITE_READONLY');
    const cantOpen = real(() => new Database(dir).exec('CREATE TABLE t (x)'));
    expect(cantOpen.code).toMatch(/^SQLITE_CANTOPEN/);
    const made = (code: string, message: string) => new Database.SqliteError(message, code);
    const cases: [InstanceType<typeof Database.SqliteError>, string, RegExp][] = [
      [made('SQLITE_IOERR_SHMSIZE', 'disk I/O error'), 'DISK_FULL', /^The disk is full/],
      [made('SQLITE_FULL', 'database or disk is full'), 'DISK_FULL', /^The disk is full/],
      [readOnly, 'FILE_READ_ONLY', /^The file is read-only/],
      [made('SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database'), 'FILE_READ_ONLY', /read-only/],
      [made('SQLITE_READONLY_DIRECTORY', 'attempt to write a readonly database'), 'FILE_READ_ONLY', /read-only/],
      [cantOpen, 'FILE_READ_ONLY', /cannot open .* to write to it/],
      [made('SQLITE_IOERR_WRITE', 'disk I/O error'), 'DISK_ERROR', /drive may have been removed/],
      [made('SQLITE_IOERR_FSYNC', 'disk I/O error'), 'DISK_ERROR', /drive may have been removed/],
      [made('SQLITE_IOERR', 'disk I/O error'), 'DISK_ERROR', /drive may have been removed/],
      [
        made('SQLITE_CORRUPT', 'database disk image is malformed'),
        'FILE_DAMAGED',
        /^This file is damaged: restore a copy/,
      ],
      [made('SQLITE_BUSY_SNAPSHOT', 'database is locked'), 'FILE_IN_USE', /open in another/],
    ];
    for (const [error, code, words] of cases) {
      const translated = storageError(error, '/data/shop.custodian');
      expect(translated.code, error.code).toBe(code);
      expect(translated.message, error.code).toMatch(words);
      expect(translated.message).not.toMatch(/SQLITE|I\/O error|Something went wrong/);
    }
  });

  it('refuses to create over an existing file', async () => {
    const owner = await ownerCore();
    owner.core.close();
    const result = await createCore(owner.file).call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'B' });
    expect(!result.ok && result.error.code).toBe('ALREADY_EXISTS');
  });

  it('a second instance on the same file is refused while the first has it open', async () => {
    const owner = await ownerCore();
    await owner.ok('customers.create', { family_name: PLANTED });
    const second = await createCore(owner.file).call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(!second.ok && second.error.code).toBe('FILE_IN_USE');
    expect((await owner.ok('search.query', { q: 'quill' })).items).toHaveLength(1);
  });

  it('a file from a newer Custodian is refused with a clear message', async () => {
    const owner = await ownerCore();
    owner.core.close();
    const db = rawOpen(owner.file, PASSPHRASE);
    db.pragma(`user_version=${SCHEMA_VERSION + 1}`);
    db.close();
    const result = await createCore(owner.file).call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(!result.ok && result.error.code).toBe('FILE_TOO_NEW');
    expect(!result.ok && result.error.message).toMatch(/newer version of Custodian/);
  });

  it('a read-only file system gives a clear message', async (ctx) => {
    const disk = smallDisk(4096);
    if (!disk) {
      console.log('SKIPPED read-only test: this machine does not let the test mount a tmpfs (needs root).');
      return ctx.skip();
    }
    const file = path.join(disk, 'c.custodian');
    const owner = await ownerCore(file);
    owner.core.close();
    remountReadOnly(disk);
    const result = await createCore(file).call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(!result.ok && result.error.code).toBe('FILE_READ_ONLY');
  });

  it('a full disk refuses the write, keeps what was there, and says so', async (ctx) => {
    // Room for a new file (its write-ahead log holds every migration until the first checkpoint,
    // about 950 KB at format 23), the ballast below, and a little more.
    const disk = smallDisk(1536);
    if (!disk) {
      console.log('SKIPPED disk-full test: this machine does not let the test mount a tmpfs (needs root).');
      return ctx.skip();
    }
    const owner = await ownerCore(path.join(disk, 'c.custodian'));
    const kept = await owner.ok('customers.create', { family_name: PLANTED });
    // Something else on the same disk, which the person can delete to make room.
    fs.writeFileSync(path.join(disk, 'ballast'), Buffer.alloc(128 * 1024));
    let error: { code: string; message: string } | undefined;
    for (let i = 0; i < 2000 && !error; i++) {
      const result = await owner.core.call(owner.token, 'customers.create', {
        family_name: `Filler${i}`,
        notes: 'x'.repeat(15_000),
      });
      if (!result.ok) error = result.error;
    }
    expect(error?.code).toBe('DISK_FULL');
    expect(error?.message).toMatch(/disk is full/);
    // Reads are audited too, so they may also need space; once there is room, all is there.
    fs.rmSync(path.join(disk, 'ballast'));
    expect((await owner.ok('customers.get', { id: kept.id })).family_name).toBe(PLANTED);
    expect((await owner.ok('vault.check', {})).integrity).toBe('ok');
  });
});

describe('a full disk when opening', () => {
  it('opens a file on a disk with no room left and says the disk is full, not that something went wrong', async (ctx) => {
    const disk = smallDisk(2048);
    if (!disk) {
      console.log('SKIPPED full-disk-on-open test: this machine does not let the test mount a tmpfs (needs root).');
      return ctx.skip('no tmpfs');
    }
    const owner = await ownerCore(path.join(disk, 'c.custodian'));
    const kept = await owner.ok('customers.create', { family_name: PLANTED });
    owner.core.close();
    // Fill every last block, as another program might.
    const fd = fs.openSync(path.join(disk, 'ballast'), 'w');
    try {
      for (let block = Buffer.alloc(64 * 1024); ; ) {
        try {
          fs.writeSync(fd, block);
        } catch {
          if (block.length === 512) break;
          block = block.subarray(0, block.length / 2);
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    const core = createCore(owner.file);
    const result = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    // Signing in is audited, so it needs a little room: refused, in plain words.
    expect(result).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(!result.ok && result.error.message).toMatch(/^The disk is full\./);
    expect(fs.existsSync(`${owner.file}-shm`)).toBe(false);
    // Once there is room, the same window signs in and all is there.
    fs.rmSync(path.join(disk, 'ballast'));
    const unlocked = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const again = signedIn(core, unlocked.value.token, owner.file);
    expect((await again.ok('customers.get', { id: kept.id })).family_name).toBe(PLANTED);
    core.close();
  });
});

describe('passphrase change', () => {
  it('rekeys a file of 10,000 customers: integrity ok, new passphrase opens it, old does not', async () => {
    const owner = await ownerCore();
    for (let batch = 0; batch < 2; batch++) {
      const rows = Array.from({ length: 5000 }, (_, i) => {
        const n = batch * 5000 + i;
        return {
          ref: `C${n}`,
          given_name: `Given${n}`,
          family_name: `Family${n % 700}`,
          postcode: 'M1 1AE',
          town: 'Manchester',
        };
      });
      const result = await owner.importRows(rows);
      expect(result).toEqual({ created: 5000, errors: [] });
    }
    const next = 'a different passphrase entirely';
    expect(await owner.fail('vault.changePassphrase', { current: 'wrong current one', next })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(await owner.ok('vault.changePassphrase', { current: PASSPHRASE, next })).toEqual({ integrity: 'ok' });
    expect((await owner.ok('search.query', { q: 'given9999' })).items).toHaveLength(1);
    owner.core.close();

    const old = await createCore(owner.file).call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(!old.ok && old.error.code).toBe('WRONG_PASSPHRASE');
    const core = createCore(owner.file);
    const unlocked = await core.call(null, 'vault.unlock', { passphrase: next });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const again = signedIn(core, unlocked.value.token, owner.file);
    expect(await again.ok('vault.check', {})).toMatchObject({ integrity: 'ok', customers: 10_000 });
    expect((await again.ok('search.query', { q: 'family699' })).items.length).toBeGreaterThan(0);
    core.close();
    const db = rawOpen(owner.file, next);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
