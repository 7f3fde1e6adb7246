// The search index, in one place: every read and write of the FTS5 table `search_index` (created
// by the migrations, contentless, holding each customer's `terms` under its id). Writers keep it
// in step with customers.terms in the caller's transaction; readers ask it for ids by a MATCH
// expression (terms.ts builds them). This is the module a second engine replaces with its own
// full-text search (PostgreSQL: a tsvector column and a GIN index, or pg_trgm).
import type { DB } from '../db/open';
import { get, prepare, run, sql } from '../db/sql';

/* ---------------------------------------------------------------- writes */

export function writeTerms(db: DB, id: number, terms: string): void {
  if (terms) prepare(db, 'INSERT INTO search_index (rowid, terms) VALUES (?, ?)').run(id, terms);
}

/** A contentless FTS5 entry is removed by repeating exactly what was indexed. */
export function removeTerms(db: DB, id: number, terms: string): void {
  if (terms) termRemover(db)(id, terms);
}

/** The remover as a function, for a loop over many records (undo of an import, erasure). */
export function termRemover(db: DB): (id: number, terms: string) => void {
  const remove = prepare(db, "INSERT INTO search_index (search_index, rowid, terms) VALUES ('delete', ?, ?)");
  return (id, terms) => {
    if (terms) remove.run(id, terms);
  };
}

/**
 * A batch's terms in one statement, ids first, first + 1, …: FTS5 writes its buffered terms out as
 * a new segment whenever a later statement opens a savepoint, so the bulk writer calls this last.
 */
export function writeBatchTerms(db: DB, first: number, texts: readonly string[]): void {
  run(
    db,
    sql`INSERT INTO search_index (rowid, terms)
          SELECT ${first} + key, value FROM json_each(${JSON.stringify(texts)}) WHERE value <> ''`,
  );
}

/** In meta while records are being removed without their index entries; the rebuild that follows clears it. */
const REBUILD_PENDING = 'search_index_rebuild';

/** Say that the search index must be built again: before removing records without their entries. */
export function markSearchRebuild(db: DB): void {
  run(db, sql`INSERT OR IGNORE INTO meta (key, value) VALUES (${REBUILD_PENDING}, '1')`);
}

/** A rebuild was asked for and not done (cut off by a crash): the index may hold records already gone. */
export function searchRebuildPending(db: DB): boolean {
  return get(db, sql`SELECT 1 FROM meta WHERE key = ${REBUILD_PENDING}`) !== undefined;
}

/**
 * The search index built again from the terms stored on every row: 'delete-all' drops every
 * segment (and secure_delete zeroes their pages), then what stays is indexed in one statement.
 * For when many records go at once: removing each one's terms (FTS5 secure-delete) takes about
 * 10 ms a record in a file of 1,000,000, indexing what stays about 14 µs a record.
 */
export function rebuildSearchIndex(db: DB): void {
  db.transaction(() => {
    run(db, sql`INSERT INTO search_index (search_index) VALUES ('delete-all')`);
    run(db, sql`INSERT INTO search_index (rowid, terms) SELECT id, terms FROM customers WHERE terms <> ''`);
    run(db, sql`DELETE FROM meta WHERE key = ${REBUILD_PENDING}`);
  })();
}

/* ---------------------------------------------------------------- reads */

/** Ids of up to `cap` records matching an FTS5 expression, in the index's order. */
export function matchIds(db: DB, expression: string, cap: number): number[] {
  const rows = prepare(db, 'SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?')
    .raw(true)
    .all(expression, cap) as [number][];
  return rows.map((r) => r[0]);
}

/**
 * The lowest id matching a term, as a function for a loop (the import's matcher). Its own
 * statement, not the shared cache: pluck() changes a statement for every user of it.
 */
export function firstMatcher(db: DB): (expression: string) => number | undefined {
  const statement = db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid LIMIT 1');
  statement.pluck();
  return (expression) => statement.get(expression) as number | undefined;
}

/** The index's structure record: FTS5 rewrites it whenever anything is added to the index. */
export function indexState(db: DB): Buffer | null {
  const row = get<{ block: Buffer }>(db, sql`SELECT block FROM search_index_data WHERE id = 10`);
  return row?.block ?? null;
}

/** Every distinct term in the index (an fts5vocab table over it, in this connection's temp schema). */
export function* indexTerms(db: DB): Generator<string> {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, search_index, row)');
  const statement = db.prepare('SELECT term FROM temp.search_terms');
  statement.pluck();
  yield* statement.iterate() as Iterable<string>;
}
