// The data-quality commands as people run them: a child process on a real encrypted file.
// `duplicates --json` prints the pairs above the threshold; `retention --dry-run` lists what would
// go and why without changing anything; `retention` erases and prints counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { runCli } from '../support/cli';
import { PASSPHRASE } from '../support/core';

const cli = (args: string[]) => runCli(args);

let dir: string;
let file: string;
const ids: Record<string, number> = {};

/** A file whose records were made years ago (the core's clock set back), then one made now. */
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-cli-quality-'));
  file = path.join(dir, 'shop.custodian');
  let now = new Date('2012-05-01T09:00:00.000Z');
  const core = createCore(file, { now: () => now });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const token = created.value.token;
  const add = async (key: string, input: Parameters<typeof core.call<'customers.create'>>[2]) => {
    const r = await core.call(token, 'customers.create', input);
    if (!r.ok) throw new Error(r.error.message);
    ids[key] = r.value.id;
  };
  await add('margaret', { given_name: 'Margaret', family_name: 'Smith', ref: 'M1', date_of_birth: '1961-04-03' });
  await add('peggy', { given_name: 'Peggy', family_name: 'Smyth', ref: 'P2', date_of_birth: '1961-04-03' });
  await add('old', { given_name: 'Olga', family_name: 'Oldfield', ref: 'O3' });
  now = new Date();
  const fresh = await core.call(null, 'session.signIn', { user_id: created.value.user.id, secret: PASSPHRASE });
  if (!fresh.ok) throw new Error(fresh.error.message);
  // Touched today: Margaret and Peggy are in use; Olga is not.
  for (const key of ['margaret', 'peggy']) {
    const r = await core.call(fresh.value.token, 'customers.verify', { id: ids[key] as number });
    if (!r.ok) throw new Error(r.error.message);
  }
  core.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('custodian duplicates and retention', () => {
  it('prints the candidate pairs as JSON: ids, numbers, score and reasons', () => {
    const r = cli(['duplicates', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pairs = JSON.parse(r.stdout) as {
      a: { id: number; ref: string };
      b: object;
      score: number;
      reasons: string[];
    }[];
    expect(pairs).toHaveLength(1);
    const [pair] = pairs;
    expect(Object.keys(pair ?? {})).toEqual(['a', 'b', 'score', 'reasons']);
    expect([pair?.a, pair?.b]).toEqual(
      expect.arrayContaining([
        { id: ids.margaret, ref: 'M1' },
        { id: ids.peggy, ref: 'P2' },
      ]),
    );
    expect(pair?.score).toBeGreaterThanOrEqual(0.5);
    expect(pair?.reasons).toContain('same date of birth (1961-04-03)');

    const text = cli(['duplicates', file]);
    expect(text.stdout).toMatch(/Margaret Smith/);
  });

  it('retention --dry-run lists what would go and why, and erases nothing', () => {
    const r = cli(['retention', file, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout) as {
      records: { id: number; rule: string; reason: string }[];
      values: { customer_id: number; field: string; reason: string }[];
    };
    const items = listed.records;
    expect(items.map((i) => [i.id, i.rule])).toEqual([[ids.old, 'inactive']]);
    expect(items[0]?.reason).toMatch(/record created 1 May 2012/);
    // A value's retention (72 months for given names, numbers and dates of birth in the register's
    // seeds) runs from the later of its collection and the customer's last activity: Margaret,
    // verified today, keeps hers; Olga, idle since 2012, has hers listed (the family name is a
    // must-have and goes with the record).
    expect(listed.values.filter((v) => v.customer_id === ids.margaret)).toEqual([]);
    expect(listed.values.map((v) => [v.customer_id, v.field])).toEqual([
      [ids.old, 'given_name'],
      [ids.old, 'ref'],
    ]);
    expect(listed.values[0]?.reason).toMatch(/collected 1 May 2012, kept 72 months/);
    const text = cli(['retention', file, '--dry-run']);
    expect(text.stdout).toMatch(/\n1 record and 2 values past their field's retention would be erased \(dry run/);
    expect(text.stdout).toMatch(new RegExp(`^${ids.old}\tO3\tgiven_name\tGiven name collected 1 May 2012`, 'm'));
    expect(cli(['search', file, 'oldfield', '--json']).stdout).toContain('Olga');
  });

  it('retention erases them and prints counts; a second run finds nothing', () => {
    const r = cli(['retention', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Erased 1 record\.\n\s+inactive: 1\nErased \d+ values? past their field's retention\./);
    // Margaret is in use: her given name stays; Olga is gone.
    const search = JSON.parse(cli(['search', file, 'smith', '--json']).stdout) as { given_name: string }[];
    expect(search.map((c) => c.given_name)).toEqual(['Margaret']);
    expect(JSON.parse(cli(['search', file, 'oldfield', '--json']).stdout)).toEqual([]);
    const again = cli(['retention', file, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ erased: {}, values_erased: 0, failed: [], totals: {} });
    expect(cli(['retention', file, '--dry-run']).stdout).toMatch(/No records or values are due/);
    expect(cli(['retention']).code).toBe(2);
  });
});
