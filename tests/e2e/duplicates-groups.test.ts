// Browser end-to-end for probable duplicates and group merges, in Debian's Chromium against the
// real core: the import preview flags a misspelt existing customer ("Jonathon Smyth" for
// "Jonathan Smith" at the same address) with the reasons, and the row's choice updates that
// record; a group of three found by the scan (with its progress bar) is merged in one step and
// undone in one step. axe finds no serious or critical violation on the new screens.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Customer } from '../../shared/customer';
import { createFile, expectAccessible, heading, openApp, PASSPHRASE, search, setupE2E } from './support';

setupE2E();

/** Call the core through the page's bridge, with a session of its own (the owner's passphrase). */
async function core<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i, passphrase]) => {
      const accounts = (await window.custodian.invoke('session.accounts', {}, null)) as {
        value: { id: number; role: string }[];
      };
      const owner = accounts.value.find((a) => a.role === 'owner');
      const session = (await window.custodian.invoke(
        'session.signIn',
        { user_id: owner?.id, secret: passphrase },
        null,
      )) as { value: { token: string } };
      const answer = (await window.custodian.invoke(m as never, i as never, session.value.token)) as {
        ok: boolean;
        value: unknown;
        error?: { message: string };
      };
      if (!answer.ok) throw new Error(answer.error?.message);
      return answer.value;
    },
    [method, input, PASSPHRASE] as const,
  ) as Promise<T>;
}

const ELM = [{ line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' }];

describe('probable duplicates and group merges in Chromium', () => {
  test('the import preview flags a misspelt existing customer with reasons, and the choice updates it', async () => {
    const { page } = await openApp();
    await createFile(page);
    const jonathan = await core<Customer>(page, 'customers.create', {
      given_name: 'Jonathan',
      family_name: 'Smith',
      emails: [{ address: 'js@example.com' }],
      addresses: ELM,
    });
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Import', exact: true }).click();
    await heading(page, 'Import and export').waitFor();
    const csv = [
      'given_name,family_name,email,address_line1,town,postcode',
      'Priya,Patel,priya@example.com,3 Oak Lane,York,YO1 7HH',
      'Jonathon,Smyth,jon.smyth@newmail.example,14 Elm Road,Leeds,LS6 2AB',
    ].join('\n');
    await page.getByLabel('File to import').setInputFiles({
      name: 'Fair sign-ups.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const probable = page.getByRole('region', { name: 'Probably existing customers' });
    await probable.waitFor();
    const item = probable.getByRole('listitem').filter({ hasText: 'Row 3: Jonathon Smyth is probably Jonathan Smith' });
    await item.first().waitFor();
    const reasons = await probable.getByRole('list', { name: 'Why row 3 looks like Jonathan Smith' }).textContent();
    expect(reasons).toMatch(/name/i);
    expect(reasons).toMatch(/postcode|address/i);
    expect(await page.getByRole('table', { name: 'First rows as they will be stored' }).textContent()).toContain(
      'Probably Jonathan Smith',
    );
    await expectAccessible(page, 'import preview with a probable match');

    await page
      .getByLabel('What to do with row 3')
      .selectOption({ label: 'Update empty fields only of Jonathan Smith' });
    await page.getByRole('radio', { name: /^Import the valid rows/ }).check();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByText(/^Import finished: 1 new record, 1 record updated/).waitFor();
    const after = await core<Customer>(page, 'customers.get', { id: jonathan.id });
    expect(after.given_name).toBe('Jonathan');
    expect(after.emails.map((e) => e.address)).toEqual(['js@example.com', 'jon.smyth@newmail.example']);
  });

  test('a group of three is merged in one step from the scan, and undone in one step', async () => {
    const { page } = await openApp();
    await createFile(page);
    const made = [];
    for (const draft of [
      { given_name: 'Jonathan', family_name: 'Smith', emails: [{ address: 'jon@example.com' }], addresses: ELM },
      {
        given_name: 'Jon',
        family_name: 'Smith',
        date_of_birth: '1970-05-04',
        phones: [{ number: '07700 900123' }],
        addresses: ELM,
      },
      {
        given_name: 'Jonathon',
        family_name: 'Smyth',
        notes: 'Prefers letters.',
        emails: [{ address: 'j.smyth@work.example' }],
        addresses: ELM,
      },
    ]) {
      made.push(await core<Customer>(page, 'customers.create', draft));
    }
    await page.getByRole('button', { name: 'Duplicates' }).click();
    await heading(page, 'Possible duplicates').waitFor();
    const groups = page.getByRole('region', { name: 'Groups of records' });
    await groups.waitFor();
    await expectAccessible(page, 'duplicates queue with groups');
    await groups.getByRole('button', { name: /^Compare & merge all 3/ }).click();
    await page.getByRole('heading', { name: /^Compare and merge 3 records/ }).waitFor();
    const [a, b, c] = made as [Customer, Customer, Customer];
    await page.getByRole('radio', { name: `Date of birth from record ${b.id}:` }).check();
    await page.getByRole('radio', { name: `Notes from record ${c.id}:` }).check();
    const emails = page.getByRole('list', { name: 'Email addresses after the merge' });
    expect(await emails.getByRole('listitem').allTextContents()).toEqual(['jon@example.com', 'j.smyth@work.example']);
    await expectAccessible(page, 'compare and merge a group');
    await page.getByRole('button', { name: 'Merge all 3' }).click();

    await heading(page, 'Jonathan Smith').waitFor();
    const kept = await core<Customer>(page, 'customers.get', { id: a.id });
    expect(kept).toMatchObject({ given_name: 'Jonathan', date_of_birth: '1970-05-04', notes: 'Prefers letters.' });
    expect(await search(page, 'smyth')).toEqual([expect.stringContaining('Jonathan Smith')]);
    await page.getByRole('option').click();
    await heading(page, 'Jonathan Smith').waitFor();
    await page.getByRole('heading', { name: 'Merge history' }).waitFor();
    expect(await page.getByRole('button', { name: /^Undo group merge/ }).count()).toBe(1);
    await page.getByRole('button', { name: /^Undo group merge/ }).click();
    await page.getByText('Group merge undone: 2 records are separate records again.').waitFor();
    for (const before of made) {
      const now = await core<Customer>(page, 'customers.get', { id: before.id });
      expect(now).toMatchObject({
        given_name: before.given_name,
        notes: before.notes,
        date_of_birth: before.date_of_birth,
      });
    }
  });
});
