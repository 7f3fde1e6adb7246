// Shared set-up and page helpers for the browser end-to-end tests: the built renderer in
// Debian's Chromium (playwright-core) against the real core on a real encrypted file, through
// the Chromium host (the core in its built worker thread, as the Electron app runs it), with a fresh folder, file and Chromium profile for every test. Every wait
// is for a state of the page (an element, an attribute, a value), never for a length of time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type ChromiumHost, launchChromiumHost } from '../../electron/hosts/chromium-host';
import type { Customer } from '../../shared/customer';
import { ensureNodeBuild } from '../support/built';
import { hasTool, needTools } from '../support/tools';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RENDERER = path.join(ROOT, 'dist', 'renderer', 'index.html');
const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const PASSPHRASE = 'correct horse battery staple';
export const OWNER = 'Olive Owner';

export type NewCustomer = {
  given: string;
  family: string;
  phone?: string;
  email?: string;
  line1?: string;
  town?: string;
  postcode?: string;
  ref?: string;
  notes?: string;
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export const cleanups: (() => Promise<void> | void)[] = [];
let shownPage: Page | null = null;

/**
 * Build the core worker and the renderer if their sources are newer, skip every test (saying so) where Chromium is not
 * installed, and clean up after every test (screenshot on failure).
 */
export function setupE2E(): void {
  beforeEach((ctx) => needTools(ctx, 'chromium'));
  beforeAll(() => {
    if (!hasTool('chromium')) return;
    ensureNodeBuild();
    const sources = Math.max(newestMtime(path.join(ROOT, 'renderer')), newestMtime(path.join(ROOT, 'shared')));
    if (fs.existsSync(RENDERER) && fs.statSync(RENDERER).mtimeMs >= sources) return;
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && shownPage) {
      // What the page looked like when the test failed, for whoever reads the CI log.
      fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await shownPage.screenshot({ path: path.join(ROOT, 'test-results', `e2e-${name}.png`) }).catch(() => undefined);
    }
    shownPage = null;
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  });
}

export type AppSession = { host: ChromiumHost; page: Page; file: string; dir: string };

/** A fresh temp folder; removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-e2e-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function openApp(
  file?: string,
  options: { acceptDownloads?: boolean; downloadDir?: string; workerPath?: string } = {},
): Promise<AppSession> {
  const dir = tempDir();
  const customerFile = file ?? path.join(dir, 'customers.custodian');
  const userDataDir = path.join(dir, 'profile');
  fs.mkdirSync(userDataDir);
  // Saved files go to the test's folder, never the Downloads of whoever runs the tests (a test
  // passing downloadDir: undefined gets the host's own choice: CUSTODIAN_DOWNLOAD_DIR).
  const downloadDir = path.join(dir, 'downloads');
  const host = await launchChromiumHost({ file: customerFile, userDataDir, downloadDir, ...options });
  cleanups.push(() => host.close());
  // Colours that fade between states (a button turning from primary to plain) are checked by axe
  // as they end, not half-way: the app's own reduced-motion setting makes them change at once.
  await host.page.emulateMedia({ reducedMotion: 'reduce' });
  const problems: string[] = [];
  host.page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  host.page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  cleanups.push(() => {
    // The app must run without script errors or CSP violations; a failure here names them.
    expect(problems).toEqual([]);
  });
  shownPage = host.page;
  return { host, page: host.page, file: customerFile, dir };
}

// ---------- page helpers ----------

export const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search customers' });
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Go to a page from the menu and wait for its heading. */
export async function goTo(page: Page, button: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: button, exact: true }).click();
  await heading(page, title).waitFor();
}

/** The file opened with the owner's passphrase (downloads allowed), on the page `button` leads to. */
export async function openAt(file: string, button: string, title: string): Promise<Page> {
  const { page } = await openApp(file, { acceptDownloads: true });
  await unlock(page, PASSPHRASE);
  await searchBox(page).waitFor();
  await goTo(page, button, title);
  return page;
}

export async function createFile(page: Page): Promise<void> {
  await heading(page, 'Create your customer file').waitFor();
  await page.getByLabel('Your name').fill(OWNER);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create file' }).click();
  await searchBox(page).waitFor();
}

