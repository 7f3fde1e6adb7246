// Does an imported row describe a record we already have? The same customer number (its unique
// index), else the same email, else the same phone — both looked up in the counter search index,
// which already holds every email whole and every phone in E.164 (see search/terms.ts), so no
// other index is kept for this.
import type { CustomerData } from '../../../shared/customer';
import { fold } from '../../../shared/text';
import type { DB } from '../db/open';
import { ftsToken } from '../search/terms';

export type Match = { id: number; by: 'ref' | 'email' | 'phone' };

export function createMatcher(db: DB): (data: CustomerData) => Match | null {
  // Own statements (not the shared cache): pluck() changes a statement for every user of it.
  const byRef = db.prepare('SELECT id FROM customers WHERE ref = ?').pluck();
  const byTerm = db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid LIMIT 1').pluck();
  return (data) => {
    if (data.ref) {
      const id = byRef.get(data.ref) as number | undefined;
      if (id !== undefined) return { id, by: 'ref' };
    }
    for (const e of data.emails) {
      const id = byTerm.get(ftsToken(fold(e.address), false)) as number | undefined;
      if (id !== undefined) return { id, by: 'email' };
    }
    for (const p of data.phones) {
      const id = byTerm.get(ftsToken(`#${p.e164.replace(/\D/g, '')}`, false)) as number | undefined;
      if (id !== undefined) return { id, by: 'phone' };
    }
    return null;
  };
}
