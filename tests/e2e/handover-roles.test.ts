// Browser end-to-end for handover and the register's "who may see": on a file whose register
// hides the notes and the date of birth from staff, a member of staff's field picker does not
// list them (the core decides which are offered) but does list purchases and the register's own
// fields, shown on screen in words; and a subject-access request shows that its pack must be
// prepared by a manager or the owner instead of offering it. Built renderer in Chromium against
// the real core and a real encrypted file (see support.ts).
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import {
  expectAccessible,
  heading,
  openApp,
  PASSPHRASE,
  search,
  searchBox,
  setupE2E,
  signIn,
  tempDir,
  unlock,
} from './support';

setupE2E();

const STAFF = 'Sam Staff';
const STAFF_PASSWORD = 'staff counter password';

/** A file with a staff account, a register hiding notes and date of birth from staff, and two requests. */
async function prepareFile(): Promise<string> {
  const file = path.join(tempDir(), 'customers.custodian');
  const owner = await ownerCore(file);
  await owner.ok('staff.create', { name: STAFF, role: 'staff', password: STAFF_PASSWORD });
  for (const key of ['notes', 'date_of_birth']) {
    await owner.ok('register.update', { key, see_roles: ['owner', 'manager'] });
  }
  const customer = await owner.ok('customers.create', {
    given_name: 'Ruth',
    family_name: 'Okafor',
    phones: [{ number: '07700 900781' }],
    date_of_birth: '1961-04-09',
    notes: 'Paid the season in cash',
    fields: { household: 'couple' },
  });
  await owner.ok('purchases.add', {
    customer_id: customer.id,
    date: '2026-10-02',
    item: 'Matinee ticket',
    quantity: 2,
    amount_pence: 3000,
  });
  for (const kind of ['disclosure', 'subject_access'] as const) {
    await owner.ok('requests.create', {
      customer_id: customer.id,
      kind,
      requester_type: 'customer',
      requester_name: 'Ruth Okafor',
      reason: 'Wants a copy of what we hold',
      identity_check: 'Photo driving licence seen',
      lawful_basis: 'data_subject_right',
    });
  }
  owner.core.close();
  return file;
}

describe('handover follows who may see a field, in Chromium', () => {
  test('staff are not offered the fields the register hides from them, and a subject-access pack is routed', async () => {
    const file = await prepareFile();
    const { page } = await openApp(file);
    await unlock(page, PASSPHRASE);
    await searchBox(page).waitFor();
    await page.keyboard.press('Control+l');
    await signIn(page, STAFF, STAFF_PASSWORD, 'Password');
    expect(await search(page, 'okafor')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Ruth Okafor').waitFor();

    const disclosure = page.getByRole('article', { name: 'Disclosure for Ruth Okafor' });
    await disclosure.getByRole('button', { name: 'Hand over' }).click();
    const picker = disclosure.getByRole('group', { name: 'Fields to hand over' });
    await picker.waitFor();
    const offered = await picker
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((b) => (b.closest('label')?.textContent ?? '').trim()));
    expect(offered).toEqual([
      'Name',
      'Customer number',
      'Email addresses',
      'Phone numbers',
      'Postal addresses',
      'Organisation and role',
      'Purchases and bookings',
      'Consent status and history',
      'Contacts with the customer',
      'Record created and last changed',
      // The register's own fields, each as the register lets staff see it.
      'Household',
      'Preferred language',
      'Accessibility needs',
      'Interests',
      'Motivations',
      'Preferred channel',
      'How often to hear from us',
    ]);
    expect(await picker.textContent()).toContain('of 17 fields');
    expect(await picker.textContent()).toContain('Not offered: Date of birth, Notes.');
    await expectAccessible(page, 'handover with withheld fields');

    // Purchases and the register's own fields go out in words; a vCard is not offered for them.
    await picker.getByRole('checkbox', { name: 'Purchases and bookings' }).check();
    await picker.getByRole('checkbox', { name: 'Household' }).check();
    expect(await disclosure.getByRole('radio', { name: 'vCard (contacts)' }).isDisabled()).toBe(true);
    expect(await disclosure.textContent()).toContain(
      'A vCard holds contact details only, not Purchases and bookings, Household.',
    );
    await disclosure.getByRole('radio', { name: 'Shown on screen' }).check();
    await disclosure.getByRole('button', { name: 'Show on screen' }).click();
    const shown = page.getByRole('dialog', { name: 'Shown on screen' });
    await shown.waitFor();
    const onScreen = (await shown.textContent()) ?? '';
    expect(onScreen).toContain('2 Oct 2026: Matinee ticket × 2, £30.00');
    expect(onScreen).toContain('HouseholdCouple');
    expect(onScreen).not.toContain('Paid the season in cash');
    await expectAccessible(page, 'handover shown on screen');
    await page.keyboard.press('Escape');
    await shown.waitFor({ state: 'detached' });

    const access = page.getByRole('article', { name: 'Subject access for Ruth Okafor' });
    expect(await access.textContent()).toContain(
      'Routed: A subject-access pack must be complete: ask a manager or the owner to prepare it.',
    );
    expect(await access.getByRole('button', { name: /complete pack/ }).count()).toBe(0);
    expect(await access.getByRole('button', { name: 'Hand over' }).count()).toBe(0);
  });
});
