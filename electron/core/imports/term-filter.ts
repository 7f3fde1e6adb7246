// A quick "certainly not in the file" for what a large import looks up (each customer number,
// each email whole, each phone as #digits, see matching.ts): a Bloom filter of every customer
// number and every such term in the search index, read once when the import starts and kept up
// to date with what the import writes.
// A row the filter rules out costs a few hashes instead of FTS5 queries (~25 µs a lookup at 200,000
// customers, most of the writer's time) and cannot match a row of the import still waiting to be
// written either (their terms are added as rows are read); a "maybe" still asks the index, so every
// answer is the index's own. Only plain-ASCII terms are ruled out (beyond ASCII the tokenizer folds
// case its own way), and when something else writes to the index between two steps (a record saved
// at the counter meanwhile) the filter no longer holds every term: the import then goes on without
// it. Customer numbers ride along: a record's number is one of its search terms, so a number given
// or changed elsewhere changes the index too.
import { countCustomers, customerNumbers } from '../customers/customers.queries';
import type { DB } from '../db/open';
import { indexState, indexTerms } from '../search/index.queries';
import type { MatchKeys } from './matching';

const HASHES = 7;

/**
 * Index terms in plain ASCII compare as exact strings; anything else may be folded further by the
 * FTS tokenizer, so only plain terms can be ruled out here or told apart in an import's pending rows.
 */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
export const isPlain = (term: string) => PLAIN_ASCII.test(term);

/** Terms an import can look up; the rest of the index (names, postcodes, dates of birth…) is left out. */
const isLookupTerm = (term: string) => term.startsWith('#') || (term.includes('@') && !term.startsWith('@'));

/** How a customer number is kept in the filter (apart from terms, which are quoted). */
export const refKey = (ref: string) => `ref ${ref}`;

export class TermFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    // About 10 bits a term (1 % false "maybe"), a power of two between 8 KiB and 16 MiB.
    let size = 1 << 16;
    while (size < capacity * 10 && size < 1 << 27) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  /** Two 32-bit hashes of the term (FNV-1a, and the same with another basis) for double hashing. */
  private positions(term: string, visit: (bit: number) => boolean): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h2 |= 1;
    for (let k = 0; k < HASHES; k++) if (!visit((h1 + Math.imul(k, h2)) & this.mask)) return false;
    return true;
  }

  add(term: string): void {
    this.positions(term, (bit) => {
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
      return true;
    });
  }

  /**
   * Add a row's lookup terms (its customer number, its email and phone terms) and say
   * whether any of them may have been there already: false means none is in the index or among
   * the rows added before it, so the row matches nothing and needs no lookup. Adding a row that
   * ends up not written only makes later answers "maybe" more often, never wrong.
   */
  admit(keys: MatchKeys): boolean {
    let maybe = false;
    const terms = keys.ref ? [refKey(keys.ref), ...keys.emails, ...keys.phones] : [...keys.emails, ...keys.phones];
    for (const term of terms) {
      if (!isPlain(term)) maybe = true;
      let seen = true;
      this.positions(term, (bit) => {
        const word = this.bits[bit >>> 5] as number;
        const mask = 1 << (bit & 31);
        if ((word & mask) === 0) {
          seen = false;
          this.bits[bit >>> 5] = word | mask;
        }
        return true;
      });
      if (seen) maybe = true;
    }
    return maybe;
  }
}

export type IndexWatch = { filter: TermFilter; state: Buffer | null };

/**
 * Read every lookup term of the index into a filter, when the import is large next to the file
 * (reading costs ~5 µs a customer, a lookup saved ~40 µs a row); null when it is not worth it.
 */
export function watchIndex(db: DB, expectedRows: number): IndexWatch | null {
  const customers = countCustomers(db);
  if (customers > 8 * expectedRows) return null;
  const filter = new TermFilter(customers * 3 + expectedRows * 3);
  for (const term of indexTerms(db)) {
    // Quoted, as the lookups are (matchKeys): for plain-ASCII terms the quoted term is the lookup.
    if (isLookupTerm(term)) filter.add(`"${term}"`);
  }
  for (const ref of customerNumbers(db)) filter.add(refKey(ref));
  return { filter, state: indexState(db) };
}

/** After the import's own step: remember the index as it is now. */
export function noteIndex(db: DB, watch: IndexWatch): void {
  watch.state = indexState(db);
}

/** Before the next step: is the index still as the import left it? */
export function indexUnchanged(db: DB, watch: IndexWatch): boolean {
  const now = indexState(db);
  return now === watch.state || (now !== null && watch.state !== null && now.equals(watch.state));
}
