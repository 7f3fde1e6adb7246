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
  db.pragma(`journal_mode=${mode}`);
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
