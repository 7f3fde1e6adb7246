// The owner sees, in the app, that an older copy of the file was put back (the audit log's end
// disagrees with this computer's copy of it), and can acknowledge it; the warning then goes and
// the acknowledgement is in the audit trail.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ownerCore, reopenAsOwner } from '../support/core';
import { expectAccessible, heading, openApp, PASSPHRASE, searchBox, setupE2E, tempDir, unlock } from './support';

setupE2E();

describe('the audit trail warning in Chromium', () => {
  test('an older copy put back: the owner is warned on opening and acknowledges it', async () => {
    const file = path.join(tempDir(), 'customers.custodian');
    const first = await ownerCore(file);
    await first.ok('customers.create', { given_name: 'Ann', family_name: 'Before' });
    first.core.close();
    fs.copyFileSync(file, `${file}.backup`);
    const later = await reopenAsOwner(file);
    await later.ok('customers.create', { given_name: 'Bob', family_name: 'After' });
    later.core.close();
    fs.copyFileSync(`${file}.backup`, file);
    expect(PASSPHRASE).toBe('correct horse battery staple');

    const { page } = await openApp(file);
    await unlock(page, PASSPHRASE);
    await searchBox(page).waitFor();
    const warning = page.getByRole('alert', { name: 'Audit trail warning' });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/older or different copy of the file was put in its place/);
    await expectAccessible(page, 'audit warning');
    await warning.getByRole('button', { name: /acknowledge/ }).click();
    await warning.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Audit' }).click();
    await heading(page, 'Audit trail').waitFor();
    const rows = await page.getByRole('table').getByRole('row').allTextContents();
    expect(rows.some((r) => r.includes('Acknowledged audit trail warnings'))).toBe(true);
    expect(rows.some((r) => r.includes('Found a problem with the audit trail on opening'))).toBe(true);
  });
});
