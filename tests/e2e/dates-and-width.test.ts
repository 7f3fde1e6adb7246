import { describe, expect, test } from 'vitest';
import {
  addCustomer,
  createFile,
  expectAccessible,
  heading,
  newCustomerForm,
  openApp,
  setupE2E,
  stored,
  unfold,
} from './support';

setupE2E();

describe('dates typed and shown day first', () => {
  test('06/12/2026 is stored as 6 December and shown as 6 Dec 2026; 31/02 is refused', async () => {
    const { page } = await openApp();
    await createFile(page);
    await newCustomerForm(page);
    await page.getByLabel('Given name').fill('Dora');
    await page.getByLabel('Family name').fill('Day');
    await page.getByRole('button', { name: 'Add address' }).click();
    await page.getByLabel('Address line 1').fill('6 December Row');
    await page.getByLabel('Postcode').fill('LS1 4AP');

    const from = page.getByLabel('From (optional)', { exact: true });
    expect(await from.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    // A day that does not exist is said in words as soon as the box is left, and holds the save back.
    await from.fill('31/02/2026');
    await from.blur();
    await page.getByText('February 2026 has no day 31.').waitFor();
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'New customer').waitFor();
    expect(await from.getAttribute('aria-invalid')).toBe('true');

    await from.fill('06/12/2026');
    await unfold(page, 'Notes and other details');
    await page.getByLabel('Date of birth').fill('3/3/85');
    await expectAccessible(page, 'customer form with typed dates');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'Dora Day').waitFor();

    const customer = await stored(page, 1); // the file's first record
    expect(customer.addresses[0]?.valid_from).toBe('2026-12-06');
    expect(customer.date_of_birth).toBe('1985-03-03');
    const address = page.getByRole('region', { name: 'Address', exact: true });
    await expect.poll(() => address.textContent()).toContain('from 6 Dec 2026');
    const details = page.getByRole('region', { name: 'Details', exact: true });
    expect(await details.textContent()).toMatch(/Date of birth3 Mar 1985 \(age \d+\)/);

    // Editing shows the stored day back day first.
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByLabel('From (optional)', { exact: true }).inputValue()).toBe('06/12/2026');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('03/03/1985');
  });
});

describe('a window 1024 pixels wide', () => {
  test('the header and the record’s Edit button are on screen, nothing wider than the window', async () => {
    const { page } = await openApp();
    await page.setViewportSize({ width: 1024, height: 768 });
    await createFile(page);
    await addCustomer(page, { given: 'Wendy', family: 'Narrow', phone: '07700 900123' });

    const inside = async (name: string, box: { x: number; y: number; width: number; height: number } | null) => {
      expect(box, name).not.toBeNull();
      if (!box) return;
      expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
      expect(box.y, `${name} top`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(1024);
      expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(768);
    };
    const header = page.locator('header.topbar');
    await inside('brand', await header.getByText('Custodian', { exact: true }).boundingBox());
    await inside('navigation', await page.getByRole('navigation', { name: 'Pages' }).boundingBox());
    const lastItem = header.locator('button').last();
    expect(await lastItem.textContent()).toContain('Close file');
    await inside('header’s last item', await lastItem.boundingBox());
    await inside('Edit', await page.getByRole('button', { name: 'Edit' }).boundingBox());
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await expectAccessible(page, 'record at 1024 × 768');

    // The form opened from there fits too.
    await page.getByRole('button', { name: 'Edit' }).click();
    await heading(page, /^Edit/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  });
});
