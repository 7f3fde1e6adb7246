// The query layer: SQL text only through this tagged template, so values are always bound
// parameters and never spliced into the text. `sql\`SELECT … WHERE id = ${id}\`` → [text, params].
import type Database from 'better-sqlite3-multiple-ciphers';
import type { DB } from './open';

export type Statement = Database.Statement<unknown[]>;

export type Query = { text: string; params: unknown[] };

const isQuery = (v: unknown): v is Query =>
  typeof v === 'object' && v !== null && 'text' in v && 'params' in v && Array.isArray(v.params);

/**
 * A Query among the values is a fragment: its text goes in place and its parameters in order, so
 * a rule written once as SQL (consent/contactable.ts) can sit inside many queries.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Query {
  if (!values.some(isQuery)) return { text: strings.join('?'), params: values };
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (isQuery(v)) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
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
