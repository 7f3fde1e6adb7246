// Browser end-to-end for event packs, in Debian's Chromium against the real core: the owner makes
// a pack on the Event packs page (its own passphrase, a volunteer, a look-up list by customer
// number); the pack file opens as the app's file in event mode (the banner, the customer page
// only) and someone is signed up; back at base the pack is merged, the queued duplicate is resolved
// in the duplicate review's compare view, and the merge is undone as one batch. axe finds no
// serious or critical violation on the new screens.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import {
  addCustomer,
  cleanups,
  expectAccessible,
  heading,
  openApp,
  PASSPHRASE,
  search,
  searchBox,
  setupE2E,
  tempDir,
  unlock,
  visibleText,
} from './support';

setupE2E();

const PACK_PASSPHRASE = 'lantern meadow copper violin';

describe('event packs in Chromium', () => {
  test('make a pack, sign someone up in event mode, merge it back, resolve a queued duplicate, undo the merge', async () => {
    const file = path.join(tempDir(), 'customers.custodian');
    const owner = await ownerCore(file);
    cleanups.push(() => owner.core.close());
    await owner.ok('staff.create', { name: 'Vera Volunteer', role: 'volunteer', pin: '4821' });
    await owner.ok('customers.create', {
      ref: 'M200',
      given_name: 'Robert',
      family_name: 'Baker',
      phones: [{ number: '07700 900222' }],
      addresses: [{ line1: '2 Oak Lane', town: 'York', postcode: 'YO1 7HH' }],
    });
    owner.core.close();

    // At base: make the pack.
    const base = await openApp(file);
    await unlock(base.page, PASSPHRASE);
    await searchBox(base.page).waitFor();
    await base.page.getByRole('button', { name: 'Event packs' }).click();
    await heading(base.page, 'Event packs').waitFor();
    await base.page.getByLabel('Event', { exact: true }).fill('Summer fair');
    await base.page.getByLabel('Laptop').fill('Laptop 2');
    await base.page.getByLabel('Vera Volunteer (volunteer)').check();
    await base.page.getByLabel('Customers by number').check();
    await base.page.getByLabel('Customer numbers').fill('M200');
    await base.page.getByLabel("Pack passphrase (not the file's)").fill(PASSPHRASE);
    await base.page.getByLabel('Pack passphrase again').fill(PASSPHRASE);
    await base.page.getByRole('button', { name: 'Make pack' }).click();
    await base.page.getByText(/its own passphrase|different passphrase/).waitFor();
    await base.page.getByLabel("Pack passphrase (not the file's)").fill(PACK_PASSPHRASE);
    await base.page.getByLabel('Pack passphrase again').fill(PACK_PASSPHRASE);
    await base.page.getByRole('button', { name: 'Make pack' }).click();
    await base.page.getByText(/^Pack made: /).waitFor();
    await base.page.getByRole('cell', { name: 'Not merged yet' }).waitFor();
    await expectAccessible(base.page, 'event packs page');
    const folder = path.join(path.dirname(file), 'event-packs');
    const packFile = path.join(folder, fs.readdirSync(folder)[0] as string);

    // At the event: the pack is the laptop's customer file (CUSTODIAN_FILE, or the host's file).
    const event = await openApp(packFile);
    await unlock(event.page, PACK_PASSPHRASE);
    await searchBox(event.page).waitFor();
    await event.page.getByText(/Event pack: Summer fair/).waitFor();
    expect(await event.page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    // The look-up list holds Robert Baker by number and name only.
    expect((await search(event.page, 'Baker')).join(' ')).toMatch(/Robert Baker/);
    await addCustomer(event.page, { given: 'Bob', family: 'Baker', phone: '07700 900222' });
    await expectAccessible(event.page, 'event mode');
    await event.page.getByRole('button', { name: 'Close file' }).click();
    await heading(event.page, /Unlock/).waitFor();
    await event.host.close();

    // Back at base: merge, resolve the queued pair in the compare view, then undo the merge.
    await base.page.getByRole('button', { name: 'Merge…' }).click();
    await base.page.getByLabel('Passphrase of the pack for Summer fair').fill(PACK_PASSPHRASE);
    await base.page.getByRole('button', { name: 'Merge pack' }).click();
    await base.page.getByText(/^Merged Summer fair\. 1 sign-ups: 1 new, 0 joined .*1 queued for review/).waitFor();
    await base.page.getByText(/Bob Baker \(new, from Summer fair\) is probably Robert Baker/).waitFor();
    await expectAccessible(base.page, 'event packs review');
    await base.page.getByRole('button', { name: 'Compare' }).click();
    await base.page.getByRole('button', { name: 'Merge', exact: true }).click();
    await base.page.getByText('Merged the two records.').waitFor();
    await base.page.getByText('Nothing waits for review.').waitFor();
    await base.page.getByRole('button', { name: 'Undo merge' }).click();
    await base.page.getByText(/^Undid the merge of Summer fair: 1 records taken out/).waitFor();
    await base.page.getByRole('cell', { name: 'Merge undone' }).waitFor();

    await base.page.getByRole('button', { name: 'Customers' }).click();
    const rows = await search(base.page, 'Baker');
    expect(rows).toHaveLength(1);
    expect(rows.join(' ')).toMatch(/Robert Baker/);
    expect(await visibleText(base.page)).not.toMatch(/Bob Baker/);
  }, 240_000);
});
