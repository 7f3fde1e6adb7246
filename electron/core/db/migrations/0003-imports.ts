// 0003: imports and the sources register. Each customer records the channel it came from
// (`source`: 'counter' by default, 'import:<source name>' for imported ones) and the import batch
// that created it, so a batch can be undone as a whole. An import keeps the before-image of every
// record it updated until the batch is confirmed; mapping templates are remembered per source;
// the owner can enter what a channel costs.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    ALTER TABLE customers ADD COLUMN source TEXT NOT NULL DEFAULT 'counter';
    ALTER TABLE customers ADD COLUMN import_id INTEGER;
    -- Partial: counter records cost nothing here; undo finds a batch's records without a scan.
    CREATE INDEX customers_import ON customers(import_id) WHERE import_id IS NOT NULL;

    CREATE TABLE imports (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL,
      file_name TEXT NOT NULL,
      format TEXT NOT NULL,
      mapping TEXT NOT NULL,          -- JSON: [{ header, target }]
      on_match TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('all-or-nothing', 'valid-rows')),
      status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'cancelled', 'undone', 'confirmed')),
      rows_read INTEGER NOT NULL DEFAULT 0,
      created INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      matched INTEGER NOT NULL DEFAULT 0,
      message TEXT NOT NULL DEFAULT '',
      user_id INTEGER NOT NULL REFERENCES users(id),
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL DEFAULT '',
      closed_at TEXT NOT NULL DEFAULT ''   -- confirmed, undone or cancelled
    ) STRICT;

    -- The record as it was before the import changed it; deleted when the batch is confirmed.
    CREATE TABLE import_before (
      import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL,
      version_after INTEGER NOT NULL,  -- a record edited again since is left as it is on undo
      before TEXT NOT NULL,            -- JSON of the stored customer
      PRIMARY KEY (import_id, customer_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE import_templates (
      name TEXT PRIMARY KEY,
      source TEXT NOT NULL,
      signature TEXT NOT NULL,         -- the header set it was made for (normalised, sorted)
      mapping TEXT NOT NULL,           -- JSON: { header: target | null }
      created_by INTEGER NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_templates_signature ON import_templates(signature);

    CREATE TABLE source_costs (
      source TEXT PRIMARY KEY,
      cost_pence INTEGER NOT NULL CHECK (cost_pence >= 0),
      note TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL
    ) STRICT;
  `);
}
