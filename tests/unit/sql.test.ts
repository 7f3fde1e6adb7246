// The query layer's tag: values become bound parameters, and a Query among the values is spliced
// in as a fragment (its text in place, its parameters in order), never as a parameter.
import { describe, expect, it } from 'vitest';
import { ident, idents, join, list, sql } from '../../electron/core/db/sql';

describe('sql``', () => {
  it('binds values and splices fragments with their parameters in order', () => {
    expect(sql`SELECT * FROM t WHERE a = ${1} AND b = ${'x'}`).toEqual({
      text: 'SELECT * FROM t WHERE a = ? AND b = ?',
      params: [1, 'x'],
    });
    const inner = sql`c IN (${2}, ${3})`;
    expect(sql`SELECT * FROM t WHERE a = ${1} AND ${inner} AND d = ${Buffer.from('z')}`).toEqual({
      text: 'SELECT * FROM t WHERE a = ? AND c IN (?, ?) AND d = ?',
      params: [1, 2, 3, Buffer.from('z')],
    });
    expect(sql`${sql`x = ${sql`${4}`}`}`).toEqual({ text: 'x = ?', params: [4] });
  });
});

describe('list, ident, idents and join', () => {
  it('binds every value of a list, and refuses an empty one', () => {
    expect(sql`SELECT * FROM t WHERE id IN (${list([3, 4, 5])}) AND a = ${'x'}`).toEqual({
      text: 'SELECT * FROM t WHERE id IN (?, ?, ?) AND a = ?',
      params: [3, 4, 5, 'x'],
    });
    expect(() => list([])).toThrow(/empty list/);
  });

  it('splices a name only when it is on the fixed list', () => {
    const TABLES = ['customer_emails', 'customer_phones'] as const;
    expect(sql`DELETE FROM ${ident('customer_phones', TABLES)} WHERE customer_id = ${7}`).toEqual({
      text: 'DELETE FROM customer_phones WHERE customer_id = ?',
      params: [7],
    });
    const hostile = 'customer_emails; DROP TABLE users' as (typeof TABLES)[number];
    expect(() => ident(hostile, TABLES)).toThrow(/not an allowed name/);
    expect(() => ident('users' as (typeof TABLES)[number], TABLES)).toThrow(/not an allowed name/);
    // A name on the list that is not a plain identifier is refused too.
    expect(() => ident('a b', ['a b'])).toThrow(/not an allowed name/);
    expect(sql`INSERT INTO t (${idents(['a', 'b'], ['a', 'b', 'c'])}) VALUES (${list([1, 2])})`).toEqual({
      text: 'INSERT INTO t (a, b) VALUES (?, ?)',
      params: [1, 2],
    });
  });

  it('joins fragments with their parameters in order', () => {
    const tests = [sql`a = ${1}`, sql`b = ${2}`, sql`c IS NULL`];
    expect(sql`SELECT 1 WHERE ${join(tests, ' AND ')}`).toEqual({
      text: 'SELECT 1 WHERE a = ? AND b = ? AND c IS NULL',
      params: [1, 2],
    });
    expect(join([], ' OR ')).toEqual({ text: '', params: [] });
  });
});
