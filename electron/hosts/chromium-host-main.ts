// Command-line entry for the Chromium host: `node dist/chromium-host.cjs FILE` opens the app on
// FILE in a Chromium window (for development and demos without Electron). Needs a display.
import path from 'node:path';
import { launchChromiumHost } from './chromium-host';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file === '--help' || file === '-h') {
    console.log(
      'Usage: node dist/chromium-host.cjs FILE\nOpens the customer file FILE (created if missing) in Chromium.',
    );
    return file ? 0 : 2;
  }
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) {
    console.error(
      'No display found (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open. ' +
        'Run this from a desktop session, or use the browser tests (npx vitest run tests/e2e) for headless runs.',
    );
    return 1;
  }
  const host = await launchChromiumHost({ file: path.resolve(file), headless: false, viewport: null });
  console.log(`Custodian is open on ${path.resolve(file)}. Close the window (or press Ctrl+C) to quit.`);
  await new Promise<void>((resolve) => {
    host.context.on('close', () => resolve());
    host.page.on('close', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await host.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Custodian could not start Chromium: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  },
);
