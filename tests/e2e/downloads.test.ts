// Browser end-to-end for saving files from the Chromium host (`npm start` without Electron):
// an export lands in the download folder (CUSTODIAN_DOWNLOAD_DIR here, a temp folder) under a
// free name, and the screen shows its real path; a folder that cannot be written gets "could not
// be saved", never "Exported … to customers.csv". Before, the host refused every download while
// the screen said the export had been saved.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { addCustomer, createFile, goTo, openApp, setupE2E, tempDir } from './support';

setupE2E();

const before = process.env.CUSTODIAN_DOWNLOAD_DIR;
afterEach(() => {
  if (before === undefined) delete process.env.CUSTODIAN_DOWNLOAD_DIR;
  else process.env.CUSTODIAN_DOWNLOAD_DIR = before;
});

async function exportCsv(page: Page): Promise<ReturnType<Page['getByRole']>> {
  await goTo(page, 'Import', 'Import and export');
  await page.getByRole('button', { name: 'Export customers…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export customers' });
  await dialog.getByLabel('What is the export for?').selectOption('records');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  return dialog;
}

describe('saving a file from the Chromium host', () => {
  test('an export is saved in the download folder and the screen shows its real path', async () => {
    const folder = path.join(tempDir(), 'Downloads');
    process.env.CUSTODIAN_DOWNLOAD_DIR = folder;
    // downloadDir: undefined leaves the choice to the host, which reads CUSTODIAN_DOWNLOAD_DIR.
    const { page } = await openApp(undefined, { downloadDir: undefined });
    await createFile(page);
    await addCustomer(page, { given: 'Ada', family: 'Lovelace', email: 'ada@example.com' });

    const dialog = await exportCsv(page);
    const status = dialog.getByRole('status');
    await status.getByText(/^Exported 1 record\. Saved customers-.*\.csv to /).waitFor();
    const saved = (await status.innerText()).match(/ to (\/.+\.csv)\.$/)?.[1] ?? '';
    expect(path.dirname(saved)).toBe(folder);
    const text = fs.readFileSync(saved, 'utf8');
    expect(text).toContain('Lovelace');
    expect(text).toContain('ada@example.com');

    // The same name again is not overwritten: the second file gets its own name, and says so.
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await status.getByText(/\(2\)\.csv\.$/).waitFor();
    const second = (await status.innerText()).match(/ to (\/.+\.csv)\.$/)?.[1] ?? '';
    expect(second).not.toBe(saved);
    expect(fs.readFileSync(second, 'utf8')).toBe(text);
    expect(fs.readdirSync(folder)).toHaveLength(2);
  });

  test('a folder that cannot be written: the screen says the file was not saved', async () => {
    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, '');
    // A folder inside a plain file cannot be made, even by root.
    const { page } = await openApp(undefined, { downloadDir: path.join(blocked, 'Downloads') });
    await createFile(page);
    await addCustomer(page, { given: 'Ada', family: 'Lovelace' });

    const dialog = await exportCsv(page);
    await dialog
      .getByRole('alert')
      .getByText(/^customers-.*\.csv could not be saved: nothing was written\./)
      .waitFor();
    expect(await dialog.getByRole('status').count()).toBe(0);
    expect(await dialog.innerText()).not.toMatch(/Exported/);
  });
});
