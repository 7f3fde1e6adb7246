// Browser end-to-end for import and export, in Debian's Chromium against the real core: a CSV
// with a messy header (";" separated, Excel's BOM) is previewed, one mapping is fixed by hand,
// the preview's errors are listed (the card number never reaches the page), the valid rows are
// imported with a progress bar, found by search, then the batch is undone and nothing of it is
// left. Export: no fields is refused with the core's message; two fields as CSV give that header
// and a formula cell made inert.
import fs from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addCustomer, createFile, expectAccessible, goTo, openApp, search, setupE2E, visibleText } from './support';

setupE2E();

const CARD = '4111 1111 1111 1111';
const CSV = [
  '\uFEFFFirst Name;Surname;E-mail address;Mobile;Post Code;Favourite colour;Lives in',
  'Ada;Lovelace;ada@example.com;07700 900001;LS1 4AB;Blue;Leeds',
  'Charles;Babbage;charles@example.com;07700 900002;NOT A POSTCODE;Green;York',
  `Grace;Hopper;grace@example.com;07700 900003;M1 1AE;${CARD};Manchester`,
  'Alan;Turing;alan@example.com;07700 900004;SW1A 1AA;Red;London',
  '',
].join('\r\n');

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, text: fs.readFileSync(await download.path(), 'utf8') };
}

const openImportPage = (page: Page) => goTo(page, 'Import', 'Import and export');

const cardShown = async (page: Page) => {
  const html = await page.content();
  return html.includes(CARD) || html.includes(CARD.replaceAll(' ', ''));
};

