// `custodian pack` and `custodian merge-pack` as people run them: child processes on real encrypted
// files. A pack is made with a look-up list of chosen customer numbers and fields and its own
// passphrase (the main one refused); work done at the event is merged back with --dry-run first,
// then for real, and a second merge of the same pack is refused with the main file unchanged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { runCli } from '../support/cli';
import { ownerCore, PASSPHRASE, signedIn } from '../support/core';

const PACK = 'lantern meadow copper violin';

let dir: string;
let file: string;
let packFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-cli-packs-'));
  file = path.join(dir, 'shop.custodian');
  packFile = path.join(dir, 'fair.custodian-pack');
  const o = await ownerCore(file);
  await o.ok('staff.create', { name: 'Vera Volunteer', role: 'volunteer', pin: '4821' });
  await o.ok('customers.create', {
    ref: 'M1',
    given_name: 'Ann',
    family_name: 'Archer',
    emails: [{ address: 'ann@example.com' }],
  });
  await o.ok('customers.create', { ref: 'M2', given_name: 'Bob', family_name: 'Baker' });
  o.core.close();
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('custodian pack and merge-pack', () => {
  it('refuses the main passphrase for a pack, then makes one with only the chosen fields', () => {
    const args = [
      'pack',
      file,
      packFile,
      '--refs',
      'M1',
      '--fields',
      'ref,given_name,family_name',
      '--event',
      'Fair',
      '--date',
      '2026-07-04',
      '--laptop',
      'L2',
      '--accounts',
      'Vera Volunteer',
    ];
    const same = runCli(args, { CUSTODIAN_PACK_PASSPHRASE: PASSPHRASE });
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/its own passphrase/);
    expect(fs.existsSync(packFile)).toBe(false);
    const made = runCli(args, { CUSTODIAN_PACK_PASSPHRASE: PACK });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(
      /Made the pack for Fair \(2026-07-04, L2\): 1 record to look up \(ref, given_name, family_name\), 1 account\./,
    );
    expect(made.stdout).toMatch(/pack id [0-9a-f]{32}/);
    expect(fs.existsSync(packFile)).toBe(true);
    const unknown = runCli(['pack', file, path.join(dir, 'x.custodian-pack'), '--fields', 'notes'], {
      CUSTODIAN_PACK_PASSPHRASE: PACK,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/notes cannot go in a look-up list/);
  }, 300_000);

  it('merges the event back with --dry-run first, then once only', async () => {
    // The event: a new person signed up with consent.
    const core = createCore(packFile);
    const opened = await core.call(null, 'vault.unlock', { passphrase: PACK });
    if (!opened.ok) throw new Error(opened.error.message);
    const ev = signedIn(core, opened.value.token, packFile);
    const wording = await ev.ok('consent.wording.get', {});
    await ev.ok('customers.create', {
      given_name: 'Cara',
      family_name: 'Cole',
      emails: [{ address: 'cara@example.com' }],
      consent: { channels: ['email'], wording_version: wording.version, method: 'event' },
    });
    core.close();

    const dry = runCli(['merge-pack', file, packFile, '--dry-run'], { CUSTODIAN_PACK_PASSPHRASE: PACK });
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toMatch(/Would merge the pack for Fair \(2026-07-04, L2\): 1 sign-up\./);
    expect(dry.stdout).toMatch(/Nothing was written/);
    const merged = runCli(['merge-pack', file, packFile, '--json'], { CUSTODIAN_PACK_PASSPHRASE: PACK });
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ dry_run: false, signups: 1, created: 1, consents: 1 });
    const again = runCli(['merge-pack', file, packFile], { CUSTODIAN_PACK_PASSPHRASE: PACK });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already merged .* a pack merges once\. Nothing in the customer file was changed\./);
    const wrong = runCli(['merge-pack', file, packFile], { CUSTODIAN_PACK_PASSPHRASE: 'not the pack passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/pack's passphrase is wrong/);
    const search = runCli(['search', file, 'Cara', '--json']);
    expect(JSON.parse(search.stdout)).toHaveLength(1);
  }, 300_000);
});
