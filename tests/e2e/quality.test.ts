// Browser end-to-end for keeping records accurate, in Debian's Chromium against the real core:
// a near-duplicate typed at the counter is warned about before saving; a pair is merged from the
// Duplicates page choosing fields; the merge is undone from the record's history and both
// records are back exactly as they were (on screen, and as customers.get returns them).
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  addCustomer,
  createFile,
  expectAccessible,
  heading,
  type NewCustomer,
  newCustomerForm,
  openApp,
  search,
  setupE2E,
  stored,
} from './support';

setupE2E();

const MARGARET: NewCustomer = {
  given: 'Margaret',
  family: 'Smith',
  phone: '07700 900111',
  email: 'maggie@example.com',
  line1: '12 High Street',
  town: 'Leeds',
  postcode: 'LS1 4AB',
};
const PEGGY: NewCustomer = {
  given: 'Peggy',
  family: 'Smyth',
  phone: '07700900111',
  email: 'peggy.smyth@example.net',
};

const warning = (page: Page) => page.getByRole('region', { name: 'Possible duplicate' });

describe('accuracy in Chromium', () => {
  test('a near-duplicate typed at the counter is warned about before saving', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, MARGARET);

    await newCustomerForm(page);
    await page.getByLabel('Given name').fill('Peggy');
    // Nothing is checked on a given name alone.
    expect(await warning(page).count()).toBe(0);
    await page.getByLabel('Family name').fill('Smyth');
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).fill('07700900111');
    await warning(page).waitFor();
    const text = (await warning(page).textContent()) ?? '';
    expect(text).toContain('Margaret Smith');
    expect(text).toMatch(/same phone number/);
    expect(text).toMatch(/Check it before saving/);
    await expectAccessible(page, 'new customer form with a duplicate warning');
    // Still unsaved: the form is open and only one customer exists.
    await heading(page, 'New customer').waitFor();
    expect(await search(page, 'peggy')).toEqual([]);

    await page.getByRole('button', { name: 'Open Margaret Smith' }).click();
    await heading(page, 'Margaret Smith').waitFor();
    const before = await stored(page, 1);
    await page.keyboard.press('v');
    await expect.poll(async () => (await stored(page, 1)).verified_at).not.toBe(before.verified_at);
    expect((await stored(page, 1)).version).toBe(before.version);
  });

  test('merge a pair choosing fields, then undo it: both records back exactly as they were', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, MARGARET);
    await addCustomer(page, PEGGY);
    const before = [await stored(page, 1), await stored(page, 2)];

    await page.getByRole('button', { name: 'Duplicates' }).click();
    await heading(page, 'Possible duplicates').waitFor();
    await page.getByText('same phone number (+447700900111)').waitFor();
    await expectAccessible(page, 'duplicates queue');
    await page.getByRole('button', { name: /^Compare & merge/ }).click();
    await page.getByRole('radio', { name: 'Given name: Peggy' }).check();
    await page.getByRole('radio', { name: 'Family name: Smith' }).check();
    const emails = page.getByRole('list', { name: 'Email addresses after the merge' });
    expect(await emails.getByRole('listitem').allTextContents()).toEqual([
      'maggie@example.com',
      'peggy.smyth@example.net',
    ]);
    expect(await page.getByRole('list', { name: 'Phone numbers after the merge' }).getByRole('listitem').count()).toBe(
      1,
    );
    await expectAccessible(page, 'compare and merge');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();

    await heading(page, 'Peggy Smith').waitFor();
    const merged = await stored(page, 1);
    expect(merged.emails.map((e) => e.address)).toEqual(['maggie@example.com', 'peggy.smyth@example.net']);
    // One record now: the kept one, found by the other's email too.
    expect(await search(page, 'smyth')).toEqual([expect.stringContaining('Peggy Smith')]);
    await page.getByRole('option').click();
    await heading(page, 'Peggy Smith').waitFor();
    await page.getByRole('heading', { name: 'Merge history' }).waitFor();
    await page.getByRole('button', { name: /^Undo merge/ }).click();

    await heading(page, 'Margaret Smith').waitFor();
    await page.getByText('Merge undone: Peggy Smyth is a separate record again.').waitFor();
    expect(await stored(page, 1)).toEqual(before[0]);
    expect(await stored(page, 2)).toEqual(before[1]);
    expect(await search(page, 'smyth')).toEqual([expect.stringContaining('Peggy Smyth')]);
    await page.keyboard.press('Enter');
    await heading(page, 'Peggy Smyth').waitFor();
    expect(await page.getByRole('article').textContent()).toContain('peggy.smyth@example.net');
  });
});
