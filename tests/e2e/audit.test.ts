// Browser end-to-end for the audit screen (Chromium host, real core, real file): the log reads in
// words (names, labels and details, no codes or JSON, no entry for the empty search the counter
// opens with), filtered to one customer it shows only that customer's entries, days are typed day
// first, and axe finds no serious or critical violation.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addCustomer, createFile, expectAccessible, goTo, heading, openApp, search, setupE2E } from './support';

setupE2E();

const openAudit = (page: Page) => goTo(page, 'Audit', 'Audit trail');

/** The entries' rows once the list has answered, each as its cells' text. */
async function rows(page: Page): Promise<string[][]> {
  await page.locator('section[aria-label="Audit entries"][aria-busy="false"]').waitFor();
  const table = page.getByRole('table');
  if ((await table.count()) === 0) return [];
  // What a sighted person reads: screen-reader-only words left out.
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => {
        const copy = td.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('.sr-only')) hidden.remove();
        return (copy.textContent ?? '').trim();
      }),
    ),
  );
}

const COLUMNS = { who: 2, what: 3, customer: 4, details: 5 } as const;
const today = () => {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
};

describe('the audit screen in Chromium', () => {
  test('reads in words and, filtered to one customer, shows only their entries', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Alice', family: 'Archer', phone: '07700 900456' });
    await addCustomer(page, { given: 'Bob', family: 'Bobbington' });
    expect(await search(page, 'archer')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Alice Archer').waitFor();

    await openAudit(page);
    const all = await rows(page);
    const text = all.map((r) => r.join(' | ')).join('\n');
    // Names and words: no "customer 3", no action codes, no JSON.
    expect(text).toContain('Added a customer');
    expect(text).toContain('Searched for “archer” (1 result)');
    expect(text).not.toMatch(/customer\.create|customer\.view|[{}"]/);
    expect(text).not.toMatch(/\bcustomer \d+\b/);
    expect(all.some((r) => r[COLUMNS.what] === 'Viewed a record' && r[COLUMNS.customer] === 'Alice Archer')).toBe(true);
    // The counter opens with an empty search (the recently updated list): no entry for it.
    expect(all.filter((r) => r[COLUMNS.what] === 'Searched').map((r) => r[COLUMNS.details])).toEqual([
      'Searched for “archer” (1 result)',
    ]);
    expect(new Set(all.map((r) => r[COLUMNS.who]))).toContain('Olive Owner');
    await expectAccessible(page, 'audit');

    // One customer, found by name.
    await page.getByLabel(/^Customer/).fill('archer');
    await page.getByRole('button', { name: 'Find customer' }).click();
    const matches = page.getByRole('list', { name: 'Matching customers' });
    await matches.waitFor();
    await expectAccessible(page, 'audit, customer matches');
    await matches.getByRole('button', { name: 'Alice Archer' }).click();
    await page.getByText('Customer: Alice Archer').waitFor();
    const hers = await rows(page);
    // Opening a record also reads its consent and purchases: each is its own entry about her.
    expect(hers.map((r) => r[COLUMNS.what])).toEqual(expect.arrayContaining(['Viewed a record', 'Added a customer']));
    expect(hers.at(-1)?.[COLUMNS.what]).toBe('Added a customer');
    expect(new Set(hers.map((r) => r[COLUMNS.customer]))).toEqual(new Set(['Alice Archer']));
    expect(hers.flat().join(' ')).not.toContain('Bobbington');
    await expectAccessible(page, 'audit filtered to a customer');

    // Days typed day first: today keeps her entries, tomorrow has none, a wrong day says so.
    await page.getByLabel(/^From/).fill(today());
    await page.getByLabel(/^To/).fill(today());
    await page.getByRole('button', { name: 'Show entries' }).click();
    expect(await rows(page)).toEqual(hers);
    await page.getByLabel(/^From/).fill('31/02/2026');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByText('February 2026 has no day 31.').waitFor();
    expect(await page.getByLabel(/^From/).getAttribute('aria-invalid')).toBe('true');
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000);
    await page
      .getByLabel(/^From/)
      .fill(
        `${String(tomorrow.getDate()).padStart(2, '0')}/${String(tomorrow.getMonth() + 1).padStart(2, '0')}/${tomorrow.getFullYear()}`,
      );
    await page.getByLabel(/^To/).fill('');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByText('No entries match these filters.').waitFor();

    // Clearing shows everything again; a kind narrows to its actions.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: 'Find customer' }).waitFor();
    await page.getByLabel('Kind of action').selectOption({ label: 'Searches' });
    await page.getByRole('button', { name: 'Show entries' }).click();
    // The counter's search, and the one made here to find her; the form's duplicate checks are searches too.
    const searches = await rows(page);
    expect(searches.filter((r) => r[COLUMNS.what] === 'Searched').map((r) => r[COLUMNS.details])).toEqual([
      'Searched for “archer” (1 result)',
      'Searched for “archer” (1 result)',
    ]);
    for (const r of searches) expect(['Searched', 'Checked for duplicates while typing']).toContain(r[COLUMNS.what]);
    await expectAccessible(page, 'audit filtered by kind');
  });
});
