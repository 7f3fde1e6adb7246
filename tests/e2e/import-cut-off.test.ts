// Browser end-to-end: an import killed halfway (tests/support/kill-in-import.ts) is taken back
// when the window next opens the file, and the owner sees, once, what was taken back.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import { openApp, PASSPHRASE, ROOT, search, setupE2E, tempDir, unlock } from './support';

setupE2E();

describe('an import cut off by a kill, in the window', () => {
  test('is taken back at the next unlock and the owner is told, once, with the counts', async () => {
    const dir = tempDir();
    const owner = await ownerCore(path.join(dir, 'cut.custodian'));
    owner.core.close();
    const data = path.join(dir, 'people.csv');
    const rows = Array.from({ length: 6000 }, (_, i) => `Given${i},Cutoff${i},p${i}@example.com`);
    fs.writeFileSync(data, ['given_name,family_name,email', ...rows].join('\n'));
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tests/support/kill-in-import.ts'), owner.file, PASSPHRASE, data, '1'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const { created } = JSON.parse(child.stdout) as { created: number };

    const { page } = await openApp(owner.file);
    await unlock(page, PASSPHRASE);
    const notice = page.getByRole('status').filter({ hasText: 'The import of people.csv started on' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(
      `was cut off after ${created.toLocaleString('en-GB')} rows; it was taken back when the file was next opened (${created.toLocaleString('en-GB')} records it had added removed). Nothing from it remains.`,
    );
    expect(await search(page, 'Cutoff1')).toEqual([]);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });
});
