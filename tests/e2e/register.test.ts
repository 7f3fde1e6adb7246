// Browser end-to-end for the information-requirements register, in Debian's Chromium against the
// real core: make the phone a must-have on the settings screen, see the new-customer form require
// it (refused, with the message beside the phone numbers), and see an existing record's
// completeness drop and the record appear under "Missing must-haves". axe on the register section.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  addCustomer,
  createFile,
  expectAccessible,
  heading,
  newCustomerForm,
  openApp,
  search,
  setupE2E,
} from './support';

setupE2E();

async function openPage(page: Page, name: 'Customers' | 'Staff'): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name, exact: true }).click();
}

describe('information-requirements register in Chromium', () => {
  test('a must-have set on the settings screen is required on the form and lowers completeness', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Pat', family: 'Early' });
    // Before: the one seeded must-have (family name) is there.
    const completeness = page.getByRole('region', { name: 'Completeness' });
    await completeness.getByText('1 of 1 must-haves').waitFor();

    await openPage(page, 'Staff');
    const register = page.getByRole('region', { name: 'What we collect' });
    const phone = register.getByRole('group', { name: /^Phone/ });
    await phone.getByLabel('Priority').selectOption('must_have');
    await phone.getByRole('button', { name: 'Save Phone' }).click();
    await register.getByText(/Phone is now a must-have/).waitFor();
    await expectAccessible(page, 'settings: what we collect');

    // A retention of 0 is refused beside the box.
    const email = register.getByRole('group', { name: /^Email/ });
    await email.getByLabel('Keep for (months)').fill('0');
    await email.getByRole('button', { name: 'Save Email' }).click();
    await email.getByText(/at least 1 month/).waitFor();

    await openPage(page, 'Customers');
    await newCustomerForm(page);
    await page.getByText('Phone numbers (required)').waitFor();
    // The purpose is the help text.
    await page.getByText('To reach the customer about a booking that changes.').waitFor();
    await page.getByLabel('Given name').fill('Nia');
    await page.getByLabel('Family name').fill('Nophone');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.locator('#f-phones-error').getByText('Phone is a must-have: enter it before saving.').waitFor();
    expect(await heading(page, 'New customer').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).fill('01632 960123');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'Nia Nophone').waitFor();
    await completeness.getByText('2 of 2 must-haves').waitFor();

    // The existing record now misses the phone.
    const rows = await search(page, 'Early');
    expect(rows.join(' ')).toContain('Pat Early');
    await page.getByRole('option').first().click();
    await heading(page, 'Pat Early').waitFor();
    await completeness.getByText('1 of 2 must-haves').waitFor();
    expect(await completeness.getByRole('list', { name: 'Missing' }).textContent()).toContain('Phone');

    // The list filter shows only records missing a must-have.
    await searchBoxClear(page);
    await page.getByLabel('Missing must-haves').check();
    await page.getByRole('listbox', { name: 'Customers missing must-haves' }).waitFor();
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Pat Early')]);
  });
});

async function searchBoxClear(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Search customers' }).fill('');
}
