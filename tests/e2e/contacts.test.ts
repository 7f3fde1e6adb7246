// Browser end-to-end for contacts with the customer, in Debian's Chromium against the real core:
// a call logged on a record with the keyboard only (C, the kind, Tab, Enter) and listed with its
// day-first date; Esc cancels without logging; a date that does not exist is refused beside its
// box; a summary that hints at health needs a lawful basis, as notes do; axe finds nothing serious
// on the record with the section and with the dialog open.
import { describe, expect, test } from 'vitest';
import { addCustomer, createFile, expectAccessible, focusedId, openApp, setupE2E } from './support';

setupE2E();

describe('contacts with the customer in Chromium', () => {
  test('log a call with the keyboard only and see it listed, newest first, with a British date', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Cal', family: 'Caller' });
    const contacts = page.getByRole('region', { name: 'Contacts with the customer' });
    await contacts.getByText('No contacts logged.').waitFor();
    await expectAccessible(page, 'record with contacts');
    expect(await focusedId(page)).toBe('record-name');

    // C opens the dialog on the kind; one arrow moves it from Visit to Phone call.
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Log a contact with the customer' });
    await dialog.waitFor();
    expect(await focusedId(page)).toBe('ct-kind');
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByLabel('Kind of contact').inputValue()).toBe('call');
    // When starts at now, day first.
    expect(await dialog.getByLabel('When').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await expectAccessible(page, 'log a contact dialog');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('ct-summary');
    await page.keyboard.type('Asked about the Christmas matinee');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Two seats held until Friday');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    const rows = contacts.getByRole('row');
    await expect.poll(() => rows.count()).toBe(2);
    const row = await rows.nth(1).textContent();
    const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(
      new Date(),
    );
    expect(row).toContain(today);
    expect(row).toContain('Phone call');
    expect(row).toContain('Asked about the Christmas matinee');
    expect(row).toContain('Two seats held until Friday');
    expect(row).toContain('Olive Owner');
    await contacts.getByText('Phone call logged.').waitFor();

    // Back on the record, C logs the next one. The focus returns a tick after the dialog goes
    // (once Chromium lifts the modal's inertness), so a key is pressed only once it is there.
    const backOnLogButton = () =>
      expect.poll(() => page.evaluate('document.activeElement.textContent')).toBe('Log contact C');
    await backOnLogButton();
    // A visit last year, typed day first, lists below the call; Enter from the summary saves.
    await page.keyboard.press('c');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('03/04/2025 10:15');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Came in to renew membership');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(3);
    await backOnLogButton();
    expect(await rows.nth(2).textContent()).toContain('3 Apr 2025, 10:15');
    expect(await rows.nth(2).textContent()).toContain('Visit');

    // Esc cancels: nothing is logged.
    await page.keyboard.press('c');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Never mind');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(3);
    await backOnLogButton();

    // A day that does not exist is refused beside its box, which takes the focus.
    await page.keyboard.press('c');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('31/02/2026 10:00');
    await page.keyboard.press('Enter');
    await dialog.getByText('Enter the day first, then the time: 06/12/2026 14:30.').waitFor();
    expect(await focusedId(page)).toBe('ct-when');
    expect(await dialog.getByLabel('When').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(3);
    await expectAccessible(page, 'record with contacts listed');
  });

  test('a complaint that hints at health is kept only with a lawful basis, as notes are', async () => {
    const { page } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Hana', family: 'Heard' });
    const contacts = page.getByRole('region', { name: 'Contacts with the customer' });
    await contacts.getByRole('button', { name: /Log contact/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Log a contact with the customer' });
    await dialog.getByLabel('Kind of contact').selectOption('complaint');
    await dialog.getByLabel('What it was about').fill('No step-free way in for her wheelchair');
    await dialog.getByText(/What is written in this contact may record health/).waitFor();
    await dialog.getByRole('button', { name: 'Log contact' }).click();
    // The core refuses until the basis is confirmed; the message is beside the summary.
    await dialog.getByText(/This may record health \("wheelchair"\)/).waitFor();
    expect(await focusedId(page)).toBe('ct-summary');
    await expectAccessible(page, 'log a contact, sensitive warning');
    await dialog.getByLabel('Lawful basis for keeping it').selectOption('explicit_consent');
    await dialog.getByRole('button', { name: 'Log contact' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => contacts.textContent()).toContain('No step-free way in for her wheelchair');
    expect(await contacts.textContent()).toContain('Complaint');
  });
});
