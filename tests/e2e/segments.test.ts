// Browser end-to-end for segments and campaign lists, in Debian's Chromium against the real core:
// build "postcode area BS, bought jazz in 2025, consented to email" and watch the count change with
// each condition; one of them withdraws at the counter before the list is frozen and drops out of
// it, and one with no email address is left out with the reason shown; an unsubscribe recorded on the list shows in that customer's consent
// history; the buying-pattern page reads as tables. axe finds no serious or critical violation.
// The brief made from that page reads back as text and, rendered, shows its bar chart.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import { needTools } from '../support/tools';
import { cleanups, expectAccessible, heading, openAt, search, setupE2E, tempDir } from './support';

setupE2E();

/** The longest run of dark pixels along any row of the PDF's pages, rendered in grey at 50 dpi. */
function longestDarkRun(pdf: string): number {
  const dir = tempDir();
  execFileSync('pdftoppm', ['-gray', '-r', '50', pdf, path.join(dir, 'page')]);
  let longest = 0;
  for (const name of fs.readdirSync(dir)) {
    const image = fs.readFileSync(path.join(dir, name));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(image.toString('latin1', 0, 40));
    if (!header) throw new Error(`${name} is not a grey image`);
    const [width, height, start] = [Number(header[1]), Number(header[2]), header[0].length];
    for (let row = 0; row < height; row++) {
      let run = 0;
      for (let col = 0; col < width; col++) {
        run = (image[start + row * width + col] ?? 255) < 96 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
    }
  }
  return longest;
}

describe('segments and campaign lists in Chromium', () => {
  test('build a segment condition by condition, freeze it, record an unsubscribe, read the reports and make a brief', async (ctx) => {
    needTools(ctx, 'pdftotext', 'pdftoppm');
    const file = path.join(tempDir(), 'customers.custodian');
    const owner = await ownerCore(file);
    cleanups.push(() => owner.core.close());
    const fan = async (given: string, postcode: string, jazz: boolean, consent: boolean, email = true) => {
      const c = await owner.ok('customers.create', {
        given_name: given,
        family_name: 'Fan',
        emails: email ? [{ address: `${given.toLowerCase()}@example.com` }] : [],
        addresses: [{ line1: '1 Quay Street', postcode }],
        ...(consent ? { consent: { channels: ['email' as const], wording_version: 1 } } : {}),
      });
      await owner.ok('purchases.add', {
        customer_id: c.id,
        date: jazz ? '2025-04-12' : '2024-04-12',
        item: jazz ? 'Jazz Night' : 'Panto',
        category: jazz ? 'Jazz' : 'Theatre',
        quantity: 1,
        amount_pence: 1800,
      });
    };
    await fan('Amy', 'BS1 4DJ', true, true);
    await fan('Ben', 'BS8 1TH', true, true);
    await fan('Wes', 'BS2 0JA', true, true);
    await fan('Nia', 'BS3 1AA', true, false);
    await fan('Pat', 'BS1 5AA', false, true);
    await fan('Lou', 'LS1 1AA', true, true);
    await fan('Ned', 'BS4 2AA', true, true, false); // consented, but no email address to send to
    owner.core.close();

    const page = await openAt(file, 'Segments', 'Segments and campaign lists');
    const nav = page.getByRole('navigation', { name: 'Pages' });
    const count = page.locator('.seg__count');
    await expect.poll(() => count.textContent()).toBe('7 customers');

    const add = async (what: string) => {
      await page.getByLabel('Add a condition').selectOption({ label: what });
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    };
    await add('Postcode area, district or sector');
    await page.getByLabel('Postcodes (commas between)').fill('BS');
    await expect.poll(() => count.textContent()).toBe('6 customers');
    await add('Bought an item or category');
    await page.getByLabel('Category').fill('Jazz');
    await page.getByLabel('From').fill('01/01/2025');
    await page.getByLabel('To').fill('31/12/2025');
    await expect.poll(() => count.textContent()).toBe('5 customers');
    await add('Consent');
    await page.getByLabel('Who').selectOption('consented');
    await expect.poll(() => count.textContent()).toBe('4 customers');
    const preview = page.getByRole('table', { name: /The first 4 by name/ });
    expect(await preview.getByRole('row').count()).toBe(5);
    await page.getByLabel('Name', { exact: true }).fill('Jazz in BS');
    await page.getByLabel('What it is for').fill('Autumn jazz season');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('button', { name: 'Jazz in BS' }).waitFor();
    await expectAccessible(page, 'segment builder');

    // Wes withdraws at the counter before the list is made.
    await nav.getByRole('button', { name: 'Customers', exact: true }).click();
    expect((await search(page, 'wes fan'))[0]).toMatch(/^Wes Fan/);
    await page.keyboard.press('Enter');
    await heading(page, 'Wes Fan').waitFor();
    const consent = page.getByRole('region', { name: 'Consent' });
    await consent.getByRole('button', { name: 'Record consent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record consent' });
    await dialog.getByLabel('Channel').selectOption('email');
    await dialog.getByLabel('The customer has').selectOption('withdrawn');
    await dialog.getByRole('button', { name: 'Save consent' }).click();
    await dialog.waitFor({ state: 'detached' });

    await nav.getByRole('button', { name: 'Segments', exact: true }).click();
    await page.getByLabel('List name').fill('Autumn jazz');
    await page.getByLabel('Campaign purpose').fill('Autumn jazz season');
    await page.getByRole('button', { name: 'Make the list' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Autumn jazz' }) });
    await card.getByText(/2 members/).waitFor();
    // Wes's withdrawal took him out of the segment itself ("consented to email" is asked again when
    // the list is frozen); Ned is in it but has no address to email, and is left out with that reason.
    await card.getByText('1 left out: no email address').waitFor();
    await page.getByText(/A campaign list is a snapshot/).waitFor();

    await card.getByRole('button', { name: 'Members and responses' }).click();
    await card.getByLabel('Response of Ben Fan').selectOption('unsubscribed');
    await card.getByText(/consent to email marketing is withdrawn/).waitFor();
    await expectAccessible(page, 'campaign lists');

    await nav.getByRole('button', { name: 'Customers', exact: true }).click();
    expect((await search(page, 'ben fan'))[0]).toMatch(/^Ben Fan/);
    await page.keyboard.press('Enter');
    await heading(page, 'Ben Fan').waitFor();
    const history = page.getByRole('region', { name: 'Consent' }).getByRole('list', { name: 'Consent history' });
    await expect.poll(() => history.textContent()).toContain('Autumn jazz');

    await nav.getByRole('button', { name: 'Reports', exact: true }).click();
    await heading(page, 'Buying patterns').waitFor();
    // The page opens on the last 12 months; these purchases are from 2024 and 2025.
    await page.getByLabel('Period').selectOption({ label: 'All time' });
    const rfm = page.getByRole('table', { name: /customers who have bought/ });
    await rfm.getByRole('row').first().waitFor();
    expect(await rfm.getByRole('row').count()).toBe(7);
    await page.getByLabel('Sales by').selectOption('category');
    await page
      .getByRole('table', { name: /Sales by category/ })
      .getByRole('rowheader', { name: 'Jazz' })
      .waitFor();
    await expectAccessible(page, 'reports');

    // A brief of those figures, read back as text: stamped, aggregate, nobody named.
    await page.getByLabel('Title').fill('Jazz in Bristol');
    await page.getByLabel('For', { exact: true }).fill('the board');
    await page.getByLabel('Purpose').fill('Decide the autumn programme');
    await page.getByRole('button', { name: 'Make the brief (PDF)' }).click();
    const saved = await page.getByText(/^Saved brief-.*\.pdf to /).textContent();
    const pdf = /to (.*)\.$/.exec(saved ?? '')?.[1] ?? '';
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Jazz in Bristol');
    expect(text).toContain('the board');
    expect(text).not.toMatch(/Amy|Ben|Wes/);
    // Its chart is drawn: text alone makes no dark line longer than a few pixels (8 here with the
    // chart left out); a bar of the largest figure runs about 190 of the page's 413.
    expect(text).toContain('Customers in each group.');
    expect(longestDarkRun(pdf)).toBeGreaterThan(80);
  });
});
