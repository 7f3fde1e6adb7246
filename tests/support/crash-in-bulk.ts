// Run by tests/integration/bulk-insert.test.ts in a process of its own: opens FILE, writes ROWS
// new customers as one bulk batch (withBulkSettings: the rollback journal) and is killed before
// the batch commits, as a power cut or a crash would stop it.
// Usage: tsx tests/support/crash-in-bulk.ts FILE PASSPHRASE ROWS
import { insertCustomers, withBulkSettings } from '../../electron/core/customers/bulk';
import { openDatabase } from '../../electron/core/db/open';
import { customerAt, makePools } from '../bench/synthetic';

const [file, passphrase, rows] = process.argv.slice(2);
if (!file || !passphrase || !rows) throw new Error('Usage: tsx tests/support/crash-in-bulk.ts FILE PASSPHRASE ROWS');
const db = openDatabase(file, passphrase);
const owner = (db.prepare("SELECT id FROM users WHERE role = 'owner'").pluck().get() as number) ?? 1;
const pools = makePools(7);
const batch = Array.from({ length: Number(rows) }, (_, i) => ({ ...customerAt(pools, 7, i), ref: `CRASH-${i}` }));
withBulkSettings(
  db,
  db.transaction(() => {
    insertCustomers(db, batch, owner, new Date().toISOString());
    process.kill(process.pid, 'SIGKILL');
  }),
);
