// 0019: buying patterns read from counters kept as purchases are written, not from scans of every
// purchase (5,000,000 at a million customers; see `npm run bench -- insight`).
//
// - sales_months: each month's purchases, quantity, money and distinct buyers, for all purchases
//   and for bookings (a purchase with a venue). Sales by month is a read of a few hundred rows.
// - customer_months: how many purchase rows each customer has in each month, so a month's
//   distinct buyers go up when a customer's first row of the month arrives and down when the
//   last one goes (an erasure, an undone import, a merge moving rows to the kept record).
// - customer_purchase_facts: each customer's first and last purchase day, purchases and net
//   spend, ever. "First bought this year", "lapsed since", "ten purchases ever" become a range on
//   one narrow table instead of grouping every purchase by customer.
//
// All three are kept by triggers, so every path that writes purchases (the counter, an import,
// a pack merge, a merge, an erasure, an undo) keeps them true without knowing of them. Refunds
// (a negative amount) count in money and as rows, never as purchases, as the reports do. An
// insert adds; a delete or a move takes away and works the customer's facts out again from their
// own rows (a few, read from the purchases_customer index). The PostgreSQL store keeps the same
// tables with the same triggers (INSERT … ON CONFLICT is the same there).
//
// Frozen: this file imports nothing live.
import type { DB } from '../open';

const month = (row: 'NEW' | 'OLD') => `substr(${row}.date, 1, 7)`;
const bought = (row: 'NEW' | 'OLD') => `(${row}.amount_pence >= 0)`;
const booked = (row: 'NEW' | 'OLD') => `(${row}.venue <> '')`;

/** Add (+) or take away (-) one purchase row in its month's totals and its customer's month. */
function monthRow(row: 'NEW' | 'OLD', sign: '+' | '-'): string {
  const qty = `(CASE WHEN ${bought(row)} THEN ${row}.quantity ELSE 0 END)`;
  const figures: [string, string][] = [
    ['purchases', bought(row)],
    ['quantity', qty],
    ['amount_pence', `${row}.amount_pence`],
    ['booked_purchases', `(${booked(row)} AND ${bought(row)})`],
    ['booked_quantity', `(CASE WHEN ${booked(row)} THEN ${qty} ELSE 0 END)`],
    ['booked_amount_pence', `(CASE WHEN ${booked(row)} THEN ${row}.amount_pence ELSE 0 END)`],
  ];
  if (sign === '+')
    // One statement each: a trigger's statements are most of what it costs a purchase insert.
    return `
    INSERT INTO sales_months (month, ${figures.map(([name]) => name).join(', ')})
      VALUES (${month(row)}, ${figures.map(([, value]) => value).join(', ')})
      ON CONFLICT (month) DO UPDATE SET ${figures.map(([name]) => `${name} = ${name} + excluded.${name}`).join(', ')};
    INSERT INTO customer_months (customer_id, month, rows_all, rows_booked)
      VALUES (${row}.customer_id, ${month(row)}, 1, ${booked(row)})
      ON CONFLICT (customer_id, month) DO UPDATE SET
        rows_all = rows_all + 1, rows_booked = rows_booked + excluded.rows_booked;`;
  return `
    UPDATE sales_months SET ${figures.map(([name, value]) => `${name} = ${name} - ${value}`).join(', ')}
      WHERE month = ${month(row)};
    UPDATE customer_months SET rows_all = rows_all - 1, rows_booked = rows_booked - ${booked(row)}
      WHERE customer_id = ${row}.customer_id AND month = ${month(row)};
    DELETE FROM customer_months WHERE customer_id = ${row}.customer_id AND month = ${month(row)} AND rows_all <= 0;`;
}

/** One customer's facts, worked out again from their own purchase rows (gone when they have none). */
const FACTS_OF = (id: string) => `
    SELECT customer_id, min(CASE WHEN amount_pence >= 0 THEN date END), max(CASE WHEN amount_pence >= 0 THEN date END),
      sum(amount_pence >= 0), sum(amount_pence)
    FROM purchases WHERE customer_id = ${id} GROUP BY customer_id`;
