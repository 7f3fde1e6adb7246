// The insight commands as people run them: a child process on a real encrypted file. `segment
// --count` counts a hand-written definition; `--export` takes only those who may be emailed and
// says who was left out; a definition edited into nonsense is named with its place; `report`
// prints the RFM groups and sales as a table or JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { ownerCore } from '../support/core';

const cli = (args: string[]) => runCli(args);

let dir: string;
let file: string;
let definition: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-cli-insight-'));
  file = path.join(dir, 'shop.custodian');
  const o = await ownerCore(file);
  for (const [given, consent] of [
    ['Amy', true],
    ['Ben', true],
    ['Wes', false],
  ] as const) {
    const c = await o.ok('customers.create', {
      given_name: given,
      family_name: 'Fan',
      emails: [{ address: `${given.toLowerCase()}@example.com` }],
      addresses: [{ line1: '1 Quay', postcode: 'BS1 4DJ' }],
      ...(consent ? { consent: { channels: ['email' as const], wording_version: 1 } } : {}),
    });
    await o.ok('purchases.add', {
      customer_id: c.id,
      date: '2025-04-01',
      item: 'Jazz Night',
      category: 'Jazz',
      quantity: 1,
      amount_pence: 1500,
    });
  }
  o.core.close();
  definition = path.join(dir, 'jazz.json');
  fs.writeFileSync(
    definition,
    JSON.stringify({
      version: 1,
      match: {
        all: [
          { kind: 'postcode', level: 'area', values: ['BS'] },
          { kind: 'bought', category: 'Jazz', period: { from: '2025-01-01', to: '2025-12-31' } },
        ],
      },
    }),
  );
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('custodian segment and report', () => {
  it('counts a segment, and exports only those who may be emailed', () => {
    const count = cli(['segment', file, definition, '--count']);
    expect(count.code, count.stderr).toBe(0);
    expect(count.stdout.trim()).toBe('3 customers');
    const out = path.join(dir, 'jazz.csv');
    const exported = cli([
      'segment',
      file,
      definition,
      '--export',
      'csv',
      '--purpose',
      'contact:email',
      '--fields',
      'given_name,email',
      '--out',
      out,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv).toContain('amy@example.com');
    expect(csv).not.toContain('wes@example.com');
    expect(exported.stderr).toContain('Left out 1: 1 no consent to email');
  });

  it('names the place of a mistake in a hand-edited definition, and refuses records as a purpose', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ version: 1, match: { all: [{ kind: 'town', values: [] }] } }));
    const r = cli(['segment', file, bad, '--count']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Choose at least one value');
    expect(r.stderr).toContain('match.all.0.values');
    fs.writeFileSync(bad, '{ not json');
    expect(cli(['segment', file, bad]).stderr).toContain('is not JSON');
    const records = cli(['segment', file, definition, '--export', 'csv', '--purpose', 'records']);
    expect(records.code).toBe(2);
  });

  it('prints the buying patterns as a table and as JSON', () => {
    const rfm = cli(['report', file, 'rfm']);
    expect(rfm.code, rfm.stderr).toBe(0);
    expect(rfm.stdout).toContain('Champions');
    const sales = cli(['report', file, 'sales', '--by', 'category', '--json']);
    expect(sales.code, sales.stderr).toBe(0);
    expect(JSON.parse(sales.stdout).rows[0]).toMatchObject({ key: 'Jazz', purchases: 3, amount_pence: 4500 });
  });
});
