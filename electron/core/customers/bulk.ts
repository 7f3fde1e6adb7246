// Many new customers at once (imports, the benchmark), with the same stored result as calling
// insertCustomer per row: the same columns (one mapping, newCustomerRow and childRowsOf), search
// terms, child rows and completeness counters (tests/integration/bulk-insert.test.ts compares the
// two files table by table). What made it faster (measured with `npm run bench`, encrypted):
//   - multi-row INSERT statements for every table: 57 → 49 µs of processor time a row
//   - a rollback journal instead of the WAL while committing a batch (see withBulkSettings): +12 %
//   - no savepoint of its own inside a caller's transaction: with one open, a 10,000-row batch
//     at 1,000,000 customers ran at 8,400 rows/s; without, 14,700
//   - the search terms of a whole batch in one statement, after the others: FTS5 writes its
//     buffered terms out as a segment whenever a later statement opens a savepoint (+8 %)
//   - no column index on the date of birth (migration 0010): a random page per new record
//     meant rewriting most of that index at every commit (+30 % at 300,000 rows)
// What is left is SQLite's own work: the search index (FTS5 and its 2- and 3-letter prefix
// indexes), the child rows, the customers row and its indexes, and encrypting (AES and an
// HMAC-SHA512 per page, SQLCipher 4) and writing the pages. Tried without enough gain to keep:
// FTS5 'hashsize' (64 MiB), 16 or 256 rows per statement, the completeness counters updated once
// per batch instead of by their per-row trigger (−1.3 µs), synchronous=NORMAL, a larger page cache.
import type { CustomerData } from '../../../shared/customer';
import type { DB } from '../db/open';
import { setJournal, withCacheSize } from '../db/pragmas';
import type { Statement } from '../db/sql';
import { writeBatchTerms } from '../search/index.queries';
import { customerTerms } from '../search/terms';
import {
  AT_THE_COUNTER,
  CHILD_TABLES,
  childRowsOf,
  insertStatement,
  newCustomerRow,
  nextCustomerId,
  type Origin,
} from './customers.queries';

/** Rows per INSERT statement: past ~64 the statement's own cost is already small per row. */
const ROWS_PER_STATEMENT = 64;

/** Batches from this size on commit with the bulk settings (below, switching journals costs more than it saves). */
const BULK_FROM = 200;

/** The page cache while bulk writing, in KiB as PRAGMA cache_size takes it (negative). */
const BULK_CACHE_KIB = -16_384;

/** Rows of one table, written ROWS_PER_STATEMENT at a time (a statement per row count, kept for the batch). */
class Inserter {
  private values: unknown[] = [];
  private rows = 0;
  private readonly statements = new Map<number, Statement>();
  constructor(private readonly statementFor: (rows: number) => Statement) {}

  add(values: readonly unknown[]): void {
    for (const v of values) this.values.push(v);
    if (++this.rows === ROWS_PER_STATEMENT) this.flush();
  }

  flush(): void {
    if (this.rows === 0) return;
    let statement = this.statements.get(this.rows);
    if (!statement) {
      statement = this.statementFor(this.rows);
      this.statements.set(this.rows, statement);
    }
    statement.run(this.values);
    this.values = [];
    this.rows = 0;
  }
}

/**
 * Insert `rows` (already validated) in order and return their new ids, in the same order. Runs in
 * the caller's transaction or in its own: a failure (say a customer number
 * already used) leaves nothing behind, counters and triggers included.
 */
export function insertCustomers(
  db: DB,
  rows: readonly CustomerData[],
  userId: number,
  now: string,
  origin: Origin = AT_THE_COUNTER,
  /** The rows' customerTerms joined by spaces, when already worked out (an import's reading thread does). */
  terms?: readonly string[],
): number[] {
  if (rows.length === 0) return [];
  const write = () => {
    const first = nextCustomerId(db);
    const ids = rows.map((_, i) => first + i);
    const inserter = (table: string, columns: string[]) => new Inserter((n) => insertStatement(db, table, columns, n));
    let customers: Inserter | undefined;
    const children = new Map<string, Inserter>();
    const texts: string[] = [];
    for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(from, from + ROWS_PER_STATEMENT);
      chunk.forEach((data, i) => {
        const text = terms?.[from + i] ?? customerTerms(data).join(' ');
        const row = newCustomerRow(data, text, userId, now, origin);
        customers ??= inserter('customers', ['id', ...Object.keys(row)]);
        customers.add([first + from + i, ...Object.values(row)]);
        texts.push(text);
      });
      // Children after their customers: foreign keys are checked per statement.
      customers?.flush();
      chunk.forEach((data, i) => {
        const id = first + from + i;
        const childRows = childRowsOf(data);
        for (const table of CHILD_TABLES) {
          for (const child of childRows[table]) {
            let rowsOf = children.get(table);
            if (!rowsOf) {
              rowsOf = inserter(table, ['customer_id', ...Object.keys(child)]);
              children.set(table, rowsOf);
            }
            rowsOf.add([id, ...Object.values(child)]);
          }
        }
      });
    }
    for (const rowsOf of children.values()) rowsOf.flush();
    // One statement for the whole batch's search terms, after every other statement: FTS5 writes
    // its buffered terms out as a new segment whenever a later statement opens a savepoint.
    writeBatchTerms(db, first, texts);
    return ids;
  };
  // In a caller's transaction the caller commits (and may use withBulkSettings around it).
  if (db.inTransaction) return write();
  const own = db.transaction(write);
  return rows.length < BULK_FROM ? own() : withBulkSettings(db, own);
}

/**
 * Run `commit` (work that commits one large batch of a series, outside any transaction) with the
 * settings bulk writing wants:
 *   - a rollback journal (TRUNCATE) instead of the WAL, back to the WAL afterwards. In WAL mode
 *     every new page is encrypted into the WAL, then decrypted and encrypted again when the
 *     checkpoint copies it into the file; with a rollback journal a page appended to the file is
 *     encrypted and written once (only the few existing pages a batch changes are journalled,
 *     encrypted too). +12 % at 1,000,000 rows against a 64 MiB WAL. Just as safe: a batch cut
 *     off by a crash is rolled back from the journal when the file is next opened
 *     (tests/integration/bulk-insert.test.ts).
 *   - a small page cache, which is both faster for a write-only stream of new pages and keeps an
 *     import of a million rows within its memory budget (the 128 MiB the counter search likes is
 *     given back afterwards).
 */
export function withBulkSettings<T>(db: DB, commit: () => T): T {
  // Inside a transaction the journal cannot change: the caller's own settings stay.
  const journal = !db.inTransaction;
  if (journal) setJournal(db, 'TRUNCATE');
  try {
    return withCacheSize(db, BULK_CACHE_KIB, commit);
  } finally {
    if (journal) backToWal(db);
  }
}

/** The WAL again (its -journal file goes); if the disk refuses even that, the rollback journal is as safe until the next open. */
function backToWal(db: DB): void {
  try {
    setJournal(db, 'WAL');
  } catch (error) {
    console.error('[custodian] could not return to the WAL:', (error as Error)?.message?.slice(0, 200));
  }
}
