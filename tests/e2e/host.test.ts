// The Chromium host itself: the page's core runs in the built worker thread (as in the Electron
// app), the files are served under the one host policy (electron/hosts/policy.ts), and the page
// behaves as an app: titled Custodian, nothing to go Back to, no staying away from it, Chromium's
// sandbox on unless running as root. (The app window itself, `app: true`, needs a display.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { launchChromiumHost, ORIGIN } from '../../electron/hosts/chromium-host';
import { CSP } from '../../electron/hosts/policy';
import { BUILT } from '../support/built';
import { addCustomer, cleanups, createFile, heading, openApp, search, setupE2E, tempDir } from './support';

setupE2E();

describe('the Chromium host', () => {
  test('runs the core in the built worker thread, not in the process that drives Chromium', async () => {
    // A stand-in entry that notes where it runs, then starts the real worker bundle in place.
    const dir = tempDir();
    const marker = path.join(dir, 'worker-ran.json');
    const entry = path.join(dir, 'worker-entry.cjs');
    fs.writeFileSync(
      entry,
      `const threads = require('node:worker_threads');
require('node:fs').writeFileSync(${JSON.stringify(marker)}, JSON.stringify({ main: threads.isMainThread, file: threads.workerData.file }));
require(${JSON.stringify(BUILT.worker)});
`,
    );
    const { page, file } = await openApp(undefined, { workerPath: entry });
    await createFile(page);
    await addCustomer(page, { given: 'Wendy', family: 'Threadgold', phone: '07700 900456' });
    expect(await search(page, 'threadg')).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(marker, 'utf8'))).toEqual({ main: false, file });
  });

  test('is titled Custodian, cannot be left by Back or a navigation, and keeps the sandbox unless root', async () => {
    // Launched directly: the refused navigations below put errors in the console on purpose.
    const dir = tempDir();
    const host = await launchChromiumHost({
      file: path.join(dir, 'c.custodian'),
      userDataDir: path.join(dir, 'profile'),
    });
    cleanups.push(() => host.close());
    const { page } = host;
    await createFile(page);
    expect(await page.title()).toBe('Custodian');
    // Only the app in the history: Back has nowhere to go.
    expect(await page.evaluate('history.length')).toBe(1);
    await page.goBack().catch(() => null);
    expect(page.url()).toBe(`${ORIGIN}/index.html`);
    // Sent anywhere else anyway, the window comes back to the app, locked, with no history.
    for (const elsewhere of ['https://example.com/', `${ORIGIN}/secret.txt`]) {
      await page.evaluate(`location.href = '${elsewhere}'`);
      await heading(page, /^(Unlock your customer file|Sign in)$/).waitFor();
      expect(page.url()).toBe(`${ORIGIN}/index.html`);
      expect(await page.evaluate('history.length')).toBe(1);
    }

    // The browser this test started (found by its profile folder) runs without the sandbox only as root.
    const profile = path.join(dir, 'profile');
    const commandLines = fs
      .readdirSync('/proc')
      .filter((pid) => /^\d+$/.test(pid))
      .map((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        } catch {
          return [];
        }
      })
      .filter((args) => args.includes(`--user-data-dir=${profile}`));
    expect(commandLines.length).toBeGreaterThan(0);
    for (const args of commandLines) expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
  });

  test('serves the renderer with the policy’s headers and nothing outside its folder', async () => {
    const { host } = await openApp();
    // A second tab, so the refusals below are not counted as the app's own console errors.
    const page = await host.context.newPage();
    const index = await page.goto(`${ORIGIN}/index.html`);
    expect(index?.status()).toBe(200);
    expect(await index?.headerValue('content-security-policy')).toBe(CSP);
    expect(await index?.headerValue('x-content-type-options')).toBe('nosniff');
    for (const url of [`${ORIGIN}/..%2Fcore-worker.cjs`, `${ORIGIN}/%2e%2e%2fcli.cjs`, `${ORIGIN}/missing.js`]) {
      const response = await page.goto(url);
      expect(response?.status(), url).not.toBe(200);
      expect(await response?.text(), url).not.toContain('require(');
    }
  });
});
