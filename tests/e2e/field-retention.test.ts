// Browser end-to-end for per-field retention, in Debian's Chromium against the real core: a file
// whose values were collected years ago (written by a core with its clock set back) opens on the
// Data quality page with the record's last activity in words, and the values held past their
// field's retention listed beside the records; one is chosen, previewed and erased, and the
// record keeps the rest.
import { describe, expect, test } from 'vitest';
import { createCore } from '../../electron/core/api';
import { expectAccessible, heading, openApp, PASSPHRASE, search, setupE2E, tempDir, unlock } from './support';

setupE2E();

/** A file with one customer whose notes were collected in 2015 (notes are kept 24 months). */
async function oldFile(): Promise<string> {
  const file = `${tempDir()}/old.custodian`;
  const core = createCore(file, { now: () => new Date('2015-01-01T10:00:00.000Z') });
  const created = await core.call(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
  if (!created.ok) throw new Error(created.error.message);
  const saved = await core.call(created.value.token, 'customers.create', {
    given_name: 'Nora',
    family_name: 'Quellingham',
    phones: [{ number: '07700 900321' }],
    notes: 'Prefers the aisle seat.',
  });
  if (!saved.ok) throw new Error(saved.error.message);
  core.close();
  return file;
}

describe('per-field retention in Chromium', () => {
  test('a value past its field’s retention is listed, previewed and erased; the record stays', async () => {
    const { page } = await openApp(await oldFile());
    await unlock(page, PASSPHRASE);
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('button', { name: 'Data quality', exact: true })
      .click();
    await heading(page, 'Data quality').waitFor();
    // The record itself is idle too: the review says what its last activity was.
    await page.getByRole('cell', { name: 'record created 1 Jan 2015', exact: true }).waitFor();
    const values = page.getByRole('table', { name: 'Values kept past their field’s retention' });
    await values.waitFor();
    const notes = values.getByRole('row', { name: /Nora Quellingham Notes/ });
    expect(await notes.textContent()).toContain('Notes collected 1 Jan 2015, kept 24 months');
    await expectAccessible(page, 'retention review with values past their retention');

    await page.getByRole('checkbox', { name: 'Erase Notes of Nora Quellingham' }).check();
    await page.getByRole('button', { name: 'Erase selected values' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase 1 value for good?' });
    expect(await dialog.textContent()).toContain('Nora Quellingham: Notes');
    await expectAccessible(page, 'erase values dialog');
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByRole('status').filter({ hasText: 'Erased 1 value.' }).waitFor();
    expect(await notes.count()).toBe(0);

    // The record stays, without its notes.
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('button', { name: 'Customers', exact: true })
      .click();
    expect(await search(page, 'quellingham')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Nora Quellingham').waitFor();
    await page.getByText('07700 900321').first().waitFor();
    expect(await page.getByText('Prefers the aisle seat.').count()).toBe(0);
  });
});
