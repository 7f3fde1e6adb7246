// Browser end-to-end for erasing one customer from the record and for a rectification request,
// in Debian's Chromium against the real core: the erase dialog names what goes (the core's own
// counts) and what stays, takes a reason and the typed name, closes the linked erasure request and
// the record is gone from search; a rectification request opens the editor, the save is linked to
// it, and the request closes as corrected listing the corrected fields. axe on the new dialog.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addCustomer, createFile, expectAccessible, heading, openApp, search, setupE2E } from './support';

setupE2E();

const requestCard = (page: Page, title: string | RegExp) => page.getByRole('article', { name: title });

async function recordRequest(page: Page, kind: 'erasure' | 'rectification', why: string): Promise<void> {
  await page.getByRole('button', { name: 'New request' }).click();
  await page.getByLabel('Kind of request').selectOption(kind);
  await page.getByLabel('Why they are asking').fill(why);
  await page.getByLabel('How their identity or authority was checked').fill('Photo driving licence seen');
  await page.getByLabel('Lawful basis for disclosing').selectOption('data_subject_right');
  await page.getByRole('button', { name: 'Record request' }).click();
}

describe('erasure and rectification from the record in Chromium', () => {
  test('erase a customer: the dialog names what goes, then the record is gone from search', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, {
      given: 'Ezra',
      family: 'Pennywhistle',
      email: 'ezra@example.org',
      phone: '07700 900456',
    });
    // Another open request (a correction asked for) blocks the erasure, named in the dialog.
    await recordRequest(page, 'rectification', 'Phone number is wrong');
    const rectification = requestCard(page, 'Rectification for Ezra Pennywhistle');
    await rectification.waitFor();
    await recordRequest(page, 'erasure', 'Wants to be forgotten');
    await requestCard(page, 'Erasure for Ezra Pennywhistle').waitFor();
    await page.getByRole('button', { name: 'Erase this customer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Ezra Pennywhistle for good?' });
    const blocked = dialog.getByRole('alert');
    await blocked.waitFor();
    expect(await blocked.textContent()).toContain('Request 1: Rectification for Ezra Pennywhistle');
    expect(await dialog.getByRole('button', { name: 'Erase for good' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'erase dialog, blocked');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rectification.getByRole('button', { name: 'Correct the record' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).fill('07700 900457');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await rectification.getByRole('button', { name: 'Close as corrected' }).click();
    await rectification.getByText('Corrected and closed').waitFor();

    await page.getByRole('button', { name: 'Erase this customer…' }).click();
    await dialog.getByText('What goes, and cannot be brought back').waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('1 email address');
    expect(text).toContain('1 phone number');
    expect(text).toContain('What stays, without the person');
    expect(text).toContain('2 requests about them, kept without their name');
    expect(await dialog.getByRole('radio', { name: /Request 2 from Ezra Pennywhistle/ }).isChecked()).toBe(true);
    await expectAccessible(page, 'erase a customer dialog');

    const erase = dialog.getByRole('button', { name: 'Erase for good' });
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the customer's name/).fill('Ezra Pennywhistle');
    // No reason: refused beside the box, nothing erased.
    await erase.click();
    await dialog.getByText('Say why this record is being erased.').waitFor();
    await dialog.getByLabel('Reason recorded in the audit log').fill('The customer asked to be erased');
    await erase.click();
    await dialog.waitFor({ state: 'detached' });
    await heading(page, 'Ezra Pennywhistle').waitFor({ state: 'detached' });
    expect(await search(page, 'pennywhistle')).toEqual([]);
  });

  test('a rectification request: correct the record from it, then close it as corrected', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Rosa', family: 'Misspelt' });
    await recordRequest(page, 'rectification', 'Her family name is spelt wrong');
    const card = requestCard(page, 'Rectification for Rosa Misspelt');
    await card.waitFor();
    expect(await card.textContent()).toContain('Approved, not yet corrected');

    await card.getByRole('button', { name: 'Correct the record' }).click();
    await page.getByText('Correcting the record for rectification request 1').waitFor();
    await page.getByLabel('Family name').fill('Mispelte');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading(page, 'Rosa Mispelte').waitFor();

    const fixed = requestCard(page, 'Rectification for Rosa Misspelt');
    await fixed.getByText('Corrected, not yet closed').waitFor();
    expect(await fixed.textContent()).toContain('Fields correctedFamily name');
    await fixed.getByRole('button', { name: 'Close as corrected' }).click();
    await fixed.getByText('Corrected and closed').waitFor();
    expect(await fixed.textContent()).toContain('Closed as corrected');
    expect(await fixed.getByRole('button', { name: 'Correct the record' }).count()).toBe(0);
  });
});
