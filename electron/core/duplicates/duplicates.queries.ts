// What duplicate detection reads and writes in the database: customers with their emails, phones
// and addresses in id-ordered batches (so a scan of a million records never holds the rows, only
// compact profiles), the candidates for a draft typed at the counter, and "not duplicates".
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';
import { matchIds } from '../search/index.queries';
import { dateOfBirthTerm, ftsToken } from '../search/terms';
import type { ProfileSource } from './compare';

type SourceRow = { id: number; source: ProfileSource };

type CustomerRow = [number, string, string, string, string];
type ChildRow = [number, string];
type AddressRow = [number, string, string, string, string, string];

/** Fill the children of a batch of customers whose ids lie in [lo, hi]. */
function attachChildren(db: DB, byId: Map<number, ProfileSource>, lo: number, hi: number): void {
  const emails = prepare(
    db,
    'SELECT customer_id, address FROM customer_emails WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, position',
  )
    .raw(true)
    .all(lo, hi) as ChildRow[];
  for (const [id, address] of emails) (byId.get(id)?.emails as string[] | undefined)?.push(address);
  const phones = prepare(
    db,
    'SELECT customer_id, e164 FROM customer_phones WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, position',
  )
    .raw(true)
    .all(lo, hi) as ChildRow[];
  for (const [id, e164] of phones) (byId.get(id)?.phones as string[] | undefined)?.push(e164);
  const addresses = prepare(
    db,
    `SELECT customer_id, line1, line2, town, region, postcode FROM customer_addresses
     WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, position`,
  )
    .raw(true)
    .all(lo, hi) as AddressRow[];
  for (const [id, line1, line2, town, region, postcode] of addresses) {
    const list = byId.get(id)?.addresses as ProfileSource['addresses'][number][] | undefined;
    list?.push({ line1, line2, town, region, postcode });
  }
}

function toSource(row: CustomerRow): SourceRow {
  return {
    id: row[0],
    source: {
      given_name: row[1],
      family_name: row[2],
      preferred_name: row[3],
      date_of_birth: row[4],
      emails: [],
      phones: [],
      addresses: [],
    },
  };
}

const COLUMNS = 'id, given_name, family_name, preferred_name, date_of_birth';

/**
 * Every customer (archived ones only when asked), `batch` at a time, in id order. Small batches
 * keep memory flat: a batch dies young (in V8's nursery) instead of being promoted and piling up
 * as old garbage; 5,000-row batches cost the million-record scan 300 MB more peak memory.
 */
export function* readSourceBatches(db: DB, includeArchived: boolean, batch = 1000): Generator<SourceRow[]> {
  const select = prepare(
    db,
    `SELECT ${COLUMNS} FROM customers WHERE id > ? AND (archived = 0 OR ?) ORDER BY id LIMIT ?`,
  ).raw(true);
  let after = 0;
  for (;;) {
    const rows = (select.all(after, includeArchived ? 1 : 0, batch) as CustomerRow[]).map(toSource);
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last) return;
    attachChildren(db, new Map(rows.map((r) => [r.id, r.source])), first.id, last.id);
    yield rows;
    after = last.id;
  }
}

/** The given customers (for explaining reported pairs and for the counter check). */
export function readSources(db: DB, ids: readonly number[]): SourceRow[] {
  const out: SourceRow[] = [];
  const one = prepare(db, `SELECT ${COLUMNS} FROM customers WHERE id = ?`).raw(true);
  for (const id of ids) {
    const row = one.get(id) as CustomerRow | undefined;
    if (!row) continue;
    const source = toSource(row);
    attachChildren(db, new Map([[id, source.source]]), id, id);
    out.push(source);
  }
  return out;
}

export function countScannable(db: DB, includeArchived: boolean): number {
  return (
    get<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM customers WHERE archived = 0 OR ${includeArchived ? 1 : 0}`,
    ) ?? { n: 0 }
  ).n;
}

/** Name, reference and archived flag of the customers in reported pairs. */
export function readLabels(
  db: DB,
  ids: readonly number[],
): Map<number, { ref: string; name: string; archived: boolean }> {
  const out = new Map<number, { ref: string; name: string; archived: boolean }>();
  const one = prepare(
    db,
    "SELECT coalesce(ref, ''), given_name, family_name, preferred_name, archived FROM customers WHERE id = ?",
  ).raw(true);
  for (const id of ids) {
    const row = one.get(id) as [string, string, string, string, number] | undefined;
    if (!row) continue;
    const name = [row[3] || row[1], row[2]].filter(Boolean).join(' ') || '(no name)';
    out.set(id, { ref: row[0], name, archived: row[4] === 1 });
  }
  return out;
}

/* ---------------------------------------------------------------- the counter check */

const LOOKUP_CAP = 200;
/** An email or phone this many records share is an office's or a household's, not a person's. */
const COMMON_AT = 50;

function idsForTerm(db: DB, term: string): number[] {
  return matchIds(db, ftsToken(term, false), LOOKUP_CAP);
}

/**
 * Records that could be the person a draft describes, found through the indexes the counter
 * search already keeps: a shared email, phone or postcode; a family name (or its first three
 * letters, for misspellings) together with a given name or one of its familiar forms — in either
 * field, so swapped names are found; or the same date of birth (also with day and month swapped).
 */
export function findDraftCandidates(
  db: DB,
  draft: { emailTerms: string[]; phoneTerms: string[]; postcodeTerms: string[]; names: string[][]; dobs: string[] },
): { ids: number[]; common: Set<string> } {
  const ids = new Set<number>();
  const common = new Set<string>();
  for (const term of [...draft.emailTerms, ...draft.phoneTerms, ...draft.postcodeTerms]) {
    const found = idsForTerm(db, term);
    if (found.length >= COMMON_AT) common.add(term);
    for (const id of found) ids.add(id);
  }
  const [first = [], second = []] = draft.names;
  for (const x of first) {
    for (const y of second) {
      // Either name's first three letters as a prefix (a misspelt rest), the other name exact.
      for (const [exact, prefix] of [
        [x, y.slice(0, 3)],
        [y, x.slice(0, 3)],
      ] as const) {
        if (!exact || prefix.length < 2) continue;
        const expression = `${ftsToken(exact, false)} AND ${ftsToken(prefix, true)}`;
        for (const id of matchIds(db, expression, LOOKUP_CAP)) ids.add(id);
      }
    }
  }
  for (const dob of draft.dobs) for (const id of idsForTerm(db, dateOfBirthTerm(dob))) ids.add(id);
  return { ids: [...ids], common };
}

/* ---------------------------------------------------------------- "not duplicates" */

export function readDismissals(db: DB): Set<string> {
  const rows = all<{ a_id: number; b_id: number }>(db, sql`SELECT a_id, b_id FROM duplicate_dismissals`);
  return new Set(rows.map((r) => pairKey(r.a_id, r.b_id)));
}

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Remember a pair as distinct; false when it already was. */
export function insertDismissal(db: DB, a: number, b: number, userId: number, now: string): boolean {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const { changes } = run(
    db,
    sql`INSERT OR IGNORE INTO duplicate_dismissals (a_id, b_id, dismissed_by, dismissed_at)
        VALUES (${lo}, ${hi}, ${userId}, ${now})`,
  );
  return changes > 0;
}