const refacts = (id: string) => `
    DELETE FROM customer_purchase_facts WHERE customer_id = ${id};
    INSERT INTO customer_purchase_facts (customer_id, first_date, last_date, purchases, spend_pence) ${FACTS_OF(id)};`;

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS sales_months (
      month TEXT PRIMARY KEY,                 -- YYYY-MM
      purchases INTEGER NOT NULL DEFAULT 0,   -- rows that are not refunds
      quantity INTEGER NOT NULL DEFAULT 0,    -- of those rows
      amount_pence INTEGER NOT NULL DEFAULT 0,  -- net of refunds
      customers INTEGER NOT NULL DEFAULT 0,   -- distinct buyers, refunds included
      booked_purchases INTEGER NOT NULL DEFAULT 0,
      booked_quantity INTEGER NOT NULL DEFAULT 0,
      booked_amount_pence INTEGER NOT NULL DEFAULT 0,
      booked_customers INTEGER NOT NULL DEFAULT 0
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS customer_months (
      customer_id INTEGER NOT NULL,
      month TEXT NOT NULL,
      rows_all INTEGER NOT NULL,
      rows_booked INTEGER NOT NULL,
      PRIMARY KEY (customer_id, month)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS customer_purchase_facts (
      customer_id INTEGER PRIMARY KEY,
      first_date TEXT,                        -- NULL: refunds only
      last_date TEXT,
      purchases INTEGER NOT NULL,
      spend_pence INTEGER NOT NULL
    ) STRICT;

    -- A file from an earlier version already has purchases: count them once, here, before the
    -- triggers below exist (they would count each row again). Run again (a file taken back to an
    -- older format by hand), the counts are made afresh from the rows.
    DROP TRIGGER IF EXISTS buyers_month_in;
    DROP TRIGGER IF EXISTS buyers_month_booked;
    DROP TRIGGER IF EXISTS buyers_month_out;
    DROP TRIGGER IF EXISTS buying_counters_in;
    DROP TRIGGER IF EXISTS buying_counters_out;
    DROP TRIGGER IF EXISTS buying_counters_changed;
    DELETE FROM customer_months;
    DELETE FROM sales_months;
    DELETE FROM customer_purchase_facts;
    INSERT INTO customer_months (customer_id, month, rows_all, rows_booked)
      SELECT customer_id, substr(date, 1, 7), count(*), sum(venue <> '') FROM purchases GROUP BY 1, 2;
    INSERT INTO sales_months
      SELECT substr(date, 1, 7), sum(amount_pence >= 0), sum(CASE WHEN amount_pence >= 0 THEN quantity ELSE 0 END),
        sum(amount_pence), count(DISTINCT customer_id),
        sum(venue <> '' AND amount_pence >= 0), sum(CASE WHEN venue <> '' AND amount_pence >= 0 THEN quantity ELSE 0 END),
        sum(CASE WHEN venue <> '' THEN amount_pence ELSE 0 END), count(DISTINCT CASE WHEN venue <> '' THEN customer_id END)
      FROM purchases GROUP BY 1;
    INSERT INTO customer_purchase_facts (customer_id, first_date, last_date, purchases, spend_pence)
      SELECT customer_id, min(CASE WHEN amount_pence >= 0 THEN date END), max(CASE WHEN amount_pence >= 0 THEN date END),
        sum(amount_pence >= 0), sum(amount_pence)
      FROM purchases GROUP BY customer_id;
    CREATE INDEX IF NOT EXISTS customer_facts_first ON customer_purchase_facts(first_date);
    CREATE INDEX IF NOT EXISTS customer_facts_last ON customer_purchase_facts(last_date);

    -- A customer's first row in a month adds a buyer; the last one gone takes one away.
    CREATE TRIGGER IF NOT EXISTS buyers_month_in AFTER INSERT ON customer_months BEGIN
      UPDATE sales_months SET customers = customers + 1, booked_customers = booked_customers + (NEW.rows_booked > 0)
        WHERE month = NEW.month;
    END;
    CREATE TRIGGER IF NOT EXISTS buyers_month_booked AFTER UPDATE OF rows_booked ON customer_months
      WHEN (OLD.rows_booked > 0) <> (NEW.rows_booked > 0) BEGIN
      UPDATE sales_months SET booked_customers = booked_customers + (CASE WHEN NEW.rows_booked > 0 THEN 1 ELSE -1 END)
        WHERE month = NEW.month;
    END;
    CREATE TRIGGER IF NOT EXISTS buyers_month_out AFTER DELETE ON customer_months BEGIN
      UPDATE sales_months SET customers = customers - 1, booked_customers = booked_customers - (OLD.rows_booked > 0)
        WHERE month = OLD.month;
    END;

    CREATE TRIGGER IF NOT EXISTS buying_counters_in AFTER INSERT ON purchases BEGIN
      ${monthRow('NEW', '+')}
      INSERT INTO customer_purchase_facts (customer_id, first_date, last_date, purchases, spend_pence)
        VALUES (NEW.customer_id, CASE WHEN ${bought('NEW')} THEN NEW.date END, CASE WHEN ${bought('NEW')} THEN NEW.date END,
          ${bought('NEW')}, NEW.amount_pence)
        ON CONFLICT (customer_id) DO UPDATE SET
          first_date = CASE WHEN excluded.first_date IS NOT NULL AND (first_date IS NULL OR excluded.first_date < first_date)
            THEN excluded.first_date ELSE first_date END,
          last_date = CASE WHEN excluded.last_date IS NOT NULL AND (last_date IS NULL OR excluded.last_date > last_date)
            THEN excluded.last_date ELSE last_date END,
          purchases = purchases + excluded.purchases,
          spend_pence = spend_pence + excluded.spend_pence;
    END;
    CREATE TRIGGER IF NOT EXISTS buying_counters_out AFTER DELETE ON purchases BEGIN
      ${monthRow('OLD', '-')}
      ${refacts('OLD.customer_id')}
    END;
    CREATE TRIGGER IF NOT EXISTS buying_counters_changed
      AFTER UPDATE OF customer_id, date, quantity, amount_pence, venue ON purchases BEGIN
      ${monthRow('OLD', '-')}
      ${monthRow('NEW', '+')}
      ${refacts('OLD.customer_id')}
      ${refacts('NEW.customer_id')}
    END;
  `);
}
