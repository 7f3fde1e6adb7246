// 0009: purchases and bookings can come from a file. Each imported purchase remembers its import
// batch, so undoing the batch takes back exactly the purchases it added.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    ALTER TABLE purchases ADD COLUMN import_id INTEGER REFERENCES imports(id);
    CREATE INDEX purchases_import ON purchases(import_id) WHERE import_id IS NOT NULL;
  `);
}
