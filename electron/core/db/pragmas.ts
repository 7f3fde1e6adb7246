// Engine settings the services ask for by purpose, so no service speaks SQLite's PRAGMA dialect:
// a second engine (PostgreSQL) answers these with its own means or with nothing to do.
import type { DB } from './open';

/** The page cache in KiB as PRAGMA cache_size takes it (negative: KiB, not pages). */
function cacheSize(db: DB): number {
  return db.pragma('cache_size', { simple: true }) as number;
}

function setCacheSize(db: DB, kib: number): void {
  if (!Number.isSafeInteger(kib)) throw new Error('cache size: a whole number of KiB');
  db.pragma(`cache_size=${kib}`);
}

/** Run `work` with a page cache of `kib`, the previous one back afterwards. */
export function withCacheSize<T>(db: DB, kib: number, work: () => T): T {
  const before = cacheSize(db);
  setCacheSize(db, kib);
  try {
    return work();
  } finally {
    setCacheSize(db, before);
  }
}

/** A rollback journal while committing one large batch (customers/bulk.ts), the WAL otherwise. */
export function setJournal(db: DB, mode: 'TRUNCATE' | 'WAL'): void {
  // While a backup reads the file on its own connection the journal stays the WAL: leaving it
  // needs the file to ourselves. The batch then commits through the WAL, slower but the same.
  if (shared.has(db)) return;
  db.pragma(`journal_mode=${mode}`);
}

// [Note: backup beside the counter] The file is opened with locking_mode=EXCLUSIVE (no -shm
// file, no second program writing beside us), which also keeps every other connection out, so a
// backup written on this connection would hold the counter up for its whole VACUUM INTO (tens of
// seconds at a million customers). For the length of a backup the file is shared instead: the
// WAL is emptied, the journal left (SQLite refuses to leave EXCLUSIVE while in WAL with its
// index in our memory), locking set to NORMAL and the WAL taken again, now with a -shm index;
// the backup's own process then reads a snapshot while this connection reads and writes on.
// Another program opening the file still gets "in use": every WAL connection keeps a shared
// lock on the file, and Custodian opens in EXCLUSIVE mode. electron/core/backups/write.ts.
const shared = new WeakSet<DB>();

/** Let a second connection (the backup's process) read the file while this one goes on. */
export function shareForBackup(db: DB): void {
  if (shared.has(db)) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode=DELETE');
  db.pragma('locking_mode=NORMAL');
  // NORMAL takes effect at the next access, which drops the exclusive lock.
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  db.pragma('journal_mode=WAL');
  shared.add(db);
}

/** The file ours alone again once the backup's connection has closed (see shareForBackup). */
export function ownAgain(db: DB): void {
  if (!shared.has(db)) return;
  db.pragma('journal_mode=DELETE');
  db.pragma('locking_mode=EXCLUSIVE');
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  db.pragma('journal_mode=WAL');
  shared.delete(db);
}

/**
 * A copy written from this connection (VACUUM INTO) is not synced to the disk by SQLite: the
 * backup writer syncs it itself after its check and before its rename (backups/write.ts), so the
 * disk writes go on while the copy is checked instead of holding the copy up at its end.
 */
export function leaveCopiesUnsynced(db: DB): void {
  db.pragma('synchronous=OFF');
}

/** Is the file shared with a backup's connection just now? */
export function isShared(db: DB): boolean {
  return shared.has(db);
}

/**
 * Copy the WAL into the file and empty it: after an erasure, the erased rows' old pages must not
 * stay readable in the -wal file (secure_delete covers the main file only).
 */
export function checkpoint(db: DB): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** The cipher and its compatibility setting, for the check command's report. */
export function cipherSettings(db: DB): { cipher: string; legacy: string } {
  return {
    cipher: String(db.pragma('cipher', { simple: true })),
    legacy: String(db.pragma('legacy', { simple: true })),
  };
}
