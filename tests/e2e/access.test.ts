// Browser end-to-end for staff accounts, roles, requests and handover, and the audit trail: the
// built renderer in Chromium against the real core and a real encrypted file (see support.ts).
// The owner adds a volunteer and a member of staff; the volunteer adds a record and is not
// offered search (and the core refuses it when asked directly); staff handle a customer's
// request for a copy of their details, hand over a PDF and confirm receipt; the owner finds it
// in the disclosure history and the audit, verifies the chain, and sees it fail after an SQL edit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import type { Result } from '../../shared/contract/result';
import { needTools } from '../support/tools';
import {
  addCustomer,
  expectAccessible,
  fillCustomer,
  heading,
  type NewCustomer,
  OWNER,
  openApp,
  PASSPHRASE,
  search,
  searchBox,
  setupE2E,
  signIn,
  unlock,
} from './support';

setupE2E();

const VOLUNTEER = 'Vic Volunteer';
const VOLUNTEER_PIN = '2468';
const STAFF = 'Sam Staff';
const STAFF_PASSWORD = 'staff counter password';
const ALICE: NewCustomer = {
  given: 'Alice',
  family: 'Archer',
  email: 'alice.archer@example.com',
  phone: '07700 900456',
  line1: '4 Privet Drive',
  town: 'Reading',
  postcode: 'RG1 1AA',
};

async function openPage(page: Page, name: 'Customers' | 'Requests' | 'Staff' | 'Audit'): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
}

async function addAccount(
  page: Page,
  account: { name: string; role: string; password?: string; pin?: string },
): Promise<void> {
  await page.locator('#acc-name').fill(account.name);
  await page.locator('#acc-role').selectOption(account.role);
  if (account.password) await page.locator('#acc-password').fill(account.password);
  if (account.pin) await page.locator('#acc-pin').fill(account.pin);
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByText(`${account.name} can now sign in`).waitFor();
}

async function switchUser(page: Page): Promise<void> {
  await page.keyboard.press('Control+l');
  await heading(page, 'Sign in').waitFor();
}

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { download, bytes: fs.readFileSync(file) };
}

