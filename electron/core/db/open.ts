// The encrypted store: one SQLite file in the SQLCipher 4 format (better-sqlite3-multiple-ciphers
// with cipher=sqlcipher, legacy=4), so the official SQLCipher 4 opens it with the same passphrase.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../../../shared/contract/result';
import { migrate } from './migrations';

export type DB = Database.Database;

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function applyKey(db: DB, passphrase: string): void {
  db.pragma(`cipher=${quote('sqlcipher')}`);
  db.pragma('legacy=4');
  db.pragma(`key=${quote(passphrase)}`);
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
  db.pragma('cache_size=-131072'); // 128 MiB of decrypted pages
  db.pragma('temp_store=MEMORY');
}

/** Translate the engine's failures into the closed set of codes people get words for. */
export function storageError(error: unknown, path: string): CoreError {
  if (error instanceof CoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(message)) {
    return new CoreError('WRONG_PASSPHRASE', 'The passphrase is wrong, or this is not a Custodian file.');
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /database is locked/i.test(message)) {
    return new CoreError(
      'FILE_IN_USE',
      'This file is open in another Custodian window or program. Close it there first.',
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || /readonly|read-only|EACCES|EPERM/i.test(message)) {
    return new CoreError('FILE_READ_ONLY', `Custodian cannot write to ${path}. Check the file and folder permissions.`);
  }
  if (code === 'SQLITE_FULL' || /ENOSPC|disk is full|database or disk is full/i.test(message)) {
    return new CoreError('DISK_FULL', 'The disk is full. Nothing was saved: free some space and try again.');
  }
  return new CoreError('INTERNAL', 'Something went wrong with the customer file. Nothing was changed.');
}

export type OpenOptions = { create?: boolean };

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
      throw new CoreError('FILE_READ_ONLY', `Custodian cannot write to ${path}. Check the file's permissions.`);
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
    applyKey(db, passphrase);
    // The key is only checked on first read: this throws SQLITE_NOTADB for a wrong one.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    configure(db);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (options.create) removeQuietly(path);
    throw storageError(error, path);
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
 * switch to a rollback journal, rekey, return to WAL and check integrity.
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
