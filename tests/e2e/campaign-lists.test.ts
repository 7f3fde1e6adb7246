// Browser end-to-end for groups inside groups and campaign lists going out, in Debian's Chromium
// against the real core: a group of "any of" conditions added from the keyboard inside the top
// "all of", read back in plain words, saved and reopened; a post list made from it exported as
// address labels (read back with pdftotext), XLSX and vCard, with the people left out counted in
// words; a list nobody on can be contacted says so. axe finds no serious or critical violation.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import { needTools } from '../support/tools';
import { cleanups, expectAccessible, openAt, setupE2E, tempDir } from './support';

setupE2E();

/** The path of the file the status line says was saved last. */
async function savedPath(page: Page, file: RegExp): Promise<string> {
  const status = page.getByRole('status').filter({ hasText: file });
  await status.waitFor();
  const text = (await status.textContent()) ?? '';
  return /^Saved \S+ to (.*?\.(?:pdf|xlsx|vcf|csv))\./.exec(text)?.[1] ?? '';
}

describe('nested groups and campaign list exports in Chromium', () => {
  test('build all-of with an any-of group inside, freeze it for post, print labels and export', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const file = path.join(tempDir(), 'customers.custodian');
    const owner = await ownerCore(file);
    cleanups.push(() => owner.core.close());
    const fan = async (
      given: string,
      postcode: string,
      category: string,
      consent: boolean,
      line1 = '1 Quay Street',
    ) => {
      const c = await owner.ok('customers.create', {
        given_name: given,
        family_name: 'Fan',
        emails: [{ address: `${given.toLowerCase()}@example.com` }],
        addresses: [line1 ? { line1, town: 'Bristol', postcode } : { postcode }],
        ...(consent ? { consent: { channels: ['post' as const, 'email' as const], wording_version: 1 } } : {}),
      });
      await owner.ok('purchases.add', {
        customer_id: c.id,
        date: '2025-04-12',
        item: category === 'Jazz' ? 'Jazz Night' : 'Panto',
        category,
        quantity: 1,
        amount_pence: 1800,
      });
    };
    await fan('Amy', 'BS1 4DJ', 'Jazz', true);
    await fan('Ben', 'BS8 1TH', 'Theatre', true);
    await fan('Cat', 'LS1 1AA', 'Jazz', true); // not in BS
    await fan('Nia', 'BS3 1AA', 'Jazz', false); // never consented
    await fan('Dee', 'BS2 0JA', 'Comedy', true); // neither jazz nor theatre
    await fan('Ned', 'BS4 2AA', 'Jazz', true, ''); // a postcode but no first line: no postal address
    owner.core.close();

    const page = await openAt(file, 'Segments', 'Segments and campaign lists');
    const count = page.locator('.seg__count');
    const words = page.locator('.seg__words');
    await expect.poll(() => count.textContent()).toBe('6 customers');

    await page
      .getByLabel('Add a condition', { exact: true })
      .selectOption({ label: 'Postcode area, district or sector' });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Postcodes (commas between)').fill('BS');
    await expect.poll(() => count.textContent()).toBe('5 customers');

    // The group is added from the keyboard: focus its button and press Enter.
    await page.getByRole('button', { name: 'Add a group (any or all of)' }).focus();
    await page.keyboard.press('Enter');
    const group = page.getByRole('group', { name: /^Group 2: (any|all) of$/ });
    await group.waitFor();
    await expect.poll(() => count.textContent()).toBe('A group needs at least one condition.');
    const addToGroup = async (what: string) => {
      await page.getByLabel('Add a condition to group 2').selectOption({ label: what });
      await page.getByRole('button', { name: 'Add to group 2' }).click();
    };
    await addToGroup('Bought an item or category');
    await page
      .getByRole('group', { name: /^Condition 2\.1/ })
      .getByLabel('Category')
      .fill('Jazz');
    await expect.poll(() => count.textContent()).toBe('3 customers'); // Amy, Nia, Ned
    await addToGroup('Bought an item or category');
    await page
      .getByRole('group', { name: /^Condition 2\.2/ })
      .getByLabel('Category')
      .fill('Theatre');
    await expect.poll(() => count.textContent()).toBe('4 customers'); // and Ben
    await expect
      .poll(() => words.textContent())
      .toBe('Customers: postcode area BS and (bought from “Jazz” or bought from “Theatre”).');
    // The group turned to "all of" matches nobody (no one bought both); back to "any of".
    await group.getByLabel('all of these').check();
    await expect.poll(() => count.textContent()).toBe('0 customers');
    await group.getByLabel('any of these').check();
    await expect.poll(() => count.textContent()).toBe('4 customers');
    await page.getByLabel('Name', { exact: true }).fill('BS jazz or theatre');
    await page.getByLabel('What it is for').fill('Spring letters');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('button', { name: 'BS jazz or theatre' }).waitFor();
    await expectAccessible(page, 'segment builder with a nested group');

    // Reopened, the saved segment shows its group again, in the same words.
    await page.getByRole('button', { name: 'New segment' }).click();
    await expect.poll(() => words.textContent()).toBe('Every customer whose record is not archived.');
    await page.getByRole('button', { name: 'BS jazz or theatre' }).click();
    await page.getByRole('group', { name: 'Group 2: any of' }).waitFor();
    await expect
      .poll(() => words.textContent())
      .toBe('Customers: postcode area BS and (bought from “Jazz” or bought from “Theatre”).');

    await page.getByLabel('List name').fill('Spring letters');
    await page.getByLabel('Contact by').selectOption('post');
    await page.getByLabel('Campaign purpose').fill('Spring season by post');
    await page.getByRole('button', { name: 'Make the list' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Spring letters' }) });
    await card.getByText(/^2 members/).waitFor();
    await card.getByText('1 left out: no consent to post').waitFor();
    await card.getByText(/1 left out: no postal address/).waitFor();

    const format = card.getByLabel('Export Spring letters as');
    await format.selectOption({ label: 'Address labels (PDF, A4 sheets of 21)' });
    await card.getByRole('button', { name: 'Export', exact: true }).click();
    const labels = await savedPath(page, /labels-.*\.pdf/);
    await card.getByText(/2 labels\./).waitFor();
    const text = execFileSync('pdftotext', ['-layout', labels, '-'], { encoding: 'utf8' });
    expect(text).toContain('Amy Fan');
    expect(text).toContain('Ben Fan');
    expect(text).toContain('BS8 1TH');
    expect(text).not.toMatch(/Nia|Ned|Cat|Dee/);

    await format.selectOption({ label: 'Excel workbook (XLSX) for mail-merge' });
    await card.getByRole('button', { name: 'Export', exact: true }).click();
    const xlsx = await savedPath(page, /customers-.*\.xlsx/);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    await format.selectOption({ label: 'vCard contacts' });
    await card.getByRole('button', { name: 'Export', exact: true }).click();
    const vcf = fs.readFileSync(await savedPath(page, /customers-.*\.vcf/), 'utf8');
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(vcf).not.toMatch(/Nia|Ned/);

    // A list for texts: nobody has a mobile number or consent to SMS, and the screen says so.
    await page.getByLabel('List name').fill('Spring texts');
    await page.getByLabel('Contact by').selectOption('sms');
    await page.getByRole('button', { name: 'Make the list' }).click();
    const texts = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Spring texts' }) });
    await texts.getByText(/^0 members/).waitFor();
    await texts.getByRole('button', { name: 'Export', exact: true }).click();
    await texts.getByText(/Nobody is on “Spring texts”/).waitFor();
    expect(await texts.getByLabel('Export Spring texts as').locator('option').allTextContents()).not.toContain(
      'Address labels (PDF, A4 sheets of 21)',
    );
    await expectAccessible(page, 'campaign list exports');
  });
});
