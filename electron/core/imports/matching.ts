// Does an imported row describe a record we already have? The same customer number (its unique
// index), else the same email, else the same phone — both looked up in the counter search index,
// which already holds every email whole and every phone in E.164 (see search/terms.ts), so no
// other index is kept for this.
import type { CustomerData } from '../../../shared/customer';
import { fold } from '../../../shared/text';
import { findByRef } from '../customers/customers.queries';
import type { DB } from '../db/open';
import { firstMatcher } from '../search/index.queries';
import { ftsToken } from '../search/terms';

export type Match = { id: number; by: 'ref' | 'email' | 'phone' };

/** What a row is looked up by: its customer number, and the index terms of its emails and phones. */
export type MatchKeys = { ref: string; emails: string[]; phones: string[] };

/** The parts of a record (or of a purchase row naming its customer) that find a customer. */
type Lookup = Pick<CustomerData, 'ref'> & {
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
  const byTerm = firstMatcher(db);
  return (data, keys = matchKeys(data)) => {
    if (keys.ref) {
      const id = findByRef(db, keys.ref);
      if (id !== undefined) return { id, by: 'ref' };
    }
    for (const term of keys.emails) {
      const id = byTerm(term);
      if (id !== undefined) return { id, by: 'email' };
    }
    for (const term of keys.phones) {
      const id = byTerm(term);
      if (id !== undefined) return { id, by: 'phone' };
    }
    return null;
  };
}

/** What a row matches in the preview: an existing record (id) or an earlier row of the file (row). */
export type PreviewMatch = { id: number | null; row: number | null; by: Match['by'] };

/**
 * The import's matching replayed without writing, for the preview and the dry run: the import
 * writes each row before reading the next, so a row can match a record an earlier row of the same
 * file created, or an email or phone an earlier row added to a record. Looked up in the order the
 * import's matcher uses (customer number, each email, each phone; in the file before earlier rows,
 * which the index holds after it). Earlier rows are taken as written whatever the choice made on
 * a match (update and create both leave their emails and phones findable; skip would not).
 */
export function createFileMatcher(db: DB): (row: number, data: Lookup) => PreviewMatch | null {
  const matcher = createMatcher(db);
  const earlier = new Map<string, Omit<PreviewMatch, 'by'>>();
  const none: string[] = [];
  const find = (keys: MatchKeys): PreviewMatch | null => {
    if (keys.ref) {
      const inFile = matcher({ ref: keys.ref, emails: [], phones: [] }, { ref: keys.ref, emails: none, phones: none });
      if (inFile) return { id: inFile.id, row: null, by: 'ref' };
      const before = earlier.get(`ref ${keys.ref}`);
      if (before) return { ...before, by: 'ref' };
    }
    for (const by of ['email', 'phone'] as const) {
      for (const term of by === 'email' ? keys.emails : keys.phones) {
        const only = { ref: '', emails: by === 'email' ? [term] : none, phones: by === 'phone' ? [term] : none };
        const found = matcher({ ref: '', emails: [], phones: [] }, only);
        if (found) return { id: found.id, row: null, by };
        const before = earlier.get(term);
        if (before) return { ...before, by };
      }
    }
    return null;
  };
  return (row, data) => {
    const keys = matchKeys(data);
    const match = find(keys);
    const target = match ? { id: match.id, row: match.row } : { id: null, row };
    if (!match && keys.ref) earlier.set(`ref ${keys.ref}`, target);
    for (const term of [...keys.emails, ...keys.phones]) if (!earlier.has(term)) earlier.set(term, target);
    return match;
  };
}
