// Browser end-to-end for a customer summary saved as PDF from the record, in Debian's Chromium
// against the real core: Save as PDF (and Ctrl+P on the record) saves the file through the host
// and the record says the real path it went to; the file on disk is the record as a PDF; a member
// of staff the register hides the notes and date of birth from is told they were left out, and
// the file holds neither; axe finds nothing serious on the record with the message shown.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ownerCore } from '../support/core';
import { hasTool } from '../support/tools';
import {
  addCustomer,
  createFile,
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

describe('a customer summary as PDF in Chromium', () => {
  test('Save as PDF from a record saves the file and shows where it went', async () => {
    const { page, dir } = await openApp();
    await createFile(page);
    await addCustomer(page, { given: 'Petra', family: 'Printwell', email: 'petra@example.org', notes: 'Likes row F' });
    const record = page.getByRole('article', { name: 'Petra Printwell' });

    await record.getByRole('button', { name: 'Save as PDF' }).click();
    const notice = record.getByText(/^Saved customer-\d+-summary\.pdf to \//);
    await notice.waitFor();
    const saved = (await notice.innerText()).match(/ to (\/.+\.pdf)\.$/)?.[1] ?? '';
    expect(path.dirname(saved)).toBe(path.join(dir, 'downloads'));
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    if (hasTool('pdftotext')) {
      const text = execFileSync('pdftotext', [saved, '-']).toString().replace(/\s+/g, ' ');
      expect(text).toContain('Petra Printwell');
      expect(text).toContain('petra@example.org');
      expect(text).toContain('Likes row F');
      expect(text).toContain('Printed by Olive Owner on');
    }
    await expectAccessible(page, 'record after saving a PDF');

    // Ctrl+P on the record does the same, into a file of its own.
    await page.getByRole('heading', { level: 1, name: 'Petra Printwell' }).focus();
    await page.keyboard.press('Control+p');
    await record.getByText(/ to \/.+summary \(2\)\.pdf\.$/).waitFor();
    expect(fs.readdirSync(path.join(dir, 'downloads'))).toHaveLength(2);
  });

  test('staff get a summary without what the register hides from them, and are told so', async () => {
    const file = path.join(tempDir(), 'customers.custodian');
    const owner = await ownerCore(file);
    await owner.ok('staff.create', { name: 'Sam Staff', role: 'staff', password: 'staff counter password' });
    for (const key of ['notes', 'date_of_birth']) {
      await owner.ok('register.update', { key, see_roles: ['owner', 'manager'] });
    }
    await owner.ok('customers.create', {
      given_name: 'Ruth',
      family_name: 'Okafor',
      date_of_birth: '1961-04-09',
      notes: 'Paid the season in cash',
    });
    owner.core.close();

    const { page, dir } = await openApp(file);
    await unlock(page, PASSPHRASE);
    await searchBox(page).waitFor();
    await page.keyboard.press('Control+l');
    await signIn(page, 'Sam Staff', 'staff counter password', 'Password');
    expect(await search(page, 'okafor')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Ruth Okafor').waitFor();
    const record = page.getByRole('article', { name: 'Ruth Okafor' });
    await record.getByRole('button', { name: 'Save as PDF' }).click();
    const notice = record.getByText(/^Saved customer-\d+-summary\.pdf to \//);
    await notice.waitFor();
    const words = await notice.innerText();
    expect(words).toMatch(/ Left out because of your role: Date of birth, Notes\.$/);
    const saved = words.match(/ to (\/.+\.pdf)\. Left out/)?.[1] ?? '';
    expect(path.dirname(saved)).toBe(path.join(dir, 'downloads'));
    if (hasTool('pdftotext')) {
      const text = execFileSync('pdftotext', [saved, '-']).toString().replace(/\s+/g, ' ');
      expect(text).toContain('Ruth Okafor');
      expect(text).toContain('A staff account may not see these fields');
      expect(text).not.toContain('Paid the season in cash');
      expect(text).not.toContain('1961');
    }
    await expectAccessible(page, 'record after a partial PDF');
  });
});
