// Browser end-to-end for an export's purpose, in Debian's Chromium against the real core: a file
// with a customer who may be emailed, one who withdrew consent and one marked do not contact is
// exported "for contacting people by email"; the file holds only the first, and the dialog says
// how many were left out and why.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import { cleanups, expectAccessible, openAt, setupE2E, tempDir } from './support';

setupE2E();

describe('export for a purpose in Chromium', () => {
  test('an email export leaves out the withdrawn and the do-not-contact, and says why', async () => {
    const file = path.join(tempDir(), 'customers.custodian');
    const owner = await ownerCore(file);
    cleanups.push(() => owner.core.close());
    const email = (address: string) => ({
      emails: [{ address }],
      consent: { channels: ['email' as const], wording_version: 1 },
    });
    await owner.ok('customers.create', { given_name: 'Carla', family_name: 'Given', ...email('carla@example.com') });
    const wendy = await owner.ok('customers.create', {
      given_name: 'Wendy',
      family_name: 'Went',
      ...email('wendy@example.com'),
    });
    await owner.ok('consent.record', { customer_id: wendy.id, channel: 'email', action: 'withdrawn' });
    const dan = await owner.ok('customers.create', {
      given_name: 'Dan',
      family_name: 'Quiet',
      ...email('dan@example.com'),
    });
    await owner.ok('consent.setDoNotContact', { customer_id: dan.id, on: true, reason: 'Asked us to stop' });
    owner.core.close();

    const page = await openAt(file, 'Import', 'Import and export');
    await page.getByRole('button', { name: 'Export customers…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.waitFor();

    // No purpose chosen: refused in words, nothing saved.
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog
      .getByRole('alert')
      .getByText(/Choose what the export is for/)
      .waitFor();

    await dialog.getByLabel('What is the export for?').selectOption({ label: 'Contacting people by email' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const lines = fs
      .readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toEqual(['given_name,family_name,email,phone', 'Carla,Given,carla@example.com,']);
    await dialog.getByRole('status').getByText('Exported 1 record. Saved', { exact: false }).waitFor();
    expect(await dialog.getByRole('status').textContent()).toContain(
      'Left out 2: 1 marked do not contact, 1 consent to email withdrawn.',
    );
    await expectAccessible(page, 'export dialog with a purpose');
  });
});
