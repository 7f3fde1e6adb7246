// Browser end-to-end for a customer summary saved as PDF from the record, in Debian's Chromium
// against the real core: Save as PDF (and Ctrl+P on the record) saves the file through the host
// and the record says the real path it went to; the file on disk is the record as a PDF; axe finds
// nothing serious on the record with the message shown.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hasTool } from '../support/tools';
import { addCustomer, createFile, expectAccessible, openApp, setupE2E } from './support';

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
});
