// Browser end-to-end for Buying patterns, in Debian's Chromium against the real core: purchases
// across two years, some booked at a venue. The page opens on the last 12 months (fewer figures
// than all time); counting bookings changes the sales table; breaks the owner sets change the RFM
// groups (and breaks out of order are refused in the core's words); the cohort table appears; a
// table downloaded as CSV has the table's rows, with an item named like a formula made inert;
// dates chosen in the wrong order are refused with nothing asked; a brief made there counts the
// same period and basis. axe finds nothing serious.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { presetPeriod } from '../../renderer/src/reports/periods';
import { parseCsv } from '../../shared/csv';
import { formatDay, todayIso } from '../../shared/dates';
import { ownerCore } from '../support/core';
import { needTools } from '../support/tools';
import { cleanups, expectAccessible, openAt, setupE2E, tempDir } from './support';

setupE2E();

const FORMULA = '=HYPERLINK("http://example.com","click")';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The 15th of the month `n` months before this one (n ≥ 1, so always a past day), and its month. */
function monthsAgo(n: number): { day: string; words: string } {
  const today = todayIso();
  const months = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - n;
  const [year, month] = [Math.floor(months / 12), months % 12];
  return { day: `${year}-${String(month + 1).padStart(2, '0')}-15`, words: `${MONTHS[month]} ${year}` };
}

/** A table's body rows as their cells' text (the row header first). */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
}

async function downloadCsv(page: Page, section: Locator): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Download the table (CSV)' }).click(),
  ]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  await section
    .getByRole('status')
    .getByText(/^Saved custodian-.*\.csv to /)
    .waitFor();
  return { name: download.suggestedFilename(), rows: parseCsv(text).map((r) => r.fields) };
}

