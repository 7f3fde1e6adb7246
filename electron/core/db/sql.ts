// The query layer: SQL text only through this tagged template, so values are always bound
// parameters and never spliced into the text. `sql\`SELECT … WHERE id = ${id}\`` → [text, params].
// What may be spliced is SQL itself: a fragment built by the tag (a keyword chosen by a flag is
// sql`NOTHING` or sql`DESC`), a list of bound values (list), and a table or column name taken
// from a fixed list (ident). Nothing else reaches the text, so no query is built from a string.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { DB } from './open';

export type Statement = Database.Statement<unknown[]>;

export type Query = { text: string; params: unknown[] };

const isQuery = (v: unknown): v is Query =>
  typeof v === 'object' && v !== null && 'text' in v && 'params' in v && Array.isArray(v.params);

/**
 * A Query among the values is a fragment: its text goes in place and its parameters in order, so
 * a rule written once as SQL (consent/contactable.queries.ts) can sit inside many queries.
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

/** Values joined by commas, each bound: `sql\`… IN (${list(ids)})\``. An empty list is refused (`IN ()` is not SQL). */
export function list(values: readonly unknown[]): Query {
  if (values.length === 0) throw new Error('sql list: an empty list has no SQL form; test for it before querying.');
  return { text: values.map(() => '?').join(', '), params: [...values] };
}

/**
 * A table or column name chosen from a fixed list, spliced as text (names cannot be bound). A name
 * not on the list is refused, so no name ever comes from input: `ident(table, CHILD_TABLES)`.
 */
export function ident<T extends string>(name: T, allowed: readonly T[]): Query {
  if (!allowed.includes(name) || !/^[a-z_][a-z0-9_]*$/i.test(name)) {
    throw new Error(`sql ident: ${JSON.stringify(name).slice(0, 60)} is not an allowed name.`);
  }
  return { text: name, params: [] };
}

/** Names from a fixed list, comma-separated (`INSERT INTO t (${idents(cols, COLUMNS)})`). */
export function idents<T extends string>(names: readonly T[], allowed: readonly T[]): Query {
  return join(
    names.map((n) => ident(n, allowed)),
    ', ',
  );
}

/** Fragments joined by a fixed separator (`' AND '`, `', '`), their parameters in order. */
export function join(fragments: readonly Query[], separator: ', ' | ' AND ' | ' OR ' | ' UNION ALL ' | ' '): Query {
  return {
    text: fragments.map((f) => f.text).join(separator),
    params: fragments.flatMap((f) => f.params),
  };
}

const cache = new WeakMap<DB, Map<string, Statement>>();

/**
 * Prepared statements are cached per connection: the counter search prepares nothing per key. A
 * Query prepared for reuse carries no values of its own (its `?` are bound at each run).
 */
export function prepare(db: DB, query: string | Query): Statement {
  if (typeof query !== 'string' && query.params.length > 0) {
    throw new Error('sql prepare: a statement kept for reuse takes its values at each run, not in its text.');
  }
  const text = typeof query === 'string' ? query : query.text;
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
