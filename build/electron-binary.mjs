// Where the Electron executable is, shared by `npm start` (build/start.mjs) and the tests that
// open the real window (tests/support/built.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron executable if this machine has it, else null. Found from node_modules/electron/path.txt
 * rather than require('electron'): since Electron 36 requiring it starts a download when the binary is missing.
 */
export function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative || 'electron') : path.join(dir, 'dist', relative);
  return fs.existsSync(binary) ? binary : null;
}
