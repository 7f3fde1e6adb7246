// The file's own key/value store (the meta table): settings, the consent wording, the audit
// chain's key and head, the file's identity. One reader and one writer, so no service names it.
import type { DB } from './open';
import { get, run, sql } from './sql';

export function readMeta(db: DB, key: string): string | undefined {
  return get<{ value: string }>(db, sql`SELECT value FROM meta WHERE key = ${key}`)?.value;
}

/** Set a key: `first` only when it has no value yet (false: it had one, left as it was). */
export function writeMeta(db: DB, key: string, value: string, mode: 'set' | 'first' = 'set'): boolean {
  const q =
    mode === 'first'
      ? sql`INSERT OR IGNORE INTO meta (key, value) VALUES (${key}, ${value})`
      : sql`INSERT OR REPLACE INTO meta (key, value) VALUES (${key}, ${value})`;
  return run(db, q).changes > 0;
}
