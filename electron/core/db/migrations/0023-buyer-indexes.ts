// 0023: everyone who ever bought an item or a category, in customer order. 0016's indexes put the
// day second, so "bought Theatre last year" reads one range of days; but "ever bought Theatre"
// then reads that category's every sale in day order, and the set of buyers is built from
// customer numbers in no order. At 1,000,000 customers "anyone older who never bought theatre"
// spent 730 ms that way (693,173 sales, 470,788 buyers) and 400 ms reading them in customer
// order from an index with the customer second (see `npm run bench -- insight`). The planner
// takes these for "ever" and 0016's for a period. About 15 µs more processor time a purchase
// for the two (50,000 inserts into a 100,000-customer file).
//
// Frozen: this file imports nothing live.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS purchases_item_buyers ON purchases(item COLLATE NOCASE, customer_id, amount_pence);
    CREATE INDEX IF NOT EXISTS purchases_category_buyers ON purchases(category COLLATE NOCASE, customer_id, amount_pence);
  `);
}
