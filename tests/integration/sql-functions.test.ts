// The SQL functions the store adds to SQLite (electron/core/db/functions.ts), on a real encrypted
// file: tally_pairs must give exactly what GROUP BY gives, on seeded random rows with ties,
// repeated keys, NULL keys and NULL values.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { prng } from '../bench/synthetic';
import { PASSPHRASE } from '../support/core';
import { tempFile } from '../support/files';

type Cell = [unknown, unknown, number, number];

const sorted = (cells: Cell[]) => [...cells].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

describe('tally_pairs', () => {
  it('counts each pair and sums its values as GROUP BY does', () => {
    const db = openDatabase(tempFile(), PASSPHRASE, { create: true });
    db.exec('CREATE TEMP TABLE r (a TEXT, b INTEGER, v INTEGER)');
    const insert = db.prepare('INSERT INTO r (a, b, v) VALUES (?, ?, ?)');
    for (const seed of [1, 2, 3]) {
      db.exec('DELETE FROM r');
      const rand = prng(seed);
      for (let i = 0; i < 3000; i++) {
        const day = rand() < 0.02 ? null : `2025-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 10)}`;
        const v = rand() < 0.05 ? null : Math.floor(rand() * 20_000) - 2_000;
        insert.run(day, 1 + Math.floor(rand() * 6), v);
      }
      const tallied = JSON.parse(
        (db.prepare('SELECT tally_pairs(a, b, v) AS t FROM r').get() as { t: string }).t,
      ) as Cell[];
      const grouped = (
        db.prepare('SELECT a, b, count(*) AS k, coalesce(sum(v), 0) AS m FROM r GROUP BY a, b').all() as {
          a: unknown;
          b: unknown;
          k: number;
          m: number;
        }[]
      ).map((g): Cell => [g.a, g.b, g.k, g.m]);
      expect(grouped.length).toBeGreaterThan(50);
      expect(sorted(tallied)).toEqual(sorted(grouped));
    }
    // No rows: an empty tally, which json_each reads as no pairs.
    db.exec('DELETE FROM r');
    const none = db.prepare('SELECT count(*) AS n FROM json_each((SELECT tally_pairs(a, b, v) FROM r))').get() as {
      n: number;
    };
    expect(none.n).toBe(0);
    db.close();
  });
});
