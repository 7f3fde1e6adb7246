// Browser end-to-end for the owner's Settings page, in Debian's Chromium against the real core:
// a changed setting takes effect on the page that uses it; the file passphrase is changed
// (refusals shown beside their fields first) and the file reopens with the new one; axe finds
// nothing serious on the page.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  createFile,
  expectAccessible,
  heading,
  openApp,
  PASSPHRASE,
  searchBox,
  setupE2E,
  unlock,
  visibleText,
} from './support';

setupE2E();

const NEXT = 'amber kettle orchard swim';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
  await heading(page, 'Settings').waitFor();
  await page.getByLabel('Ask to check a record after this many months').waitFor();
}

describe('settings in Chromium', () => {
  test('a bad value is refused beside its field; a good one takes effect on Data quality', async () => {
    const { page } = await openApp();
    await createFile(page);
    await openSettings(page);
    await expectAccessible(page, 'settings');

    const idle = page.getByLabel('Sign out after this many idle minutes');
    await idle.fill('10000');
    await page.getByRole('button', { name: 'Save signing in' }).click();
    await page.getByText('At most 240 minutes (four hours).').waitFor();
    expect(await idle.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'settings with a refused value');

    await page.getByLabel('Ask to check a record after this many months').fill('3');
    await page.getByRole('button', { name: 'Save keeping records accurate' }).click();
    await page.getByText('Saved. The change applies from now on.').waitFor();

    await page.getByRole('button', { name: 'Data quality' }).click();
    await page.getByText('0 records not confirmed with the customer for 3 months.').waitFor();

    // The consent wording: saving makes a new version, and the page says so.
    await openSettings(page);
    const version = (await page.getByTestId('wording-version').textContent()) ?? '';
    const shown = Number(/Version (\d+)/.exec(version)?.[1]);
    await page.getByLabel('What people are shown when they give consent').fill('');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    // The refusal comes from the core, a round trip later: wait for it as a person would see it.
    await page.locator('#wording-text[aria-invalid="true"]').waitFor();
    await page
      .getByLabel('What people are shown when they give consent')
      .fill('We will email you about events and offers. You can stop this at any time.');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText(`Saved as version ${shown + 1}.`, { exact: false }).waitFor();
    expect(await page.getByTestId('wording-version').textContent()).toContain(`Version ${shown + 1}`);
  });

  test('change the file passphrase, then reopen the file with the new one', async () => {
    const { page } = await openApp();
    await createFile(page);
    await openSettings(page);
    const current = page.getByLabel('Current passphrase');
    const next = page.getByLabel('New passphrase', { exact: true });
    const repeat = page.getByLabel('New passphrase again');
    const change = page.getByRole('button', { name: 'Change passphrase' });

    await current.fill(PASSPHRASE);
    await next.fill(PASSPHRASE);
    await repeat.fill(PASSPHRASE);
    await change.click();
    await page.getByText('The new passphrase is the same as the current one. Choose a different one.').waitFor();

    await next.fill('password1234');
    await repeat.fill('password1234');
    await change.click();
    await page.getByText('This passphrase is easy to guess. Try three or four unrelated words.').waitFor();

    await current.fill('not the passphrase at all');
    await next.fill(NEXT);
    await repeat.fill(NEXT);
    await change.click();
    await page.getByText('The current passphrase is wrong.').waitFor();
    await expectAccessible(page, 'passphrase change refused');

    await current.fill(PASSPHRASE);
    await change.click();
    await page.getByText('Done. Copies of the file made before today still open with the old passphrase.').waitFor();
    await expectAccessible(page, 'passphrase changed');

    await page.getByRole('button', { name: 'Close file' }).click();
    await unlock(page, NEXT);
    await searchBox(page).waitFor();
    expect(await visibleText(page)).toContain('Olive Owner');
  });
});