function pdfText(bytes: Buffer, dir: string): string {
  const file = path.join(dir, `out-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The request card on the open record, by its heading. */
const requestCard = (page: Page, title: string | RegExp) => page.getByRole('article', { name: title });

describe('staff accounts, roles, requests and the audit trail in Chromium', () => {
  test('volunteer captures, staff hand a customer a PDF of their details, owner audits and detects tampering', async (ctx) => {
    needTools(ctx, 'pdftotext');
    const { host, page, file, dir } = await openApp(undefined, { acceptDownloads: true });
    await createFileAsOwner(page);

    // The owner adds a volunteer (PIN) and a member of staff (password).
    await openPage(page, 'Staff');
    await heading(page, 'Staff accounts').waitFor();
    await addAccount(page, { name: VOLUNTEER, role: 'volunteer', pin: VOLUNTEER_PIN });
    await addAccount(page, { name: STAFF, role: 'staff', password: STAFF_PASSWORD });
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    expect(await table.textContent()).toContain(VOLUNTEER);
    expect(await table.textContent()).toContain('Volunteer (sign-ups only)');
    await expectAccessible(page, 'staff');

    // The volunteer: capture only. No search box, no edit, no requests.
    await switchUser(page);
    const choices = await page.getByRole('group', { name: 'Who are you?' }).textContent();
    expect(choices).toContain(`${VOLUNTEER}Volunteer (sign-ups only)`);
    expect(choices).toContain(`${STAFF}Staff`);
    await signIn(page, VOLUNTEER, VOLUNTEER_PIN, 'PIN');
    await heading(page, 'New customer').waitFor();
    expect(await page.getByRole('banner').textContent()).toContain(`Signed in as ${VOLUNTEER}`);
    await fillCustomer(page, ALICE);
    await page.getByRole('button', { name: 'Save customer' }).click();
    await heading(page, 'Alice Archer').waitFor();
    expect(await page.getByRole('region', { name: 'Added in this sign-in' }).textContent()).toContain('Alice Archer');
    expect(await searchBox(page).count()).toBe(0);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Requests & disclosures' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    await expectAccessible(page, 'volunteer capture');

    // Asked directly through the page's bridge with a volunteer's session, the core refuses to search.
    const refused = (await page.evaluate(
      async ([name, pin]) => {
        const accounts = (await window.custodian.invoke('session.accounts', {}, null)) as {
          ok: true;
          value: { id: number; name: string }[];
        };
        const id = accounts.value.find((a) => a.name === name)?.id;
        const session = (await window.custodian.invoke('session.signIn', { user_id: id, secret: pin }, null)) as {
          ok: true;
          value: { token: string; user: { role: string } };
        };
        const searched = await window.custodian.invoke('search.query', { q: 'archer' }, session.value.token);
        return { role: session.value.user.role, searched };
      },
      [VOLUNTEER, VOLUNTEER_PIN] as const,
    )) as { role: string; searched: Result<unknown> };
    expect(refused.role).toBe('volunteer');
    expect(refused.searched.ok).toBe(false);
    if (!refused.searched.ok) expect(refused.searched.error.code).toBe('FORBIDDEN');

    // Switch user: nothing personal is left in the page.
    await switchUser(page);
    const afterLock = await page.content();
    for (const text of ['Alice', 'Archer', 'alice.archer', '900456', 'Privet']) expect(afterLock).not.toContain(text);

    // Staff: find the customer, record their request to see their data.
    await signIn(page, STAFF, STAFF_PASSWORD, 'Password');
    await searchBox(page).waitFor();
    expect(await search(page, 'archer')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Alice Archer').waitFor();
    await page.getByRole('button', { name: 'New request' }).click();
    // A disclosure to the customer themselves (subject access has its own path: subject-access.test.ts).
    await page.getByLabel('Kind of request').selectOption('disclosure');
    expect(await page.getByLabel('Name of the person asking').inputValue()).toBe('Alice Archer');
    await page.getByLabel('Why they are asking').fill('Wants a copy of her contact details');
    await page.getByLabel('How their identity or authority was checked').fill('Photo driving licence seen');
    // No lawful basis: refused beside the field, nothing recorded.
    await page.getByRole('button', { name: 'Record request' }).click();
    await page.locator('#nr-basis-error').waitFor();
    expect(await page.locator('#nr-basis-error').textContent()).toContain('Choose the lawful basis');
    await expectAccessible(page, 'request form with errors');
    await page.getByLabel('Lawful basis for disclosing').selectOption('data_subject_right');
    await page.getByRole('button', { name: 'Record request' }).click();
    const card = requestCard(page, 'Disclosure for Alice Archer');
    await card.waitFor();
    expect(await card.textContent()).toContain('Approved, not yet handed over');

    // Hand over: the minimum for a customer is pre-ticked; untick the phone numbers.
    await card.getByRole('button', { name: 'Hand over' }).click();
    const nudge = card.getByText(/Hand over only what this request needs/);
    expect(await nudge.textContent()).toContain('4 of 19 fields');
    await card.getByRole('checkbox', { name: 'Phone numbers' }).uncheck();
    expect(await nudge.textContent()).toContain('3 of 19 fields');
    expect(await card.getByRole('radio', { name: 'Printed summary / PDF' }).isChecked()).toBe(true);
    await expectAccessible(page, 'handover');
    const { download, bytes } = await downloadOf(page, () =>
      card.getByRole('button', { name: 'Hand over and save the file' }).click(),
    );
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes, dir);
    expect(text).toContain('Alice Archer');
    expect(text).toContain('alice.archer@example.com');
    expect(text).not.toContain('900456');
    await card.getByText('Handed over, receipt not confirmed').waitFor();

    // Confirm receipt.
    await card.getByRole('button', { name: 'Confirm receipt' }).click();
    await card.getByLabel('How was receipt confirmed?').selectOption('in_person');
    await card.getByRole('radio', { name: 'Yes' }).check();
    await card.getByLabel(/^Note/).fill('Read it at the counter and took the copy');
    await card.getByRole('button', { name: 'Confirm receipt' }).click();
    await card.getByRole('term').filter({ hasText: 'Receipt confirmed' }).waitFor();

    // The owner: the disclosure history on the record, and the audit.
    await switchUser(page);
    await signIn(page, OWNER, PASSPHRASE, 'Password');
    expect(await search(page, 'archer')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Alice Archer').waitFor();
    const history = await requestCard(page, 'Disclosure for Alice Archer').textContent();
    expect(history).toContain(`by ${STAFF}`);
    expect(history).toContain('Name, Email addresses, Postal addresses');
    expect(history).toContain('Printed summary / PDF');
    expect(history).toContain("The customer's own right of access");
    expect(history).toContain('in person; understood: yes');

    await openPage(page, 'Audit');
    await heading(page, 'Audit trail').waitFor();
    const audit = page.getByRole('table');
    await audit.waitFor();
    const rows = await audit.getByRole('row').allTextContents();
    // In words, not codes: shared/audit-actions.ts.
    expect(rows.some((r) => r.includes('Handed over information') && r.includes(STAFF))).toBe(true);
    expect(rows.some((r) => r.includes('Confirmed receipt of a handover') && r.includes(STAFF))).toBe(true);
    expect(
      rows.some(
        (r) => r.includes('Was refused') && r.includes('Not allowed to search for customers') && r.includes(VOLUNTEER),
      ),
    ).toBe(true);
    expect(rows.join('\n')).not.toMatch(/request\.supply|search\.query|[{}"]/);
    await expectAccessible(page, 'audit');
    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    await page.getByText(/The audit trail is intact: all \d+ entries check out/).waitFor();

    // Edit one audit row with SQL behind Custodian's back: the owner's check shows the problem.
    await host.close();
    const db = openDatabase(file, PASSPHRASE);
    try {
      db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 3").run();
    } finally {
      db.close();
    }
    const again = await openApp(file);
    await unlock(again.page, PASSPHRASE);
    await openPage(again.page, 'Audit');
    await again.page.getByRole('button', { name: 'Verify the audit trail' }).click();
    const alarm = again.page.getByRole('alert');
    await alarm.waitFor();
    expect(await alarm.textContent()).toContain('entry 3 was altered');
  });

  test('wrong PINs: plain refusal, then the wait; Ctrl+L leaves nothing personal behind', async () => {
    const { page } = await openApp();
    await createFileAsOwner(page);
    await addCustomer(page, ALICE);
    await openPage(page, 'Staff');
    await addAccount(page, { name: VOLUNTEER, role: 'volunteer', pin: VOLUNTEER_PIN });
    await openPage(page, 'Customers');
    await search(page, 'archer');
    await page.keyboard.press('Enter');
    await heading(page, 'Alice Archer').waitFor();

    await switchUser(page);
    // Once the accounts are read: "Reading the accounts…" while they load would match the town.
    await page.getByRole('radio', { name: new RegExp(`^${VOLUNTEER}`) }).waitFor();
    const html = await page.content();
    for (const text of ['Alice', 'Archer', 'alice.archer', '900456', 'Privet', 'Reading'])
      expect(html).not.toContain(text);
    await expectAccessible(page, 'sign in');

    await page.getByRole('radio', { name: new RegExp(`^${VOLUNTEER}`) }).check();
    const pin = page.getByLabel('PIN', { exact: true });
    const alert = page.getByRole('alert');
    await pin.fill('1111');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await alert.waitFor();
    expect(await alert.textContent()).toBe('That password or PIN is not right.');
    await expectAccessible(page, 'sign in with an error');

    // Keep trying wrong PINs: after a few the answer is the wait, in words.
    let message = '';
    for (let i = 0; i < 6 && !/Try again in/.test(message); i++) {
      await pin.fill('1111');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => pin.inputValue()).toBe('');
      message = (await alert.textContent()) ?? '';
    }
    expect(message).toMatch(/Too many wrong attempts\. Try again in \d+ (seconds|minutes)\./);
  });

  test('third-party requests wait for a manager who did not record them; on-screen handover', async () => {
    const { page } = await openApp();
    await createFileAsOwner(page);
    await addCustomer(page, ALICE);
    await openPage(page, 'Staff');
    await addAccount(page, { name: STAFF, role: 'staff', password: STAFF_PASSWORD });

    // Staff set their own counter PIN, and use it next time.
    await switchUser(page);
    await signIn(page, STAFF, STAFF_PASSWORD, 'Password');
    expect(await page.getByRole('navigation', { name: 'Pages' }).textContent()).not.toContain('Staff');
    expect(await page.getByRole('button', { name: 'Close file' }).count()).toBe(1);
    await page.getByRole('button', { name: 'My password / PIN' }).click();
    const mine = page.getByRole('dialog', { name: 'My password / PIN' });
    await mine.getByLabel(/^PIN/).fill('12');
    await mine.getByRole('button', { name: 'Save' }).click();
    await mine.getByText('A PIN is 4 to 8 digits.').waitFor();
    await expectAccessible(page, 'my password / PIN with an error');
    await mine.getByLabel(/^PIN/).fill('1357');
    await mine.getByRole('button', { name: 'Save' }).click();
    await mine.getByText('Your new PIN is saved.').waitFor();
    await page.keyboard.press('Escape');
    await switchUser(page);
    await signIn(page, STAFF, '1357', 'PIN');

    // Staff record a police request: it waits for approval, and staff cannot approve it.
    await search(page, 'archer');
    await page.keyboard.press('Enter');
    await heading(page, 'Alice Archer').waitFor();
    await page.getByRole('button', { name: 'New request' }).click();
    await page.getByLabel('Who is asking').selectOption('third_party');
    await page.getByLabel('Name of the person asking').fill('DC Jane Smith');
    await page.getByLabel(/^Organisation/).fill('Thames Valley Police');
    await page.getByLabel('Why they are asking').fill('Tracing a witness');
    await page.getByLabel('How their identity or authority was checked').fill('Warrant card 4471 and a DP form');
    await page.getByLabel('Lawful basis for disclosing').selectOption('public_task');
    await page.getByRole('button', { name: 'Record request' }).click();
    const card = requestCard(page, /^Disclosure for DC Jane Smith/);
    await card.getByText('Waiting for approval').waitFor();
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Hand over' }).count()).toBe(0);

    // The owner sees it among the open requests and approves it.
    await switchUser(page);
    await signIn(page, OWNER, PASSPHRASE, 'Password');
    await openPage(page, 'Requests');
    await heading(page, 'Open requests').waitFor();
    const open = page.getByRole('table');
    expect(await open.textContent()).toContain('DC Jane Smith, Thames Valley Police');
    await expectAccessible(page, 'open requests');
    await open.getByRole('button', { name: 'Alice Archer' }).click();
    await heading(page, 'Alice Archer').waitFor();
    const approved = requestCard(page, /^Disclosure for DC Jane Smith/);
    await approved.getByRole('button', { name: 'Approve' }).click();
    await approved.getByRole('button', { name: 'Hand over' }).click();
    // The minimum for a third party is the name alone; show it on screen.
    expect(await approved.getByText(/Hand over only what/).textContent()).toContain('1 of 19 fields');
    await approved.getByRole('radio', { name: 'Shown on screen' }).check();
    await approved.getByRole('button', { name: 'Show on screen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Shown on screen' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Alice Archer');
    expect(await dialog.textContent()).not.toContain('alice.archer@example.com');
    await expectAccessible(page, 'shown on screen');
    await page.keyboard.press('Escape');
    await approved.getByText('Handed over, receipt not confirmed').waitFor();

    // A request the owner records themselves cannot be approved by them: the core says why.
    await page.getByRole('button', { name: 'New request' }).click();
    await page.getByLabel('Who is asking').selectOption('third_party');
    await page.getByLabel('Name of the person asking').fill('Acme Debt Collectors');
    await page.getByLabel('Why they are asking').fill('Wants her address');
    await page.getByLabel('How their identity or authority was checked').fill('Letter on headed paper');
    await page.getByLabel('Lawful basis for disclosing').selectOption('legitimate_interests');
    await page.getByRole('button', { name: 'Record request' }).click();
    const own = requestCard(page, /^Disclosure for Acme/);
    await own.getByRole('button', { name: 'Approve' }).click();
    await own.getByRole('alert').waitFor();
    expect(await own.getByRole('alert').textContent()).toContain('someone else must approve it');

    // The owner disables the staff account: it is no longer offered at sign-in.
    await openPage(page, 'Staff');
    await page.getByRole('button', { name: `Disable ${STAFF}` }).click();
    await page.getByRole('button', { name: `Enable ${STAFF}` }).waitFor();
    await page.getByLabel(`Role for ${STAFF}`).selectOption('readonly');
    await expect.poll(() => page.getByLabel(`Role for ${STAFF}`).inputValue()).toBe('readonly');
    await switchUser(page);
    expect(await page.getByRole('group', { name: 'Who are you?' }).textContent()).not.toContain(STAFF);
  });

  test('a read-only account can search and view but not change; idle time signs out', async () => {
    const { page } = await openApp();
    await createFileAsOwner(page);
    await addCustomer(page, ALICE);
    await openPage(page, 'Staff');
    await addAccount(page, { name: 'Rita Reader', role: 'readonly', pin: '97531' });
    await switchUser(page);
    // Fake timers from here on, so the idle lock can be reached without waiting for it.
    await page.clock.install();
    await signIn(page, 'Rita Reader', '97531', 'PIN');
    expect(await search(page, 'archer')).toHaveLength(1);
    await page.keyboard.press('Enter');
    await heading(page, 'Alice Archer').waitFor();
    for (const name of ['Edit', 'Archive', 'New customer', 'New request', 'Close file', 'Log contact']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    // Contacts with the customer are listed for a reader, but C logs nothing.
    await page.getByRole('region', { name: 'Contacts with the customer' }).getByText('No contacts logged.').waitFor();
    await page.keyboard.press('c');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    await page.keyboard.press('Alt+n');
    expect(await heading(page, 'New customer').count()).toBe(0);

    await page.clock.fastForward('05:01');
    await heading(page, 'Sign in').waitFor();
    expect(await page.getByText('Signed out after 5 minutes without use.').count()).toBe(1);
    expect(await page.content()).not.toContain('Archer');
  });
});

async function createFileAsOwner(page: Page): Promise<void> {
  await heading(page, 'Create your customer file').waitFor();
  await page.getByLabel('Your name').fill(OWNER);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create file' }).click();
  await searchBox(page).waitFor();
}
