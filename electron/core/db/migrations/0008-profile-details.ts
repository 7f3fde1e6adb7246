// 0008: the fuller profile. A customer is a person or an organisation; a person may belong to an
// organisation (another customer row). Addresses get a type and the dates they hold. Each value
// records where it came from and when it was collected and last verified (value_provenance).
// Existing rows keep everything: they become people with 'home' addresses, and the record's own
// source and dates stay the provenance of the values collected with it.
import type { DB } from '../open';

/** Add a column unless it is there: re-running over a file taken back to an older format by hand. */
function addColumn(db: DB, table: string, column: string, definition: string): void {
  const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
  if (!columns.includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}

export function up(db: DB): void {
  addColumn(db, 'customers', 'kind', "TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation'))");
  addColumn(db, 'customers', 'organisation_name', "TEXT NOT NULL DEFAULT ''");
  // SET NULL: erasing or merging away an organisation detaches its people rather than failing
  // or taking them with it.
  addColumn(db, 'customers', 'organisation_id', 'INTEGER REFERENCES customers(id) ON DELETE SET NULL');
  addColumn(db, 'customers', 'job_title', "TEXT NOT NULL DEFAULT ''");
  addColumn(
    db,
    'customer_addresses',
    'kind',
    "TEXT NOT NULL DEFAULT 'home' CHECK (kind IN ('home', 'work', 'billing', 'delivery', 'other'))",
  );
  addColumn(db, 'customer_addresses', 'valid_from', "TEXT NOT NULL DEFAULT ''");
  addColumn(db, 'customer_addresses', 'valid_to', "TEXT NOT NULL DEFAULT ''");
  db.exec(`
    -- Partial: most customers belong to no organisation; an organisation's people are one lookup.
    CREATE INDEX IF NOT EXISTS customers_organisation ON customers(organisation_id) WHERE organisation_id IS NOT NULL;
    -- The "belongs to organisation" picker reads organisations by name, never every customer.
    CREATE INDEX IF NOT EXISTS customers_organisations ON customers(organisation_name) WHERE kind = 'organisation';

    -- One row per customer and tracked field (shared/profile-details.ts PROVENANCE_FIELDS) changed
    -- since the record was created: the latest value's channel, batch, collection and
    -- verification. A value without a row was collected with the record: the record's own
    -- source, import_id, created_at and verified_at are its provenance. No foreign key to customers on
    -- purpose: a merged-away record leaves the customers table but its rows stay for undo, and
    -- erasure deletes them explicitly (customers/erase.ts). Nothing here is a personal value.
    CREATE TABLE IF NOT EXISTS value_provenance (
      customer_id INTEGER NOT NULL,
      field_key TEXT NOT NULL,
      source TEXT NOT NULL,
      import_id INTEGER,
      collected_at TEXT NOT NULL,
      verified_at TEXT NOT NULL DEFAULT '',
      collected_by INTEGER REFERENCES users(id),
      PRIMARY KEY (customer_id, field_key)
    ) STRICT, WITHOUT ROWID;
  `);
}
