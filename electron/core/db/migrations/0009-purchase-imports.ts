// 0009: purchases and bookings can come from a file. Each imported purchase remembers its import
// batch, so undoing the batch takes back exactly the purchases it added. Re-runnable, like 0006
// to 0008 (a file taken back to an older format by hand).
import type { DB } from '../open';

export function up(db: DB): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('purchases')").pluck().all() as string[];
  if (!columns.includes('import_id'))
    db.exec('ALTER TABLE purchases ADD COLUMN import_id INTEGER REFERENCES imports(id)');
  db.exec('CREATE INDEX IF NOT EXISTS purchases_import ON purchases(import_id) WHERE import_id IS NOT NULL');
}
