// `custodian segment … --export` as people run it (a child process on a real encrypted file):
// address labels as a PDF for those who may be written to (read back with pdftotext); a segment
// nobody in may be contacted on the channel says so and writes no file; and definition files
// edited by hand into nonsense are each refused with plain words and the place of the mistake.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDefinition } from '../../electron/cli/segment';
import { runCli } from '../support/cli';
import { ownerCore } from '../support/core';
import { needTools } from '../support/tools';

let dir: string;
let file: string;
let definition: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-cli-segment-'));
  file = path.join(dir, 'shop.custodian');
  const o = await ownerCore(file);
  for (const [given, consent, line1] of [
    ['Amy', true, '1 Quay Street'],
    ['Ben', true, '2 Quay Street'],
    ['Wes', false, '3 Quay Street'],
    ['Ned', true, ''],
  ] as const) {
    await o.ok('customers.create', {
      given_name: given,
      family_name: 'Fan',
      emails: [{ address: `${given.toLowerCase()}@example.com` }],
      addresses: [line1 ? { line1, town: 'Bristol', postcode: 'BS1 4DJ' } : { postcode: 'BS1 4DJ' }],
      ...(consent ? { consent: { channels: ['post' as const], wording_version: 1 } } : {}),
    });
  }
  o.core.close();
  definition = path.join(dir, 'bristol.json');
  fs.writeFileSync(
    definition,
    JSON.stringify({ version: 1, match: { all: [{ kind: 'postcode', level: 'area', values: ['BS'] }] } }),
  );
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('custodian segment --export', () => {
  it('prints address labels for those who may be written to, and counts the rest out', { timeout: 180_000 }, (ctx) => {
    needTools(ctx, 'pdftotext');
    const out = path.join(dir, 'labels.pdf');
    const r = runCli(['segment', file, definition, '--export', 'labels', '--purpose', 'contact:post', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Printed 2 address labels to ${out}.`);
    expect(r.stderr).toContain('Left out 2: 1 no consent to post, 1 no postal address');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Amy Fan');
    expect(text).toContain('2 Quay Street');
    expect(text).not.toMatch(/Wes|Ned/);
    const email = runCli(['segment', file, definition, '--export', 'labels', '--purpose', 'contact:email']);
    expect(email.code).toBe(2);
    expect(email.stderr).toContain('--export labels --purpose contact:post');
  });

  it('says nobody may be contacted, and writes no file, when nobody may', () => {
    const out = path.join(dir, 'texts.csv');
    const r = runCli(['segment', file, definition, '--export', 'csv', '--purpose', 'contact:sms', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Nobody in this segment may be contacted by SMS today (4 people left out: 4 no consent to SMS): nothing was exported.',
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses definition files edited into nonsense, each in words with its place', { timeout: 180_000 }, () => {
    const cases: [unknown, string][] = [
      [[1, 2, 3], 'A segment definition is one JSON object'],
      [{ version: 2, match: { all: [] } }, 'not version 1'],
      [{ version: 1, match: { every: [] } }, 'The match is one group: {"all": [ … ]} or {"any": [ … ]}. (at match)'],
      [
        { version: 1, match: { all: [{ kind: 'star_sign', values: ['Leo'] }] } },
        '“star_sign” is not a kind of condition: use one of postcode, region',
      ],
      [{ version: 1, match: { all: [{ any: [{ not: 'BS' }] }] } }, '(at match.all.0.any.0.not)'],
      [
        { version: 1, match: { all: [{ kind: 'bought', period: { from: '2025-12-31', to: '2025-01-01' } }] } },
        'The period ends before it starts',
      ],
    ];
    const bad = path.join(dir, 'bad.json');
    // Each file through the command line's own reader (a process per file is ten seconds on a
    // loaded machine), then one of them, and a file that is not JSON, through the command line.
    for (const [json, message] of cases) {
      fs.writeFileSync(bad, JSON.stringify(json));
      expect(() => readDefinition(bad), JSON.stringify(json)).toThrow(message);
    }
    fs.writeFileSync(bad, JSON.stringify(cases[3]?.[0]));
    const r = runCli(['segment', file, bad, '--count']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad} is not a segment definition: “star_sign” is not a kind of condition`);
    expect(r.stderr).toContain('(at match.all.0.kind)');
    fs.writeFileSync(bad, '');
    expect(runCli(['segment', file, bad]).stderr).toContain('is not JSON');
  });
});
