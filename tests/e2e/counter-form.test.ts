// Browser end-to-end: the new-customer form at the counter, in a 1024 × 768 window (the Chromium
// host, the real core on a real encrypted file). The duplicate warning is beside the name while
// it is typed and holds Save until the clerk chooses; a failed save opens the fold in error and
// puts the cursor there; Cancel and Esc ask before throwing typed details away; the sticky
// footer covers nothing; axe finds no serious or critical violation.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CARD_NUMBER_MESSAGE } from '../../shared/rules/card-guard';
import {
  addCustomer,
  createFile,
  expectAccessible,
  focusedId,
  heading,
  newCustomerForm,
  openApp,
  search,
  setupE2E,
} from './support';

setupE2E();

type Box = { x: number; y: number; width: number; height: number };

function expectInside(name: string, box: Box | null): void {
  expect(box, name).not.toBeNull();
  if (!box) return;
  expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${name} top`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(1024);
  expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(768);
}

async function openCounter(): Promise<Page> {
  const { page } = await openApp();
  await page.setViewportSize({ width: 1024, height: 768 });
  await createFile(page);
  return page;
}

const discardQuestion = (page: Page) => page.getByRole('dialog', { name: 'Throw away what you typed?' });

describe('the counter form at 1024 × 768', () => {
  test('the duplicate warning shows beside the name and holds Save until the clerk chooses', async () => {
    const page = await openCounter();
    await addCustomer(page, { given: 'Margaret', family: 'Hollings', phone: '07700 900456' });

    await newCustomerForm(page);
    await page.getByLabel('Given name').pressSequentially('Margaret');
    await page.getByLabel('Family name').pressSequentially('Hollings');
    const warning = page.locator('.dup-warning');
    await warning.waitFor();
    // Typed, not yet tabbed away: the warning is on screen while the cursor is still in the name.
    expect(await focusedId(page)).toBe('f-family_name');
    expect(await warning.textContent()).toContain('Margaret Hollings');
    expectInside('duplicate warning', await warning.boundingBox());
    expectInside('family name', await page.getByLabel('Family name').boundingBox());

    // A folded field in error (a card number in the notes): the fold opens and takes the cursor.
    await page.getByText('Notes and other details').click();
    await page.getByLabel('Notes').fill('Paid with 4111 1111 1111 1111');
    await page.getByText('Notes and other details').click();
    expect(await page.getByLabel('Notes').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(() => focusedId(page)).toBe('f-notes');
    expect(await page.getByLabel('Notes').isVisible()).toBe(true);
    const summary = page.getByRole('alert').filter({ hasText: 'value needs correcting' });
    expect(await summary.textContent()).toContain(CARD_NUMBER_MESSAGE);
    await expectAccessible(page, 'form with a duplicate warning and an error summary');

    // Corrected: Save is still held by the likely duplicate, and says so where the eye is.
    await page.getByLabel('Notes').fill('Collecting a parcel');
    await page.keyboard.press('Control+s');
    await expect.poll(() => focusedId(page)).toBe('dup-warning-title');
    expect(await page.locator('#dup-hold').textContent()).toMatch(/Save waits until you choose/);
    expect(await heading(page, 'New customer').count()).toBe(1);
    expectInside('duplicate warning when Save is held', await warning.boundingBox());
    await page.getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(() => focusedId(page)).toBe('dup-warning-title');
    expect(await heading(page, 'New customer').count()).toBe(1);

    // The explicit choice lets it through: a second Margaret Hollings, and only one.
    await page.getByRole('button', { name: 'This is a different person' }).click();
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'Margaret Hollings').waitFor();
    expect(await search(page, 'hollings')).toHaveLength(2);

    // The other choice: open the existing record instead of adding one.
    await newCustomerForm(page);
    await page.getByLabel('Given name').pressSequentially('Maggie');
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).pressSequentially('07700 900456');
    await warning.waitFor();
    expect(await focusedId(page)).toBe('f-phones-0-number');
    expectInside('duplicate warning while the phone is typed', await warning.boundingBox());
    await warning.getByRole('button', { name: 'Open Margaret Hollings' }).first().click();
    await heading(page, 'Margaret Hollings').waitFor();
    expect(await search(page, 'hollings')).toHaveLength(2);
  });

  test('Cancel and Esc ask before throwing typed details away, and not when nothing was typed', async () => {
    const page = await openCounter();

    // Nothing typed (an empty row added is not typing): no question.
    await newCustomerForm(page);
    await page.getByRole('button', { name: 'Add email' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await heading(page, 'Find a customer').waitFor();
    await newCustomerForm(page);
    await page.keyboard.press('Escape');
    await heading(page, 'Find a customer').waitFor();

    await newCustomerForm(page);
    await page.getByLabel('Given name').fill('Zoe');
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).fill('07700 900999');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await discardQuestion(page).waitFor();
    await expectAccessible(page, 'the question before throwing details away');
    // The safe answer has the cursor: Enter keeps the details.
    await page.keyboard.press('Enter');
    await discardQuestion(page).waitFor({ state: 'detached' });
    expect(await page.getByLabel('Given name').inputValue()).toBe('Zoe');
    expect(await page.getByRole('textbox', { name: 'Phone number' }).inputValue()).toBe('07700 900999');

    // Esc from a field asks the same; Esc in the question keeps editing.
    await page.getByLabel('Given name').focus();
    await page.keyboard.press('Escape');
    await discardQuestion(page).waitFor();
    await page.keyboard.press('Escape');
    await discardQuestion(page).waitFor({ state: 'detached' });
    expect(await heading(page, 'New customer').count()).toBe(1);
    expect(await page.getByLabel('Given name').inputValue()).toBe('Zoe');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await discardQuestion(page).getByRole('button', { name: 'Throw it away' }).click();
    await heading(page, 'Find a customer').waitFor();
    expect(await search(page, '')).toEqual([]);
  });

  test('the sticky footer covers nothing', async () => {
    const page = await openCounter();
    await newCustomerForm(page);
    await page.getByRole('button', { name: 'Add address' }).click();
    const folds = page.locator('details.fold > summary');
    for (let i = 0; i < (await folds.count()); i++) await folds.nth(i).click();
    const footer = page.locator('.editor__bar');
    const pane = page.locator('.pane');

    // Scrolled to the end: the last field is above the bar.
    await pane.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = page.locator('form.editor').locator('input, select, textarea').last();
    const lastBox = await last.boundingBox();
    const barBox = await footer.boundingBox();
    if (!lastBox || !barBox) throw new Error('no box');
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(barBox.y);

    // A field sitting under the bar when the cursor moves to it (Tab) is scrolled clear of it.
    const country = page.getByLabel('Country');
    await pane.evaluate((el, target) => {
      const input = document.getElementById(target) as HTMLElement;
      const bar = document.querySelector('.editor__bar') as HTMLElement;
      el.scrollBy(0, input.getBoundingClientRect().top - bar.getBoundingClientRect().top - 10);
      (document.getElementById('f-addresses-0-postcode') as HTMLElement).focus({ preventScroll: true });
    }, 'f-addresses-0-country');
    const under = await country.boundingBox();
    const barBefore = await footer.boundingBox();
    if (!under || !barBefore) throw new Error('no box');
    // Wholly or partly behind the bar before the Tab.
    expect(under.y + under.height).toBeGreaterThan(barBefore.y);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('f-addresses-0-country');
    const box = await country.boundingBox();
    const bar = await footer.boundingBox();
    if (!box || !bar) throw new Error('no box');
    expect(box.y + box.height).toBeLessThanOrEqual(bar.y);
  });
});