describe('buying patterns in Chromium', () => {
  test('choose the period and basis, set breaks, read the cohorts, download a table', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const file = path.join(tempDir(), 'customers.custodian');
    const owner = await ownerCore(file);
    cleanups.push(() => owner.core.close());
    const ids = new Map<string, number>();
    const buy = async (given: string, months: number, item: string, venue = '') => {
      const id = ids.get(given) ?? (await owner.ok('customers.create', { given_name: given, family_name: 'Buyer' })).id;
      ids.set(given, id);
      await owner.ok('purchases.add', {
        customer_id: id,
        date: monthsAgo(months).day,
        item,
        category: venue ? 'Opera' : 'Jazz',
        quantity: 1,
        amount_pence: 2000,
        venue,
      });
    };
    // More than a year ago: six jazz fans, two of them back a month later.
    for (const given of ['Ann', 'Bob', 'Cat', 'Dan', 'Eve', 'Fay']) await buy(given, 14, 'Jazz Night');
    for (const given of ['Ann', 'Bob']) await buy(given, 13, 'Jazz Night');
    // This year: four opera-goers booked at the Main House (two came back), one odd item at the till.
    for (const given of ['Gus', 'Hal', 'Ivy', 'Jo']) await buy(given, 2, 'Tosca', 'Main House');
    for (const given of ['Gus', 'Hal']) await buy(given, 1, 'Tosca', 'Main House');
    await buy('Kit', 3, FORMULA);
    owner.core.close();

    const page = await openAt(file, 'Reports', 'Buying patterns');
    const rfm = page.getByRole('region', { name: 'Best customers (recency and frequency)' });
    const sales = page.getByRole('region', { name: 'What sells' });
    const back = page.getByRole('region', { name: 'Coming back' });

    // The last 12 months by default: five buyers, where all time has eleven.
    expect(await page.getByLabel('Period').inputValue()).toBe('last12');
    await rfm.getByRole('table', { name: /^5 customers who have bought/ }).waitFor();
    await page.getByLabel('Sales by').selectOption('item');
    const salesTable = sales.getByRole('table', { name: /Sales by item/ });
    await salesTable.getByRole('rowheader', { name: 'Tosca' }).waitFor();
    expect(await salesTable.getByRole('rowheader', { name: 'Jazz Night' }).count()).toBe(0);
    await page.getByLabel('Period').selectOption({ label: 'All time' });
    await rfm.getByRole('table', { name: /^11 customers who have bought/ }).waitFor();
    await salesTable.getByRole('rowheader', { name: 'Jazz Night' }).waitFor();
    await page.getByLabel('Period').selectOption({ label: 'The last 12 months' });
    await rfm.getByRole('table', { name: /^5 customers who have bought/ }).waitFor();

    // The sales table downloads as CSV with the table's rows; the formula-looking item is inert.
    await salesTable.getByRole('rowheader', { name: FORMULA }).waitFor();
    const shown = await rowsOf(salesTable);
    const csv = await downloadCsv(page, sales);
    expect(csv.name).toBe(`custodian-sales-by-item-${todayIso()}.csv`);
    expect(csv.rows[0]).toEqual(['Item', 'Customers', 'Purchases', 'Amount (£)']);
    expect(csv.rows.slice(1).map((r) => r.slice(0, 3))).toEqual(
      shown.map((r) => [r[0] === FORMULA ? `'${FORMULA}` : r[0], r[1], r[2]]),
    );
    expect(csv.rows.slice(1).map((r) => r[3])).toEqual(shown.map((r) => r[3]?.replace('£', '')));
    expect(csv.rows.map((r) => r[0])).not.toContain(FORMULA);

    // Bookings and attendance: only the sales with a venue.
    await page.getByRole('radio', { name: 'Bookings and attendance' }).check();
    await expect.poll(async () => (await rowsOf(salesTable)).map((r) => r[0])).toEqual(['Tosca']);
    await rfm.getByRole('table', { name: /^4 customers who have bought/ }).waitFor();
    await page.getByRole('radio', { name: 'Purchases' }).check();
    await rfm.getByRole('table', { name: /^5 customers who have bought/ }).waitFor();

    // Breaks the owner sets: nobody has bought within 4 days or more than 4 times, so all five
    // score recency 1 and are lapsed, which fifths did not make them.
    const groups = rfm.getByRole('table', { name: /customers who have bought/ });
    const lapsed = async () => (await rowsOf(groups)).find((r) => r[0]?.startsWith('Lapsed'))?.[1] ?? 'no lapsed row';
    expect(await lapsed()).not.toBe('5');
    await rfm.getByRole('radio', { name: 'Score by breaks I set' }).check();
    for (const [i, score] of [5, 4, 3, 2].entries())
      await rfm.getByLabel(`Recency ${score}: up to (days)`).fill(String(i + 1));
    for (const score of [1, 2, 3, 4]) await rfm.getByLabel(`Frequency ${score}: up to (purchases)`).fill(String(score));
    await rfm.getByRole('table', { name: /scored by your breaks/ }).waitFor();
    await expect.poll(lapsed).toBe('5');
    const grid = rfm.getByRole('table', { name: /by recency score/ });
    expect((await rowsOf(grid)).find((r) => r[0] === 'Recency 1')).toEqual(['Recency 1', '3', '2', '0', '0', '0']);
    const groupsCsv = await downloadCsv(page, rfm);
    expect(groupsCsv.name).toBe(`custodian-customer-groups-${todayIso()}.csv`);
    expect(groupsCsv.rows.slice(1).map((r) => r.slice(0, 2))).toEqual((await rowsOf(groups)).map((r) => r.slice(0, 2)));
    // Breaks out of order are the core's to refuse, and it says why.
    await rfm.getByLabel('Frequency 2: up to (purchases)').fill('1');
    await rfm
      .getByRole('alert')
      .getByText('Number of purchases: Each break must be more than the one before.')
      .waitFor();
    await rfm.getByLabel('Frequency 2: up to (purchases)').fill('2');
    await expect.poll(lapsed).toBe('5');

    // Coming back: the mean and median days between, and the cohorts by month of first purchase.
    await back.getByText(/2 of 5 buyers came back \(40%\)/).waitFor();
    await back.getByText(/on average; half came back within/).waitFor();
    const cohorts = back.getByRole('table', { name: /month they first bought/ });
    const opera = (await rowsOf(cohorts)).find((r) => r[0] === monthsAgo(2).words);
    expect(opera?.slice(0, 3)).toEqual([monthsAgo(2).words, '4', '2']);
    const cohortCsv = await downloadCsv(page, back);
    expect(cohortCsv.rows[0]?.slice(0, 3)).toEqual(['Month of first purchase', 'Customers', 'After 1 month']);
    expect(cohortCsv.rows.find((r) => r[0] === monthsAgo(2).words)?.slice(0, 3)).toEqual(opera?.slice(0, 3));
    await expectAccessible(page, 'buying patterns');

    // A brief made here counts what the page counts: bookings, over the last 12 months.
    await page.getByRole('radio', { name: 'Bookings and attendance' }).check();
    await page.getByLabel('Title').fill('Opera this year');
    await page.getByLabel('For', { exact: true }).fill('the board');
    await page.getByLabel('Purpose').fill('Plan the next season');
    await page.getByRole('button', { name: 'Make the brief (PDF)' }).click();
    const saved = await page.getByText(/^Saved brief-.*\.pdf to /).textContent();
    const pdf = /to (.*)\.$/.exec(saved ?? '')?.[1] ?? '';
    const brief = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(brief).toContain('Bookings and attendance');
    expect(brief).toContain(`from ${formatDay(presetPeriod('last12', todayIso()).from ?? '')}`);
    expect(brief).toContain('Tosca');
    expect(brief).not.toContain('HYPERLINK');
    expect(brief).not.toContain('Jazz Night');

    // Dates in the wrong order: refused in words, and no figures asked for.
    await page.getByLabel('Period').selectOption({ label: 'Dates I choose' });
    await page.getByLabel('From', { exact: true }).fill('01/06/2025');
    await page.getByLabel('To', { exact: true }).fill('31/05/2025');
    await page
      .getByRole('alert')
      .getByText(/The period ends before it starts/)
      .waitFor();
    await expect.poll(() => page.getByText(/The figures wait for dates that make a period/).count()).toBe(3);
    expect(await page.getByRole('table').count()).toBe(0);
    await expectAccessible(page, 'buying patterns, dates refused');
  });
});
