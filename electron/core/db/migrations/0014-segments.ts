// 0014: saved segments and campaign lists. A definition is JSON (shared/segments.ts, version 1),
// validated by the contract before it is stored; names are unique whatever their case, so
// "Jazz BS" and "jazz bs" are not two things the owner has to tell apart in a list. A campaign
// list is a snapshot: its members are rows, not a query, so it says who was chosen that day.
import type { DB } from '../open';

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS segments (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      purpose TEXT NOT NULL,
      definition TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;

    CREATE TABLE IF NOT EXISTS campaign_lists (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      -- The segment it was made from, by name and definition as they were (the segment may change).
      segment_name TEXT NOT NULL,
      definition TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('email','sms','phone','post')),
      purpose TEXT NOT NULL,
      wording TEXT NOT NULL DEFAULT '',
      -- JSON: [{reason, count}] of the segment's people left out when it was frozen.
      left_out TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;

    -- Erasing a customer takes them off every list (CASCADE); the list keeps its counts.
    CREATE TABLE IF NOT EXISTS campaign_members (
      list_id INTEGER NOT NULL REFERENCES campaign_lists(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      -- 1: kept out of the mailing at random, to compare against.
      holdout INTEGER NOT NULL DEFAULT 0 CHECK (holdout IN (0, 1)),
      response TEXT CHECK (response IN ('responded','bought','unsubscribed','bounced','returned_mail')),
      responded_at TEXT,
      PRIMARY KEY (list_id, customer_id)
    ) STRICT, WITHOUT ROWID;
    -- "Was this person on a list lately?" for contact frequency and earlier-list exclusion.
    CREATE INDEX IF NOT EXISTS campaign_members_customer ON campaign_members(customer_id, list_id);
  `);
}
