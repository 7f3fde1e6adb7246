// Browser end-to-end for custom fields, in Debian's Chromium against the real core: add a custom
// must-have field (a choice list) on the register settings screen, see the existing record's
// completeness drop (on the record and in the data-quality completeness table), see the new field
// required on the form (refused, with the message beside the field), then filled and shown on the
// record. axe on the register screen with the "Add a field" dialog open.
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

async function openPage(page: Page, name: 'Customers' | 'Staff' | 'Data quality'): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name, exact: true }).click();
}

describe('custom fields in Chromium', () => {
  test('a custom must-have added on the settings screen is required on the form and lowers completeness', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Pat', family: 'Early' });
    const completeness = page.getByRole('region', { name: 'Completeness' });
    await completeness.getByText('1 of 1 must-haves').waitFor();

    await openPage(page, 'Staff');
    const register = page.getByRole('region', { name: 'What we collect' });
    await register.getByRole('button', { name: 'Add a field' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a field' });
    await dialog.getByLabel('Name of the field').fill('Membership tier');
    await dialog.getByLabel('Kind of value').selectOption('single_choice');
    await dialog.getByLabel('Choices').fill('Bronze\nSilver\nsilver ');
    await dialog.getByLabel('Priority').selectOption('must_have');
    await dialog.getByLabel('Purpose').fill('To give members their discount.');
    await expectAccessible(page, 'settings: add a field dialog');
    // A list with the same choice twice is refused beside the list, and nothing is added.
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.getByText(/"silver" is in the list twice/).waitFor();
    await dialog.getByLabel('Choices').fill('Bronze\nSilver\nGold');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await register.getByText(/Membership tier added as a must-have/).waitFor();
    expect(await dialog.count()).toBe(0);
    await register.getByRole('group', { name: 'Choices for Membership tier' }).waitFor();
    await expectAccessible(page, 'settings: what we collect, with a custom field');

    // The whole file's completeness shows the new must-have, held by nobody yet.
    await openPage(page, 'Data quality');
    const table = page.getByRole('table', { name: /How many of the 1 records/ });
    const row = table.getByRole('row', { name: /Membership tier/ });
    await expect.poll(() => row.textContent()).toMatch(/Membership tier \(must-have\)\s*0\s*0 %/);

    await openPage(page, 'Customers');
    await newCustomerForm(page);
    await page.getByText('Membership tier (required)').waitFor();
    await page.getByText('To give members their discount.').waitFor();
    await page.getByLabel('Given name').fill('Nia');
    await page.getByLabel('Family name').fill('Member');
    await page.getByRole('button', { name: 'Save customer' }).click();
    const error = page.locator('#f-fields-cf_membership_tier-error');
    await expect.poll(() => error.textContent()).toContain('Membership tier is a must-have: enter it before saving.');
    expect(await heading(page, 'New customer').isVisible()).toBe(true);
    await page.getByLabel('Membership tier').selectOption('Gold');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'Nia Member').waitFor();
    await completeness.getByText('2 of 2 must-haves').waitFor();
    expect(await page.getByRole('region', { name: 'Profile' }).textContent()).toContain('Gold');

    // The record made before the field existed now misses it.
    await search(page, 'Early');
    await page.getByRole('option').first().click();
    await heading(page, 'Pat Early').waitFor();
    await completeness.getByText('1 of 2 must-haves').waitFor();
    expect(await completeness.getByRole('list', { name: 'Missing' }).textContent()).toContain('Membership tier');
  });
});
