// Browser end-to-end for the rest of importing, in Debian's Chromium against the real core:
// purchases and bookings from a box-office export (checked first, the row for an unknown customer
// named, nothing saved; then the valid rows added and seen in the buying summary), and a choice
// for one matching row of a customer file that differs from the choice for the whole import.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addCustomer, createFile, expectAccessible, heading, openApp, search, setupE2E } from './support';

setupE2E();

const CSV = [
  'Customer No,Performance date,Show,Type,Tickets,Total paid',
  'C-7,01/03/2025,Hamlet,Theatre,2,£25.00',
  'C-7,08/03/2025,Messiah,Music,1,£12.50',
  'C-404,08/03/2025,Messiah,Music,1,£12.50',
  '',
].join('\r\n');

const goTo = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name, exact: true }).click();

describe('purchases import in Chromium', () => {
  test('check a box-office export, add the valid rows, see them in the buying summary', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Cara', family: 'Crowe', ref: 'C-7' });

    await goTo(page, 'Import');
    await heading(page, 'Import and export').waitFor();
    const card = page.getByRole('region', { name: 'Import purchases and bookings' });
    await card.getByLabel('Purchases file').setInputFiles({
      name: 'box-office.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await card.getByLabel('Where these purchases came from').fill('Box office');
    await card.getByRole('button', { name: 'Check the file' }).click();
    const status = card.getByRole('status');
    await expect.poll(() => status.first().textContent()).toContain('3 rows: 2 valid rows for 1 customer, £37.50');
    const errors = card.getByRole('table', { name: 'Purchase rows with errors' });
    expect(await errors.textContent()).toContain('C-404');
    await expectAccessible(page, 'purchases import checked');

    // All-or-nothing is refused while a row is wrong: the button offers nothing to add.
    expect(await card.getByRole('button', { name: 'Add 0 purchases' }).isDisabled()).toBe(true);
    await card.getByRole('radio', { name: /^Add the valid rows/ }).check();
    await card.getByRole('button', { name: 'Add 2 purchases' }).click();
    await card.getByText('2 purchases added to 1 customer.').waitFor();
    const past = page.getByRole('region', { name: 'Past imports' });
    await expect.poll(() => past.textContent()).toContain('2 purchases added, 1 row with errors');

    await goTo(page, 'Customers');
    expect((await search(page, 'crowe')).join(' ')).toContain('Cara Crowe');
    await page.getByRole('option').filter({ hasText: 'Cara Crowe' }).click();
    const buying = page.getByRole('region', { name: 'Buying' });
    await expect.poll(() => buying.textContent()).toContain('£37.50');
    expect(await buying.textContent()).toContain('Hamlet');
  });

  test('one matching row of a customer file gets its own choice', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Ann', family: 'Archer', email: 'ann@example.org' });
    await goTo(page, 'Import');
    await page.getByLabel('File to import').setInputFiles({
      name: 'Members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'given_name,family_name,email,town\r\nAnn,Archer,ann@example.org,Leeds\r\nBen,Bell,ben@example.org,York\r\n',
      ),
    });
    const choice = page.getByLabel('What to do with row 2');
    await choice.waitFor();
    expect(await page.getByLabel('What to do with row 3').count()).toBe(0); // a new record: nothing to choose
    await choice.selectOption({ label: 'Create a new record anyway' });
    await expectAccessible(page, 'import preview with a per-row choice');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('button', { name: 'Undo this import' }).waitFor();
    await goTo(page, 'Customers');
    // The whole import said "update empty fields"; row 2 said "create": Ann is there twice now.
    expect((await search(page, 'archer')).filter((r) => r.includes('Ann Archer'))).toHaveLength(2);
  });
});
