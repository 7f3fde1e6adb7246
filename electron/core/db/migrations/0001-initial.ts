// 0001: staff who sign in, customers with their emails, phones and addresses, the counter
// search terms, and the hash-chained audit log.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('owner','manager','staff','volunteer','readonly')),
      active INTEGER NOT NULL DEFAULT 1,
      password_hash TEXT,             -- argon2id, encoded
      pin_hash TEXT,                  -- argon2id, encoded
      pin_disabled INTEGER NOT NULL DEFAULT 0,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      retry_after TEXT,               -- growing delay after failed sign-ins
      created_at TEXT NOT NULL
    ) STRICT;

    -- AUTOINCREMENT: an id is never given out twice, so an erased record's tombstone or a
    -- merged-away record (kept for undo) never shares its id with a newer customer.
    CREATE TABLE customers (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ref TEXT,
      title TEXT NOT NULL DEFAULT '',
      given_name TEXT NOT NULL DEFAULT '',
      family_name TEXT NOT NULL DEFAULT '',
      preferred_name TEXT NOT NULL DEFAULT '',
      date_of_birth TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      archived INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by INTEGER NOT NULL REFERENCES users(id),
      -- The search terms this record was indexed under, space-separated: used to remove them
      -- exactly on update, and to rank a candidate against the words of a query.
      terms TEXT NOT NULL DEFAULT '',
      -- The first email, phone and address, copied here so that a search result is one row read
      -- (kept in step by customers.queries.ts, the only writer).
      summary_email TEXT NOT NULL DEFAULT '',
      summary_phone TEXT NOT NULL DEFAULT '',
      summary_postcode TEXT NOT NULL DEFAULT '',
      summary_town TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE UNIQUE INDEX customers_ref ON customers(ref) WHERE ref IS NOT NULL;
    CREATE INDEX customers_updated ON customers(updated_at);

    CREATE TABLE customer_emails (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      address TEXT NOT NULL,
      label TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (customer_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE customer_phones (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      number TEXT NOT NULL,
      e164 TEXT NOT NULL,
      label TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (customer_id, position)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE customer_addresses (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      line1 TEXT NOT NULL DEFAULT '',
      line2 TEXT NOT NULL DEFAULT '',
      town TEXT NOT NULL DEFAULT '',
      region TEXT NOT NULL DEFAULT '',
      postcode TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL DEFAULT 'GB',
      label TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (customer_id, position)
    ) STRICT, WITHOUT ROWID;

    -- Counter search: the customer's search terms (see search/terms.ts) in a contentless FTS5
    -- index keyed by customer id. FTS5 buffers and merges its segments, so a bulk load stays
    -- fast at a million records, and the prefix indexes answer 2- and 3-character prefixes
    -- directly. Entries are removed with the 'delete' command and the terms stored on the row.
    CREATE VIRTUAL TABLE search_index USING fts5(
      terms,
      content = '',
      tokenize = "unicode61 remove_diacritics 0 tokenchars '#~@._+-'",
      prefix = '2 3',
      detail = none,
      columnsize = 0
    );
    -- Deleting an entry removes its terms from the index at once (not at the next merge), so an
    -- erased customer's name does not linger in the file.
    INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

    -- Append-only and hash-chained: mac = HMAC(audit key, fields + payload_hash + prev).
    -- The personal payload (a search query, a field list) is kept apart so it can be erased
    -- without breaking the chain: its hash stays in the chain.
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id INTEGER,
      action TEXT NOT NULL,
      entity TEXT NOT NULL DEFAULT '',
      entity_id INTEGER,
      payload_hash TEXT NOT NULL,
      prev TEXT NOT NULL,
      mac TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_entity ON audit_log(entity_id) WHERE entity_id IS NOT NULL;
    CREATE TABLE audit_payload (seq INTEGER PRIMARY KEY, detail TEXT NOT NULL) STRICT;

    -- Requests for a customer's information, from asking to confirmed receipt; the disclosure
    -- history of a customer is its supplied requests.
    CREATE TABLE info_requests (
      id INTEGER PRIMARY KEY,
      -- NULL once the customer is erased: the request itself is kept, without them.
      customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
      kind TEXT NOT NULL,
      requester_type TEXT NOT NULL,
      requester_name TEXT NOT NULL,
      requester_org TEXT NOT NULL DEFAULT '',
      reason TEXT NOT NULL,
      identity_check TEXT NOT NULL,
      lawful_basis TEXT NOT NULL,
      status TEXT NOT NULL,
      received_at TEXT NOT NULL,
      due_at TEXT NOT NULL DEFAULT '',
      created_by INTEGER NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      decided_by INTEGER REFERENCES users(id),
      decided_at TEXT NOT NULL DEFAULT '',
      decision_note TEXT NOT NULL DEFAULT '',
      fields TEXT NOT NULL DEFAULT '[]',
      channel TEXT NOT NULL DEFAULT '',
      supplied_by INTEGER REFERENCES users(id),
      supplied_at TEXT NOT NULL DEFAULT '',
      confirmed_at TEXT NOT NULL DEFAULT '',
      confirmation_method TEXT NOT NULL DEFAULT '',
      understood INTEGER,
      confirmation_note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX info_requests_customer ON info_requests(customer_id);
  `);
}
