// 0016: segments choose people by what they bought — an item or a category, usually in a period
// ("bought jazz in 2025"). These indexes answer that from the purchases of that item or category
// in that period alone, instead of reading all of them (5,000,000 at a million customers; see
// `npm run bench -- insight`). NOCASE because a segment matches the item and category whatever
// their case, as SQLite's ASCII lower() did. Cheap to keep up: purchases arrive roughly in date
// order, so each new row lands at the end of its item's and its category's run of the index.
//
// Frozen: this file imports nothing live.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS purchases_item ON purchases(item COLLATE NOCASE, date, amount_pence, customer_id);
    CREATE INDEX IF NOT EXISTS purchases_category ON purchases(category COLLATE NOCASE, date, amount_pence, customer_id);
  `);
}
