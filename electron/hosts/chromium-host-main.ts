// Command-line entry for the Chromium host: `node dist/chromium-host.cjs FILE` (what `npm start`
// runs without Electron) opens the app on FILE in a Chromium app window: no tabs, no address
// bar. Needs a display, and says in plain words how to get one when there is none.
import path from 'node:path';
import { launchChromiumHost } from './chromium-host';

const NO_DISPLAY = [
  'Custodian cannot open its window: this session has no display (DISPLAY and WAYLAND_DISPLAY are unset).',
  'Either start it from a desktop session, or give it a virtual display:',
  '  xvfb-run npm start          (Debian/Ubuntu: apt-get install xvfb)',
  'or install the Electron app instead (needs Node 22.12 or later), then npm start again:',
  '  npx install-electron',
].join('\n');

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
    console.error(NO_DISPLAY);
    return 1;
  }
  const host = await launchChromiumHost({ file: path.resolve(file), app: true, viewport: null });
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
