// What duplicate detection reads and writes in the database: customers with their emails, phones
// and addresses in id-ordered batches (so a scan of a million records never holds the rows, only
// compact profiles), the candidates for a draft typed at the counter, and "not duplicates".
import type { DB } from '../db/open';
import { all, get, prepare, run, sql } from '../db/sql';
import { matchIds } from '../search/index.queries';
import { ftsToken } from '../search/terms';
import type { ProfileSource } from './compare';

export type SourceRow = { id: number; source: ProfileSource };

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
  const out = readRows(db, ids);
  readContacts(db, out);
  return out;
}

/**
 * The given customers' own rows (names and date of birth), their contact lists left empty for
 * readContacts: a look-up first rules out on these the many candidates that cannot match.
 * Read in id order whatever the order asked: over a large file the pages then come in file
 * order, each decrypted once, instead of at random.
 */
export function readRows(db: DB, ids: readonly number[]): SourceRow[] {
  const out: SourceRow[] = [];
  const one = prepare(db, `SELECT ${COLUMNS} FROM customers WHERE id = ?`).raw(true);
  for (const id of [...new Set(ids)].sort((x, y) => x - y)) {
    const row = one.get(id) as CustomerRow | undefined;
    if (row) out.push(toSource(row));
  }
  return out;
}

/** Fill in the emails, phones and addresses of rows from readRows, in id order. */
export function readContacts(db: DB, rows: readonly SourceRow[]): void {
  for (const row of [...rows].sort((x, y) => x.id - y.id)) {
    attachChildren(db, new Map([[row.id, row.source]]), row.id, row.id);
  }
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

/**
 * One way a record can be a draft's candidate: it holds the search term `term` and, when
 * `prefix` is set, also a term starting with `prefix`. duplicates/draft-matches.ts says which
 * queries a draft asks; the search index answers them one draft at a time (queryIds), or a
 * pass over every record's stored terms answers many drafts' at once (readTermBatches), with
 * the same ids: the index holds exactly the terms stored on each row, in id order.
 */
export type CandidateQuery = { term: string; prefix: string };

/** Ids a query yields at most (the lowest ones, the index's order). */
export const LOOKUP_CAP = 200;

export function queryIds(db: DB, q: CandidateQuery): number[] {
  const expression = q.prefix ? `${ftsToken(q.term, false)} AND ${ftsToken(q.prefix, true)}` : ftsToken(q.term, false);
  return matchIds(db, expression, LOOKUP_CAP);
}

type TermRow = { id: number; terms: string; row: CustomerRow };

/** Every customer with search terms, in id order, `batch` at a time: what the index was built from. */
export function* readTermBatches(db: DB, batch = 2000): Generator<TermRow[]> {
  const select = prepare(
    db,
    `SELECT ${COLUMNS}, terms FROM customers WHERE id > ? AND terms <> '' ORDER BY id LIMIT ?`,
  ).raw(true);
  let after = 0;
  for (;;) {
    const rows = select.all(after, batch) as [...CustomerRow, string][];
    const last = rows.at(-1);
    if (!last) return;
    yield rows.map((r) => ({ id: r[0], terms: r[5], row: [r[0], r[1], r[2], r[3], r[4]] }));
    after = last[0];
  }
}

/** The highest customer id: the file's size, for choosing between the index and a pass. */
export function lastCustomerId(db: DB): number {
  return get<{ n: number }>(db, sql`SELECT coalesce(max(id), 0) AS n FROM customers`)?.n ?? 0;
}

/** A row from readTermBatches as a source for the comparison (its contacts still to read). */
export function termRowSource(row: TermRow): SourceRow {
  return toSource(row.row);
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
