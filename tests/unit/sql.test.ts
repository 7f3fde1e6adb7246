// The query layer's tag: values become bound parameters, and a Query among the values is spliced
// in as a fragment (its text in place, its parameters in order), never as a parameter.
import { describe, expect, it } from 'vitest';
import { sql } from '../../electron/core/db/sql';

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
