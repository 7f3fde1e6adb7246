import { describe, expect, test } from 'vitest';
import { ageBand } from '../../shared/geography';
import { createFile, expectAccessible, heading, newCustomerForm, openApp, setupE2E, stored, unfold } from './support';

setupE2E();

describe('organisations, geography and provenance in Chromium', () => {
  test('an organisation and its member; region and age band; V marks every value verified today', async () => {
    const { page } = await openApp();
    await createFile(page);

    // The organisation: no person's name, its own name instead.
    await newCustomerForm(page);
    await page.getByRole('radio', { name: 'Organisation' }).check();
    expect(await page.getByLabel('Family name').count()).toBe(0);
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.locator('#f-organisation_name-error').getByText('Enter the organisation’s name.').waitFor();
    await page.getByLabel('Organisation name').fill('Riverside Players');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'Riverside Players').waitFor();

    // The person, belonging to it, with a Leeds postcode and a date of birth.
    const born = '1990-05-06';
    await newCustomerForm(page);
    await page.getByLabel('Given name').fill('Priya');
    await page.getByLabel('Family name').fill('Shah');
    await unfold(page);
    await page.getByLabel('Belongs to organisation').fill('river');
    await page
      .getByRole('list', { name: 'Organisations found' })
      .getByRole('button', { name: 'Riverside Players' })
      .click();
    await page.getByLabel('Role or job title').fill('Treasurer');
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.getByLabel('Address line 1').fill('1 Park Row');
    await page.getByLabel('Town or city').fill('Leeds');
    await page.getByLabel('Postcode').fill('ls1 4ap');
    await page.getByLabel('Type of address').selectOption('work');
    await page.getByLabel('Date of birth').fill('06/05/1990'); // typed day first, stored as `born`
    await page.getByLabel('How were these details collected?').selectOption('phone');
    await expectAccessible(page, 'form with organisation and address type');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'Priya Shah').waitFor();

    const record = page.getByRole('article');
    const addresses = page.getByRole('region', { name: 'Address', exact: true });
    await expect.poll(() => addresses.textContent()).toContain('Yorkshire and The Humber');
    expect(await addresses.textContent()).toContain('Work');
    expect(await addresses.textContent()).toContain('LS1');
    const details = page.getByRole('region', { name: 'Details', exact: true });
    expect(await details.textContent()).toContain(`Age band${ageBand(born, new Date().toISOString())}`);
    expect(await record.textContent()).toMatch(/Treasurer\s+at\s+Riverside Players/);

    // Where each value came from: by phone.
    const provenance = page.getByRole('region', { name: 'Where the details came from' });
    await expect.poll(() => provenance.getByRole('row').count()).toBeGreaterThan(4);
    const rows = await provenance.getByRole('row').allTextContents();
    expect(rows.find((r) => r.startsWith('Date of birth'))).toContain('By phone');
    await expectAccessible(page, 'record with organisation, geography and provenance');

    // V: verified with the customer today, on the record and on every value.
    const before = await stored(page, 2);
    await heading(page, 'Priya Shah').focus();
    await page.keyboard.press('v');
    await expect.poll(async () => (await stored(page, 2)).verified_at).not.toBe(before.verified_at);
    await record.getByText('Last verified today').waitFor();
    await expect
      .poll(async () =>
        (await provenance.getByRole('row').allTextContents()).slice(1).every((r) => r.endsWith('today')),
      )
      .toBe(true);

    // The link leads to the organisation, which lists its people.
    await record.getByRole('button', { name: 'Riverside Players' }).click();
    await heading(page, 'Riverside Players').waitFor();
    const people = page.getByRole('region', { name: 'People', exact: true });
    await expect.poll(() => people.textContent()).toContain('Priya Shah · Treasurer');
    await people.getByRole('button', { name: 'Priya Shah' }).click();
    await heading(page, 'Priya Shah').waitFor();
  });
});
