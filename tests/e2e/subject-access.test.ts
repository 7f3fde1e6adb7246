// Browser end-to-end for subject access in one path: on a customer's record the owner records a
// subject-access request (the lawful basis preset, not chosen), finds it on the requests page
// with its next step, prepares the complete pack from its card (no field picker, no "only what
// this request needs" nudge), and confirms receipt of that pack on the same card. The saved PDF
// holds the Article 15 sections, read by pdftotext; axe finds no serious or critical violation
// at each step. Built renderer in Chromium against the real core and a real encrypted file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import { needTools } from '../support/tools';
import {
  expectAccessible,
  heading,
  openApp,
  PASSPHRASE,
  search,
  searchBox,
  setupE2E,
  tempDir,
  unlock,
} from './support';

setupE2E();

/** A file with a customer who bought something and whose details went to a colleague once. */
async function prepareFile(): Promise<string> {
  const file = path.join(tempDir(), 'customers.custodian');
  const owner = await ownerCore(file);
  const customer = await owner.ok('customers.create', {
    given_name: 'Ruth',
    family_name: 'Okafor',
    phones: [{ number: '07700 900781' }],
    fields: { household: 'couple' },
  });
  await owner.ok('purchases.add', {
    customer_id: customer.id,
    date: '2026-10-02',
    item: 'Matinee ticket',
    quantity: 2,
    amount_pence: 3000,
  });
  const earlier = await owner.ok('requests.create', {
    customer_id: customer.id,
    kind: 'disclosure',
    requester_type: 'colleague',
    requester_name: 'Dev Patel',
    requester_org: 'Box office',
    reason: 'Rebooking her seats',
    identity_check: 'Known colleague',
    lawful_basis: 'contract',
  });
  await owner.ok('requests.supply', { id: earlier.id, fields: ['name', 'phones'], channel: 'screen' });
  owner.core.close();
  return file;
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('subject access in one path, in Chromium', () => {
  test('request → complete pack → receipt confirmed, on one card', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const file = await prepareFile();
    const { page, dir } = await openApp(file, { acceptDownloads: true });
    await unlock(page, PASSPHRASE);
    await searchBox(page).waitFor();
    expect(await search(page, 'okafor')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Ruth Okafor').waitFor();

    // The request: the lawful basis is preset and said in words, not chosen.
    await page.getByRole('button', { name: 'New request' }).click();
    await page.getByLabel('Kind of request').selectOption('subject_access');
    const form = page.getByRole('form', { name: 'New request' });
    expect(await form.textContent()).toContain('Legal obligation: the customer’s right of access (UK GDPR Art. 15)');
    expect(await page.locator('#nr-basis').count()).toBe(0);
    await page.getByLabel('Why they are asking').fill('Wants to know everything we hold');
    await page.getByLabel('How their identity or authority was checked').fill('Passport seen at the counter');
    await expectAccessible(page, 'subject-access request form');
    await page.getByRole('button', { name: 'Record request' }).click();

    // The card opens at its next step: the complete pack, nothing to choose.
    const card = page.getByRole('article', { name: 'Subject access for Ruth Okafor' });
    await card.waitFor();
    const steps = card.getByRole('list', { name: 'Subject access, step by step' });
    await expect.poll(() => focusedText(page)).toBe('Prepare and save the complete pack');
    const before = await card.textContent();
    expect(before).toContain('Due by');
    expect(before).toContain('Legal obligation: the customer’s right of access (UK GDPR Art. 15)');
    expect(before).not.toContain('Hand over only what this request needs');
    expect(await card.getByRole('button', { name: 'Hand over' }).count()).toBe(0);
    expect(await card.getByRole('checkbox').count()).toBe(0);
    expect(await steps.locator('[aria-current="step"]').textContent()).toContain('The complete pack');
    await expectAccessible(page, 'subject-access card, pack to prepare');

    // The requests page lists it with its due date and what it waits for; its row leads back here.
    const pages = page.getByRole('navigation', { name: 'Pages' });
    await pages.getByRole('button', { name: 'Requests' }).click();
    await heading(page, 'Open requests').waitFor();
    const waiting = page.getByRole('row').filter({ hasText: 'Subject access' });
    expect(await waiting.textContent()).toContain('Prepare the complete pack');
    expect(await waiting.textContent()).toContain('Due by');
    await waiting.getByRole('button', { name: 'Ruth Okafor' }).click();
    await heading(page, 'Ruth Okafor').waitFor();

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await card.getByRole('button', { name: 'Prepare and save the complete pack' }).click();
    // Building the pack (a PDF with embedded fonts) takes seconds on a loaded machine, not poll's default 1 s.
    await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
    const pdf = downloads.find((d) => d.suggestedFilename().endsWith('.pdf')) as Download;
    expect(pdf.suggestedFilename()).toMatch(/^subject-access-\d+\.pdf$/);
    const copy = path.join(dir, 'pack.pdf');
    fs.copyFileSync(await pdf.path(), copy);
    const text = execFileSync('pdftotext', [copy, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const words of [
      'Matinee ticket',
      'Why we hold it and on what lawful basis',
      'How long we keep it',
      'Where it came from',
      'To Dev Patel, Box office; why: Rebooking her seats',
      'Your rights',
      '0303 123 1113',
    ])
      expect(text, words).toContain(words);
    await card.getByText(/^Saved subject-access-\d+\.pdf to /).waitFor();
    await card.getByText(/^Saved subject-access-\d+\.json to /).waitFor();

    // Receipt of that pack, from the same card.
    await card.getByText('Handed over, receipt not confirmed').waitFor();
    expect(await card.textContent()).toContain('Complete subject-access pack (PDF and JSON)');
    const confirm = card.getByRole('button', { name: 'Confirm receipt of the pack' });
    await confirm.waitFor();
    await expectAccessible(page, 'subject-access card, pack prepared');
    await confirm.click();
    await card.getByLabel('How was receipt confirmed?').selectOption('in_person');
    await card.getByRole('radio', { name: 'Yes' }).check();
    await card.getByRole('button', { name: 'Confirm receipt', exact: true }).click();
    await card.getByText(/^Confirmed .+ for the pack prepared /).waitFor();
    expect(await card.locator('.badge').textContent()).toBe('Receipt confirmed');
    expect(await card.getByRole('button', { name: /pack/ }).count()).toBe(0);
    await expectAccessible(page, 'subject-access card, receipt confirmed');

    // The requests page lists it no longer: only the earlier disclosure, not yet confirmed, is open.
    await pages.getByRole('button', { name: 'Requests' }).click();
    await heading(page, 'Open requests').waitFor();
    const open = page.getByRole('table');
    await open.waitFor();
    const rows = (await open.getByRole('row').allTextContents()).slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Disclosure');
    expect(rows[0]).toContain('Confirm receipt');
    await expectAccessible(page, 'open requests');
  });
});
