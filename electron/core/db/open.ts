// The encrypted store: one SQLite file in the SQLCipher 4 format (better-sqlite3-multiple-ciphers
// with cipher=sqlcipher, legacy=4), so the official SQLCipher 4 opens it with the same passphrase.
import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../../../shared/contract/result';
import { registerFunctions } from './functions';
import { migrate } from './migrations';
import { all, sql } from './sql';

export type DB = Database.Database;

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function applyKey(db: DB, passphrase: string, salt: string | null = null): void {
  db.pragma(`cipher=${quote('sqlcipher')}`);
  db.pragma('legacy=4');
  if (salt) db.pragma(`cipher_salt=${quote(salt)}`);
  db.pragma(`key=${quote(passphrase)}`);
}

const JOURNAL_MAGIC = Buffer.from('d9d505f920a163d7', 'hex');
const SALT_BYTES = 16;

/**
 * The key salt of page 1 as a hot rollback journal holds it, when that differs from the file's.
 *
 * Why: a passphrase change (PRAGMA rekey) gives the file a NEW random salt (its first 16 bytes)
 * and rewrites every page in one transaction, page 1 first, with the old pages in the -journal.
 * Killed after page 1 reached the disk but before the commit finished, the file starts with the
 * new salt while most pages and the journal are under the old key. The key is derived from the
 * salt in the file before SQLite looks at the journal, so the old passphrase gives a wrong key
 * and the new one cannot read the journal: the file opened under neither. Deriving the key from
 * the journal's salt lets SQLite roll the journal back, and the file is as before the change.
 */