describe('import and export in Chromium', () => {
  test('messy CSV: fix a mapping, see errors, import the valid rows, undo the batch and nothing is left', async () => {
    const { page } = await openApp(undefined, { acceptDownloads: true });
    await createFile(page);
    await openImportPage(page);
    await page.getByText('Nothing has been imported yet.').waitFor();

    await page.getByLabel('File to import').setInputFiles({
      name: 'Sign-up sheet.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    const columns = page.getByRole('table', { name: 'How each column of the file is imported' });
    await columns.waitFor();
    expect(await page.getByLabel('Where these customers came from').inputValue()).toBe('Sign-up sheet');
    // The header names are recognised; the colour and "Lives in" are not.
    expect(await page.getByLabel('Import “First Name” as').inputValue()).toBe('given_name');
    expect(await page.getByLabel('Import “E-mail address” as').inputValue()).toBe('email');
    expect(await page.getByLabel('Import “Post Code” as').inputValue()).toBe('postcode');
    expect(await page.getByLabel('Import “Favourite colour” as').inputValue()).toBe('');
    expect(await page.getByLabel('Import “Lives in” as').inputValue()).toBe('');
    expect(await columns.getByRole('row', { name: /Lives in/ }).textContent()).toContain('Not recognised');

    // Fix one by hand: "Lives in" is the town. The preview is read again with it.
    const sample = page.getByRole('table', { name: 'First rows as they will be stored' });
    expect(await sample.textContent()).not.toContain('Leeds');
    await page.getByLabel('Import “Lives in” as').selectOption({ label: 'Town' });
    await expect.poll(async () => sample.textContent()).toContain('Leeds');
    expect(await columns.getByRole('row', { name: /Lives in/ }).textContent()).toContain('Chosen by you');
    expect(await sample.textContent()).toContain('Ada Lovelace');
    expect(await sample.textContent()).toContain('Leeds, LS1 4AB');

    // The errors: the bad postcode (row 3) and the card number (row 4), which is never shown.
    const errors = page.getByRole('table', { name: 'Rows with errors' });
    const errorRows = await errors.getByRole('row').allTextContents();
    expect(errorRows.some((r) => r.startsWith('3Post Code'))).toBe(true);
    expect(errorRows.some((r) => r.startsWith('4Favourite colour') && r.includes('payment card'))).toBe(true);
    expect(await visibleText(page)).toContain('2 rows with errors');
    expect(await cardShown(page)).toBe(false);
    const report = await downloadOf(page, () => page.getByRole('button', { name: 'Download error report' }).click());
    expect(report.download.suggestedFilename()).toBe('Sign-up sheet-errors.csv');
    expect(report.text).toContain('NOT A POSTCODE');
    expect(report.text).not.toContain(CARD);
    await expectAccessible(page, 'import preview');

    // Import the valid rows: the progress bar reaches the end.
    await page.getByRole('radio', { name: /^Import the valid rows/ }).check();
    await page.getByRole('button', { name: 'Start import' }).click();
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await bar.waitFor();
    await page.getByText(/^Import finished: 2 new records/).waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe(await bar.getAttribute('aria-valuemax'));
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(4);
    expect(await page.getByRole('button', { name: 'Undo this import' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Keep it' }).isVisible()).toBe(true);
    expect(await cardShown(page)).toBe(false);
    await expectAccessible(page, 'import finished');
    const past = page.getByRole('table', { name: 'Past imports, newest first' });
    await expect.poll(async () => past.textContent()).toContain('Finished, not yet kept');

    // The sources register counts what this source yielded; a cost gives the cost per complete record.
    const source = page.getByRole('table', { name: 'Sources and what they yielded' }).getByRole('row', {
      name: /Sign-up sheet/,
    });
    await expect.poll(async () => source.textContent()).toContain('2 (100%)');
    await source.getByRole('textbox', { name: /^Cost of .*Sign-up sheet in pounds$/ }).fill('10');
    await source.getByRole('button', { name: /^Save cost of/ }).click();
    await expect.poll(async () => source.textContent()).toContain('£5.00');

    // The imported customers are there, with the town mapped by hand.
    await page.getByRole('button', { name: 'Customers', exact: true }).click();
    expect(await search(page, 'lovelace')).toEqual([expect.stringContaining('Ada Lovelace')]);
    expect(await search(page, 'turing')).toEqual([expect.stringContaining('Alan Turing')]);
    expect(await search(page, 'babbage')).toEqual([]);

    // Undo the batch from the list of past imports.
    await openImportPage(page);
    await page.getByRole('button', { name: 'Undo import of Sign-up sheet.csv' }).click();
    await expect.poll(async () => past.getByRole('row').nth(1).textContent()).toContain('Undone');
    expect(await page.getByRole('button', { name: 'Undo import of Sign-up sheet.csv' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Customers', exact: true }).click();
    expect(await search(page, 'lovelace')).toEqual([]);
    expect(await search(page, 'turing')).toEqual([]);
    expect(await search(page, 'example.com')).toEqual([]);
  });

  test('export: no fields is refused; two fields as CSV with a formula cell made inert', async () => {
    const { page } = await openApp(undefined, { acceptDownloads: true });
    await createFile(page);
    await addCustomer(page, { given: 'Eve', family: '=2+3' });
    await addCustomer(page, { given: 'Bob', family: 'Jones', email: 'bob@example.com' });
    await openImportPage(page);

    await page.getByRole('button', { name: 'Export customers…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.waitFor();
    await dialog.getByLabel('What is the export for?').selectOption({ label: 'Keeping our records (owner only)' });
    for (const name of ['Given name', 'Family name', 'Email', 'Phone']) {
      await dialog.getByRole('checkbox', { name, exact: true }).uncheck();
    }
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog
      .getByRole('alert')
      .getByText(/Choose at least one field to export/)
      .waitFor();
    await expectAccessible(page, 'export dialog');

    await dialog.getByRole('checkbox', { name: 'Given name', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'Family name', exact: true }).check();
    expect(await dialog.getByLabel('Format').inputValue()).toBe('csv');
    const { download, text } = await downloadOf(page, () =>
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    );
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('given_name,family_name');
    expect(lines).toContain("Eve,'=2+3");
    expect(lines).toContain('Bob,Jones');
    expect(text).not.toContain('bob@example.com');
    await dialog.getByRole('status').getByText('Exported 2 records').waitFor();
  });
});