export async function unlock(page: Page, passphrase: string): Promise<void> {
  await heading(page, /^(Unlock your customer file|Open with the file passphrase)$/).waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** On the sign-in screen: choose an account and enter its password or PIN. */
export async function signIn(page: Page, name: string, secret: string, kind: 'PIN' | 'Password'): Promise<void> {
  await heading(page, 'Sign in').waitFor();
  await page.getByRole('radio', { name: new RegExp(`^${name}`) }).check();
  await page.getByLabel(kind, { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function focusedId(page: Page): Promise<string> {
  return page.evaluate('document.activeElement ? document.activeElement.id : ""') as Promise<string>;
}

/** Open a blank customer form with the keyboard, as at the counter. */
export async function newCustomerForm(page: Page, shortcut: 'Alt+n' | 'Control+n' = 'Alt+n'): Promise<void> {
  await page.keyboard.press(shortcut);
  await heading(page, 'New customer').waitFor();
}

/**
 * Open one folded part of the customer form by its heading ("Notes and other details"), or every
 * fold still closed when no heading is given. The essentials (name, contact, address, consent)
 * are never folded.
 */
export async function unfold(page: Page, title?: string): Promise<void> {
  const closed = page.locator('form.editor details.fold:not([open])');
  const which = title ? closed.filter({ has: page.getByText(title, { exact: true }) }) : closed;
  while ((await which.count()) > 0) await which.first().locator('summary').click();
}

export async function fillCustomer(page: Page, c: NewCustomer): Promise<void> {
  await page.getByLabel('Given name').fill(c.given);
  await page.getByLabel('Family name').fill(c.family);
  if (c.email) {
    await page.getByRole('button', { name: 'Add email' }).click();
    await page.getByRole('textbox', { name: 'Email address' }).fill(c.email);
  }
  if (c.phone) {
    await page.getByRole('button', { name: 'Add phone' }).click();
    await page.getByRole('textbox', { name: 'Phone number' }).fill(c.phone);
  }
  if (c.line1 || c.town || c.postcode) {
    await page.getByRole('button', { name: 'Add address' }).click();
    if (c.line1) await page.getByLabel('Address line 1').fill(c.line1);
    if (c.town) await page.getByLabel('Town or city').fill(c.town);
    if (c.postcode) await page.getByLabel('Postcode').fill(c.postcode);
  }
  if (c.ref || c.notes) await unfold(page, 'Notes and other details');
  if (c.ref) await page.getByLabel('Customer number').fill(c.ref);
  if (c.notes) await page.getByLabel('Notes').fill(c.notes);
}

export async function addCustomer(page: Page, c: NewCustomer, shortcut?: 'Alt+n' | 'Control+n'): Promise<void> {
  await newCustomerForm(page, shortcut);
  await fillCustomer(page, c);
  const save = page.getByRole('button', { name: 'Save customer' });
  await save.click();
  // A likely duplicate holds Save until the clerk says this is a different person: a test that
  // adds one on purpose (two records to merge) says so.
  const saved = heading(page, `${c.given} ${c.family}`);
  const held = page.getByRole('button', { name: 'This is a different person' });
  await saved.or(held).waitFor();
  if (await held.isVisible()) {
    await held.click();
    await save.click();
  }
  await saved.waitFor();
}

/** Type a query and wait until the list answers exactly that query; returns the rows' text. */
export async function search(page: Page, query: string): Promise<string[]> {
  await searchBox(page).fill(query);
  // A function, not a string: a string predicate is eval'd in the page, which the CSP forbids.
  await page.waitForFunction((q) => {
    const box = document.getElementById('search-box') as HTMLInputElement | null;
    const list = document.querySelector('[role="listbox"]');
    return box?.value === q && list?.getAttribute('aria-busy') === 'false';
  }, query);
  // The results list's options only: a form open beside it has <select> options too.
  return page.locator('[role="listbox"]').first().getByRole('option').allTextContents();
}

/** axe-core on the current screen: no serious or critical violations. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // page.evaluate is not subject to the page's CSP, unlike an injected <script> tag.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    })))`,
  )) as { id: string; impact: string; help: string; nodes: string[] }[];
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking, `${screen}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

export const visibleText = (page: Page) => page.evaluate('document.body.innerText') as Promise<string>;

/** The stored record, read through the page's bridge as the owner (not through the screen). */
export async function stored(page: Page, id: number): Promise<Customer> {
  return page.evaluate(
    async ([customerId, passphrase]) => {
      const accounts = (await window.custodian.invoke('session.accounts', {}, null)) as {
        value: { id: number; role: string }[];
      };
      const owner = accounts.value.find((a) => a.role === 'owner');
      const session = (await window.custodian.invoke(
        'session.signIn',
        { user_id: owner?.id, secret: passphrase },
        null,
      )) as {
        value: { token: string };
      };
      const got = (await window.custodian.invoke('customers.get', { id: customerId }, session.value.token)) as {
        value: unknown;
      };
      return got.value as Customer;
    },
    [id, PASSPHRASE] as const,
  );
}
