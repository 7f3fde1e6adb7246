// 0020: where people are and what they chose, indexed the way segments ask (see
// `npm run bench -- insight`, 1,000,000 customers).
//
// - Addresses by postcode area ("BS"), district ("BS1") and town, and purchases by channel and
//   venue, on the same expressions the segment compiler writes (segments.queries.ts), so
//   "postcode area BS" reads the BS entries instead of every address. SQLite and PostgreSQL both
//   index an expression; a query uses the index only when it repeats the expression exactly.
// - customer_choices: each value of a multiple-choice field (stored as a JSON list, e.g.
//   interests ["Music","Dance"]) as its own row, lower-cased, kept by triggers on
//   customer_values. "Interested in music or dance" reads the music and dance rows instead of
//   unpacking every customer's list.
//
// Frozen: this file imports nothing live.
import type { DB } from '../open';

/** The values of one stored row that is a JSON list, lower-cased (nothing for any other value). */
const items = (row: 'NEW' | 'OLD') => `
    SELECT DISTINCT ${row}.field_key, lower(j.value), ${row}.customer_id
    FROM json_each(CASE WHEN json_valid(${row}.value) AND json_type(${row}.value) = 'array' THEN ${row}.value ELSE '[]' END) j
    WHERE j.type = 'text'`;
const forget = (row: 'OLD') =>
  `DELETE FROM customer_choices WHERE customer_id = ${row}.customer_id AND field_key = ${row}.field_key;`;
const remember = (row: 'NEW') =>
  `INSERT OR IGNORE INTO customer_choices (field_key, value, customer_id) ${items(row)};`;

export function up(db: DB): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS customer_addresses_area
      ON customer_addresses(rtrim(substr(postcode, 1, 2), '0123456789'));
    CREATE INDEX IF NOT EXISTS customer_addresses_district
      ON customer_addresses(substr(postcode, 1, instr(postcode, ' ') - 1));
    CREATE INDEX IF NOT EXISTS customer_addresses_town ON customer_addresses(lower(trim(town)));

    -- "Bought via the Studio last year", "bought online": the channel or venue as the compiler
    -- writes it, then the day, refunds told apart and the customer, all from the index.
    CREATE INDEX IF NOT EXISTS purchases_channel
      ON purchases(lower(trim(channel)), date, amount_pence, customer_id);
    CREATE INDEX IF NOT EXISTS purchases_venue ON purchases(lower(trim(venue)), date, amount_pence, customer_id);

    CREATE TABLE IF NOT EXISTS customer_choices (
      field_key TEXT NOT NULL,
      value TEXT NOT NULL,                    -- lower-cased
      customer_id INTEGER NOT NULL,
      PRIMARY KEY (field_key, value, customer_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS customer_choices_customer ON customer_choices(customer_id, field_key);

    -- The lists already stored, made afresh if this runs again.
    DELETE FROM customer_choices;
    INSERT OR IGNORE INTO customer_choices (field_key, value, customer_id)
      SELECT v.field_key, lower(j.value), v.customer_id
      FROM customer_values v, json_each(v.value) j
      WHERE json_valid(v.value) AND json_type(v.value) = 'array' AND j.type = 'text';

    CREATE TRIGGER IF NOT EXISTS choices_in AFTER INSERT ON customer_values BEGIN
      ${remember('NEW')}
    END;
    CREATE TRIGGER IF NOT EXISTS choices_out AFTER DELETE ON customer_values BEGIN
      ${forget('OLD')}
    END;
    CREATE TRIGGER IF NOT EXISTS choices_changed AFTER UPDATE OF customer_id, field_key, value ON customer_values BEGIN
      ${forget('OLD')}
      ${remember('NEW')}
    END;
  `);
}
