// The query layer: SQL text only through this tagged template, so values are always bound
// parameters and never spliced into the text. `sql\`SELECT … WHERE id = ${id}\`` → [text, params].
import type Database from 'better-sqlite3-multiple-ciphers';
import type { DB } from './open';

export type Statement = Database.Statement<unknown[]>;

export type Query = { text: string; params: unknown[] };

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Query {
  return { text: strings.join('?'), params: values };
}

const cache = new WeakMap<DB, Map<string, Statement>>();

/** Prepared statements are cached per connection: the counter search prepares nothing per key. */
export function prepare(db: DB, text: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = db.prepare<unknown[]>(text);
    statements.set(text, statement);
  }
  return statement;
}

export function all<T>(db: DB, q: Query): T[] {
  return prepare(db, q.text).all(...q.params) as T[];
}

export function get<T>(db: DB, q: Query): T | undefined {
  return prepare(db, q.text).get(...q.params) as T | undefined;
}

export function run(db: DB, q: Query): { changes: number; lastInsertRowid: number | bigint } {
  return prepare(db, q.text).run(...q.params);
}
