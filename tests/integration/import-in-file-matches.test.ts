// A row that matches an earlier row of the same file: the preview and the dry run count it as the
// import will (before, "0 match existing customers"), the preview names the row it matches, and
// the import keeps its different email on the record instead of dropping it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../shared/contract';
import { ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { tempDir } from '../support/files';
import { upload } from '../support/imports';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'electron/cli.ts');

// Row 4 is row 2 again with her work email; row 6 is Dee (already in the file) with a phone, and
// row 7 finds Dee by that phone, which only row 6 gave her; row 8 has a bad email.
const CSV = [
  'given_name,family_name,email,phone',
  'Ann,Smith,ann@example.com,07700 900123',
  'Bob,Jones,bob@example.com,',
  'Ann,Smith,ann.work@example.com,07700 900123',
  'Cat,Ng,cat@example.com,07700 900200',
  'Dee,Old,dee@example.com,07700 900555',
  'Dee,Old,,07700 900555',
  'Eve,Bad,not-an-email,',
].join('\n');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, CUSTODIAN_PASSPHRASE: PASSPHRASE },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a row matching an earlier row of the same file', () => {
  it('is shown in the preview as matching that row', async () => {
    const o = await ownerCore();
    await o.ok('customers.create', { given_name: 'Dee', family_name: 'Old', emails: [{ address: 'dee@example.com' }] });
    const p = await o.ok('imports.preview', upload('people.csv', CSV));
    expect(p.matches).toEqual({ total: 3, in_file: 1, by_ref: 0, by_email: 1, by_phone: 2, probable: 0 });
    expect(p.sample.find((r) => r.row === 4)?.match).toEqual({ id: null, row: 2, by: 'phone' });
    expect(p.sample.find((r) => r.row === 6)?.match).toMatchObject({ row: null, by: 'email' });
    expect(p.sample.find((r) => r.row === 7)?.match).toMatchObject({ row: null, by: 'phone' });
    o.core.close();
  });

  it('is counted by the dry run as the import counts it, and keeps its different email', async () => {
    const o = await ownerCore();
    await o.ok('customers.create', { given_name: 'Dee', family_name: 'Old', emails: [{ address: 'dee@example.com' }] });
    o.core.close();
    const data = path.join(tempDir(), 'people.csv');
    fs.writeFileSync(data, CSV);

    const dry = cli(['import', o.file, data, '--dry-run']);
    expect(dry.stdout).toContain('2 match existing customers, 1 match an earlier row of this file');
    const preview = JSON.parse(
      cli(['import', o.file, data, '--dry-run', '--json']).stdout,
    ) as Output<'imports.preview'>;
    const run = cli(['import', o.file, data, '--json']);
    const done = JSON.parse(run.stdout) as Output<'imports.step'>;
    expect(done.status).toBe('finished');
    // What the dry run counted is what the import did.
    expect(done.matched).toBe(preview.matches.total);
    expect(done.created).toBe(preview.valid_rows - preview.matches.total);
    expect(done.rejected).toBe(preview.error_rows);
    expect(done.rows).toBe(preview.rows);

    const again = await reopenAsOwner(o.file);
    const ann = (await again.ok('search.query', { q: 'ann.work@example.com' })).items;
    expect(ann).toHaveLength(1);
    const record = await again.ok('customers.get', { id: ann[0]?.id as number });
    expect(record.emails.map((e) => e.address)).toEqual(['ann@example.com', 'ann.work@example.com']);
    expect((await again.ok('search.query', { q: 'Smith' })).items).toHaveLength(1);
    again.core.close();
  });
});
