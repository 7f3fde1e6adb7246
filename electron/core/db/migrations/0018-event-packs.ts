// 0018: event packs. A pack is a Custodian file too, made by the same migrations, so one schema
// serves both ends and a pack from a newer Custodian is refused like any newer file:
//   - in a pack: `pack_info` (its one row makes the file a pack, opened in event mode),
//     `pack_lookups` (the look-up list's records with the values they held when the pack was
//     made: a change made at the event carries the value it replaced) and `pack_captures` (the
//     own id of every row captured at the event, filled by triggers the pack-maker adds);
//   - in the main file: `packs` (every pack made, and its merge: a pack id merges once),
//     `pack_queue` (new people probably already on file, for a person to review),
//     `pack_changes` (changes to looked-up records waiting for review field by field) and
//     `pack_consents` (the consent events a merge added, so undo takes them back).
// The tables a file does not use stay empty.
//
// Frozen: this file imports nothing live.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS pack_info (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      pack_id TEXT NOT NULL,
      event_name TEXT NOT NULL,
      event_date TEXT NOT NULL,
      laptop TEXT NOT NULL,
      made_by TEXT NOT NULL,
      made_at TEXT NOT NULL,
      main_file_id TEXT NOT NULL,
      -- JSON: { kind: 'none' | 'segment' | 'refs', name, fields: [...] }
      lookup TEXT NOT NULL
    ) STRICT;

    CREATE TABLE IF NOT EXISTS pack_lookups (
      customer_id INTEGER PRIMARY KEY,
      main_id INTEGER NOT NULL,
      main_version INTEGER NOT NULL,
      original TEXT NOT NULL          -- JSON: { field: value } of the chosen fields
    ) STRICT;

    CREATE TABLE IF NOT EXISTS pack_captures (
      uid TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('customer', 'consent', 'purchase')),
      row_id INTEGER NOT NULL,
      at TEXT NOT NULL,
      UNIQUE (kind, row_id)
    ) STRICT;

    CREATE TABLE IF NOT EXISTS packs (
      pack_id TEXT PRIMARY KEY,
      event_name TEXT NOT NULL,
      event_date TEXT NOT NULL,
      laptop TEXT NOT NULL,
      file_name TEXT NOT NULL,
      lookups INTEGER NOT NULL,
      accounts TEXT NOT NULL,         -- JSON: [{ id, name, role }] copied into the pack
      made_by INTEGER NOT NULL REFERENCES users(id),
      made_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('made', 'merged', 'undone')),
      import_id INTEGER REFERENCES imports(id),
      merged_by INTEGER REFERENCES users(id),
      merged_at TEXT NOT NULL DEFAULT '',
      summary TEXT NOT NULL DEFAULT '{}',
      wiped_at TEXT NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE IF NOT EXISTS pack_queue (
      id INTEGER PRIMARY KEY,
      pack_id TEXT NOT NULL REFERENCES packs(pack_id),
      capture_uid TEXT NOT NULL,
      customer_id INTEGER NOT NULL,   -- the record the merge created
      candidate_id INTEGER NOT NULL,  -- the record it probably is
      score REAL NOT NULL,
      reasons TEXT NOT NULL           -- JSON array of words
    ) STRICT;
    CREATE INDEX IF NOT EXISTS pack_queue_pack ON pack_queue(pack_id);

    CREATE TABLE IF NOT EXISTS pack_changes (
      id INTEGER PRIMARY KEY,
      pack_id TEXT NOT NULL REFERENCES packs(pack_id),
      customer_id INTEGER NOT NULL,
      field TEXT NOT NULL,
      replaced TEXT NOT NULL,         -- the value the event saw and replaced
      value TEXT NOT NULL,            -- the value taken at the event
      payload TEXT NOT NULL,          -- JSON: the value as the record stores it
      status TEXT NOT NULL CHECK (status IN ('applied', 'waiting', 'accepted', 'rejected')),
      decided_by INTEGER REFERENCES users(id),
      decided_at TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX IF NOT EXISTS pack_changes_pack ON pack_changes(pack_id, status);

    CREATE TABLE IF NOT EXISTS pack_consents (
      pack_id TEXT NOT NULL REFERENCES packs(pack_id),
      consent_id INTEGER NOT NULL,
      PRIMARY KEY (pack_id, consent_id)
    ) STRICT, WITHOUT ROWID;
  `);
}