function hotJournalSalt(path: string): string | null {
  const journal = `${path}-journal`;
  if (!fs.existsSync(journal)) return null;
  const fd = fs.openSync(journal, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(28);
    if (fs.readSync(fd, header, 0, 28, 0) < 28 || !header.subarray(0, 8).equals(JOURNAL_MAGIC)) return null;
    const sector = header.readUInt32BE(20);
    const pageSize = header.readUInt32BE(24);
    if (sector < 28 || pageSize < 512) return null;
    // Records: page number (4 bytes), the page, a checksum (4 bytes). The rekey journals page 1 first.
    const record = Buffer.alloc(4 + SALT_BYTES);
    for (let at = sector; at + 4 + pageSize + 4 <= size; at += pageSize + 8) {
      if (fs.readSync(fd, record, 0, record.length, at) < record.length) return null;
      if (record.readUInt32BE(0) !== 1) continue;
      const salt = record.subarray(4);
      const file = Buffer.alloc(SALT_BYTES);
      const mainFd = fs.openSync(path, 'r');
      try {
        fs.readSync(mainFd, file, 0, SALT_BYTES, 0);
      } finally {
        fs.closeSync(mainFd);
      }
      return salt.equals(file) ? null : salt.toString('hex');
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Settings for every connection: durability first, then speed for a single local writer. */
function configure(db: DB): void {
  // EXCLUSIVE before the first access: WAL without a shared-memory file, and a second process
  // (another window, the command line) gets SQLITE_BUSY instead of writing beside us.
  db.pragma('locking_mode=EXCLUSIVE');
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('secure_delete=ON');
  db.pragma(`cache_size=-${pageCacheKib(os.totalmem())}`);
  db.pragma('temp_store=MEMORY');
  registerFunctions(db);
}

/**
 * The page cache, in KiB: a sixteenth of the computer's memory, from 128 MiB (what the counter
 * search needs) up to 1 GiB. Every page read from an encrypted file beyond the cache is
 * decrypted and its HMAC checked again, and a segment or a report over a million customers reads
 * a good part of a 2 GB file: at 1,000,000 customers a region-and-age count took 3.0 s of
 * processor time again and again with 128 MiB, 0.76 s with 1 GiB. The cache only grows as pages
 * are read, so a small file never takes it.
 */
export function pageCacheKib(totalBytes: number): number {
  const MiB = 1024;
  return Math.round(Math.min(1024 * MiB, Math.max(128 * MiB, totalBytes / 16 / 1024)));
}

/** The file's pages failed their checks (an HMAC per page, then SQLite's own structure). */
function damagedFile(path: string): CoreError {
  return new CoreError(
    'FILE_DAMAGED',
    `This file is damaged: restore a copy. Custodian cannot trust what is in ${path} and has not changed it.`,
  );
}

/**
 * Translate the engine's failures into the closed set of codes people get words for. The codes
 * are better-sqlite3's extended result codes (SqliteError.code, e.g. SQLITE_IOERR_SHMSIZE); the
 * message tests catch what Node's own fs calls throw (ENOSPC, EACCES).
 */
export function storageError(error: unknown, path: string): CoreError {
  if (error instanceof CoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  const kind = (base: string) => code === base || code.startsWith(`${base}_`);
  if (kind('SQLITE_NOTADB') || /not a database/i.test(message)) {
    return new CoreError('WRONG_PASSPHRASE', 'The passphrase is wrong, or this is not a Custodian file.');
  }
  if (kind('SQLITE_BUSY') || kind('SQLITE_LOCKED') || /database is locked/i.test(message)) {
    return new CoreError(
      'FILE_IN_USE',
      'This file is open in another Custodian window or program. Close it there first.',
    );
  }
  // Growing the file, its journal or its shared-memory index (SHMSIZE) found no room on the disk.
  if (kind('SQLITE_FULL') || code === 'SQLITE_IOERR_SHMSIZE' || /ENOSPC|disk is full/i.test(message)) {
    return new CoreError('DISK_FULL', 'The disk is full. Nothing was saved: free some space and try again.');
  }
  if (kind('SQLITE_READONLY') || kind('SQLITE_PERM') || /readonly|read-only|EACCES|EPERM|EROFS/i.test(message)) {
    return new CoreError(
      'FILE_READ_ONLY',
      `The file is read-only: Custodian cannot write to ${path}. Check the file and folder permissions, or copy it somewhere you can write to.`,
    );
  }
  if (kind('SQLITE_CANTOPEN')) {
    return new CoreError(
      'FILE_READ_ONLY',
      `Custodian cannot open ${path} to write to it. Check that its drive is connected and that you may write to the file and its folder.`,
    );
  }
  if (kind('SQLITE_CORRUPT')) return damagedFile(path);
  // The engine reports a write refused by the system (EPERM, EACCES, EROFS) on a file it already
  // has open as an I/O error, without the reason: look at the file to tell a permission taken
  // away mid-session from a failing drive, so the person is sent to the right fix.
  if ((kind('SQLITE_IOERR') || /EIO\b/.test(message)) && !writableNow(path)) {
    return new CoreError(
      'FILE_READ_ONLY',
      `${path} was made read-only while Custodian had it open, so the last change was not saved. Make the file and its folder writable again (or copy the file somewhere you can write to), then open it again.`,
    );
  }
  if (kind('SQLITE_IOERR') || /EIO\b/.test(message)) {
    return new CoreError(
      'DISK_ERROR',
      `The disk did not read or write ${path} as asked: its drive may have been removed or be failing. The last change was not saved: check the drive, then open the file again.`,
    );
  }
  return new CoreError('INTERNAL', 'Something went wrong with the customer file. Nothing was changed.');
}

/** Can the file and its folder be written now? (A file that is gone is the drive's problem, not a permission.) */
function writableNow(path: string): boolean {
  if (!path || !fs.existsSync(path)) return true;
  try {
    fs.accessSync(path, fs.constants.W_OK);
    fs.accessSync(require_dir(path), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

type OpenOptions = { create?: boolean };

/** Key the connection and read once: the key is only checked on first read (SQLITE_NOTADB if wrong). */
function firstRead(db: DB, passphrase: string, salt: string | null): void {
  applyKey(db, passphrase, salt);
  // Exclusive before the first read, which is the first WAL access: SQLite then keeps the WAL
  // index in our memory and never makes the -shm file, whose growth fails on a full disk
  // (SQLITE_IOERR_SHMSIZE) before anything could say so. Nothing else opens the file beside
  // this connection: the import's reading thread reads only the import file, and the command
  // line goes through this same function.
  db.pragma('locking_mode=EXCLUSIVE');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
}

/**
 * Open (or create) the file. A wrong passphrase leaves the file byte-for-byte as it was: we
 * read before any statement that could write, and the key is checked on that first read.
 */
export function openDatabase(path: string, passphrase: string, options: OpenOptions = {}): DB {
  const exists = fs.existsSync(path);
  if (options.create && exists) {
    throw new CoreError('ALREADY_EXISTS', `A file already exists at ${path}. Open it, or choose another name.`);
  }
  if (!options.create) {
    if (!exists) throw new CoreError('FILE_NOT_FOUND', `There is no customer file at ${path}.`);
    checkLooksEncrypted(path);
  }
  if (options.create) {
    try {
      fs.accessSync(require_dir(path), fs.constants.W_OK);
    } catch {
      throw new CoreError('FILE_READ_ONLY', `Custodian cannot create a file in ${require_dir(path)}.`);
    }
  } else {
    try {
      fs.accessSync(path, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      throw new CoreError(
        'FILE_READ_ONLY',
        `The file is read-only: Custodian cannot write to ${path}. Check the file's permissions.`,
      );
    }
  }
  let db: DB | undefined;
  try {
    // A second program holding the file answers within a second, not after the default five.
    db = new Database(path, { fileMustExist: !options.create, timeout: 1000 });
    // A new file is readable by its owner only, like our exports. SQLite creates it empty with mode
    // 0644 (and resets an empty file to that), and gives the -wal, -shm and -journal files the main
    // file's mode when it makes them: so narrow it now, before the first write.
    if (options.create) fs.chmodSync(path, 0o600);
    try {
      firstRead(db, passphrase, null);
    } catch (error) {
      // A passphrase change cut off mid-commit: see hotJournalSalt.
      const salt = options.create ? null : hotJournalSalt(path);
      if (!salt) throw error;
      db.close();
      db = new Database(path, { fileMustExist: true, timeout: 1000 });
      firstRead(db, passphrase, salt);
    }
    configure(db);
    if (!options.create) checkIntact(db, path);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (options.create) removeQuietly(path);
    throw storageError(error, path);
  }
}

/**
 * Open a file to read it only (a backup being checked, or the live file being copied): the key is tried on the first read, no
 * migration runs, nothing is written, and no -wal or -shm file is made beside it. Errors are the
 * engine's own, for the caller to put in words (a wrong key reads as "not a database").
 */
export function openReadOnly(path: string, passphrase: string, options: { live?: boolean } = {}): DB {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 1000 });
  try {
    applyKey(db, passphrase);
    // `live`: the open customer file, shared for a backup (db/pragmas.ts shareForBackup): read
    // beside the app's connection through the WAL index it keeps.
    if (!options.live) db.pragma('locking_mode=EXCLUSIVE');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Files up to this size get SQLite's whole quick_check on open: it decrypts and checks every page,
 * about 13 ms of processor time per MiB (2.0 s for a 154 MiB file of 200,000 customers), so
 * 32 MiB (some 40,000 customers) costs up to 0.4 s on top of the key derivation.
 */
const FULL_CHECK_MAX_BYTES = 32 * 2 ** 20;

/**
 * Tables whose size does not grow with the customers: the file's keys, settings and accounts.
 * A larger file checks these on open; a page of any other table that fails its HMAC when read
 * is reported then as a damaged file, and `custodian check` (the Check file screen) checks all.
 */
const ALWAYS_CHECKED = ['meta', 'users', 'register_fields', 'field_counts', 'value_counts'];

function tableNames(db: DB): string[] {
  return all<{ name: string }>(db, sql`SELECT name FROM sqlite_schema WHERE type = 'table'`).map((t) => t.name);
}

/** Refuse a damaged file on open, before migrations or anything else would write to it. */
function checkIntact(db: DB, path: string): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  // An older file may not have every table yet (the check runs before the migrations).
  const present = new Set(tableNames(db));
  const targets = pages * pageSize <= FULL_CHECK_MAX_BYTES ? [null] : ALWAYS_CHECKED.filter((t) => present.has(t));
  for (const table of targets) {
    let result: string;
    try {
      // A fixed name from the list above, never input: pragma arguments cannot be bound.
      result = db.pragma(table ? `quick_check(${table})` : 'quick_check', { simple: true }) as string;
    } catch (error) {
      const problem = storageError(error, path);
      // A page that fails its HMAC now, after the key opened page 1, is damage, not a wrong key.
      if (problem.code === 'WRONG_PASSPHRASE' || problem.code === 'INTERNAL') throw damagedFile(path);
      throw problem;
    }
    if (result !== 'ok') throw damagedFile(path);
  }
}

function require_dir(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash <= 0 ? (slash === 0 ? '/' : '.') : path.slice(0, slash);
}

function removeQuietly(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) fs.rmSync(p, { force: true });
}

/** A plain SQLite file or something else entirely is refused before we try a key on it. */
function checkLooksEncrypted(path: string): void {
  const fd = fs.openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    if (read === 0) throw new CoreError('NOT_A_DATABASE', `${path} is empty: it is not a Custodian file.`);
    if (header.equals(PLAIN_HEADER)) {
      throw new CoreError('NOT_A_DATABASE', `${path} is an unencrypted SQLite file, not a Custodian file.`);
    }
    if (read < 16 || fs.fstatSync(fd).size < 512) {
      throw new CoreError('NOT_A_DATABASE', `${path} is not a Custodian file.`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The first bytes of the file: random salt for an encrypted file, never the SQLite header. */
export function isEncryptedOnDisk(path: string): boolean {
  const fd = fs.openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    return !header.equals(PLAIN_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

export function cipherVersion(db: DB): string {
  const row = db.prepare('SELECT sqlite3mc_version() AS v').get() as { v: string } | undefined;
  return row?.v ?? '';
}

/**
 * Change the passphrase. Rekeying in WAL mode corrupts files with this library, so: checkpoint,
 * switch to a rollback journal, rekey, return to WAL and check integrity. A rekey killed before its
 * commit finished is rolled back on the next open, under the old passphrase (see hotJournalSalt).
 */
export function rekey(db: DB, next: string): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode=DELETE');
  try {
    db.pragma(`rekey=${quote(next)}`);
  } finally {
    db.pragma('journal_mode=WAL');
  }
  return integrity(db);
}

export function integrity(db: DB): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('; ');
}

/**
 * BENCHMARK ONLY (tests/bench): the same schema and connection settings in an unencrypted file,
 * to measure what the encryption costs. Never used by the app, the CLI or any host.
 */
export function openPlainForBenchmark(path: string): DB {
  const db = new Database(path);
  configure(db);
  migrate(db);
  return db;
}
