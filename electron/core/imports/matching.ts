// Does an imported row describe a record we already have? The same customer number (its unique
// index), else the same email, else the same phone — both looked up in the counter search index,
// which already holds every email whole and every phone in E.164 (see search/terms.ts), so no
// other index is kept for this.
import type { CustomerData } from '../../../shared/customer';
import { fold } from '../../../shared/text';
import type { DB } from '../db/open';
import { ftsToken } from '../search/terms';

export type Match = { id: number; by: 'ref' | 'email' | 'phone' };

/** What a row is looked up by: its customer number, and the index terms of its emails and phones. */
export type MatchKeys = { ref: string; emails: string[]; phones: string[] };

/** The parts of a record (or of a purchase row naming its customer) that find a customer. */
export type Lookup = Pick<CustomerData, 'ref'> & {
  emails: readonly { address: string }[];
  phones: readonly { e164: string }[];
};

export function matchKeys(data: Lookup): MatchKeys {
  return {
    ref: data.ref,
    emails: data.emails.map((e) => ftsToken(fold(e.address), false)),
    phones: data.phones.map((p) => ftsToken(`#${p.e164.replace(/\D/g, '')}`, false)),
  };
}

export function createMatcher(db: DB): (data: Lookup, keys?: MatchKeys) => Match | null {
  // Own statements (not the shared cache): pluck() changes a statement for every user of it.
  const byRef = db.prepare('SELECT id FROM customers WHERE ref = ?').pluck();
  const byTerm = db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid LIMIT 1').pluck();
  return (data, keys = matchKeys(data)) => {
    if (keys.ref) {
      const id = byRef.get(keys.ref) as number | undefined;
      if (id !== undefined) return { id, by: 'ref' };
    }
    for (const term of keys.emails) {
      const id = byTerm.get(term) as number | undefined;
      if (id !== undefined) return { id, by: 'email' };
    }
    for (const term of keys.phones) {
      const id = byTerm.get(term) as number | undefined;
      if (id !== undefined) return { id, by: 'phone' };
    }
    return null;
  };
}
