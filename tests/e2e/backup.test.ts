// Browser end-to-end for backups, in Debian's Chromium against the real core (in its worker
// thread, as in the app): the warning until a folder is chosen, Back up now, a changed record,
// then Restore… with its preview (when, by whom, what it holds, checked in a separate process),
// the file closed, opened again, and the record as it was. axe on the new screens.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  addCustomer,
  createFile,
  expectAccessible,
  heading,
  OWNER,
  openApp,
  PASSPHRASE,
  search,
  searchBox,
  setupE2E,
  tempDir,
  unlock,
} from './support';

setupE2E();

async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
}

describe('backups in Chromium', () => {
  test('back up, change a record, restore the backup with its preview and see the record as it was', async () => {
    const { page } = await openApp();
    await createFile(page);
    const warning = page.getByRole('status', { name: 'Backup warning' });
    await warning.getByText(/No backup folder is chosen/).waitFor();
    await addCustomer(page, { given: 'Ada', family: 'Lovelace' });

    const folder = path.join(tempDir(), 'usb');
    fs.mkdirSync(folder);
    await openPage(page, 'Settings');
    await page.getByLabel('Folder for backups').fill('/no/such/stick');
    await page.getByRole('button', { name: 'Save backups' }).click();
    await page
      .getByText(/cannot be found/)
      .first()
      .waitFor();
    await page.getByLabel('Folder for backups').fill(folder);
    await page.getByRole('button', { name: 'Save backups' }).click();
    await page.getByText('Saved. The change applies from now on.').waitFor();
    await warning.getByText(/No backup of this file has been made yet/).waitFor();
    await expectAccessible(page, 'settings with backups');

    await warning.getByRole('button', { name: 'Open Backups' }).click();
    await heading(page, 'Backups').waitFor();
    await expectAccessible(page, 'backups page');
    await page.getByRole('button', { name: 'Back up now' }).click();
    const row = page.getByRole('row').filter({ hasText: 'made on demand' });
    await row.getByText('Checked: sound').waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain(`by ${OWNER}`);
    await warning.waitFor({ state: 'detached' });
    await expectAccessible(page, 'backups page with a backup');

    await openPage(page, 'Customers');
    await search(page, 'lovelace');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await heading(page, 'Ada Lovelace').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Family name').fill('Byron');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading(page, 'Ada Byron').waitFor();

    await openPage(page, 'Backups');
    await page.getByRole('button', { name: /^Restore the backup made/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await dialog.getByText(/^Sound: integrity ok, audit log ok/).waitFor({ timeout: 60_000 });
    const preview = (await dialog.textContent()) ?? '';
    expect(preview).toContain(OWNER);
    expect(preview).toMatch(/1 customers, 0 purchases, 1 staff accounts/);
    await expectAccessible(page, 'restore preview');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();

    await page.getByText(/The file was restored from the backup made/).waitFor({ timeout: 60_000 });
    await expectAccessible(page, 'unlock after a restore');
    await unlock(page, PASSPHRASE);
    await searchBox(page).waitFor();
    expect(await search(page, 'lovelace')).toHaveLength(1);
    expect(await search(page, 'byron')).toHaveLength(0);
    await search(page, 'lovelace');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await heading(page, 'Ada Lovelace').waitFor();

    // The file as it was is kept beside the backup restored.
    const kept = fs.readdirSync(folder).filter((f) => f.endsWith('.custodian'));
    expect(kept).toHaveLength(2);
  });
});
