#!/usr/bin/env node
// `npm start`: build, then open Custodian. In Electron when its binary is installed; otherwise
// (as on machines where the Electron download is impossible) in the Chromium host, which serves
// the same renderer and core to a Playwright-driven Chromium.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Run the app as a child, pass on Ctrl+C, and exit with its code. */
function launch(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

run(process.execPath, [path.join(root, 'build/build.mjs')]);

const electron = electronBinary();
if (electron) {
  // The SQLite binding is compiled for Node; Electron has its own ABI. Rebuild when the binding
  // is not the one we last built for this Electron (a stamp remembers version and file time),
  // and say so: Node (tests, CLI) then needs `npm rebuild better-sqlite3-multiple-ciphers`.
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const binding = path.join(root, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');
  const stamp = path.join(root, 'node_modules', '.custodian-electron-abi');
  const current = () => `electron-${version} ${fs.existsSync(binding) ? fs.statSync(binding).mtimeMs : 0}`;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== current()) {
    console.log(
      `Rebuilding better-sqlite3-multiple-ciphers for Electron ${version}; run "npm rebuild better-sqlite3-multiple-ciphers" before using the CLI or tests under Node again.`,
    );
    run('npx', ['electron-builder', 'install-app-deps'], { shell: process.platform === 'win32' });
    fs.writeFileSync(stamp, current());
  }
  launch(electron, [root]);
} else {
  // npm runs scripts from the package root; a relative CUSTODIAN_FILE means relative to where npm was run.
  const cwd = process.env.INIT_CWD || process.cwd();
  const file = path.resolve(
    cwd,
    process.env.CUSTODIAN_FILE || path.join(os.homedir(), '.custodian', 'customers.custodian'),
  );
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const host = path.join(root, 'dist/chromium-host.cjs');
  if (!fs.existsSync(host)) {
    console.error('The Electron binary is not installed on this machine, and the Chromium host is not built yet.');
    process.exit(1);
  }
  console.log(
    `The Electron binary is not installed on this machine (npx install-electron installs it), so Custodian opens in a Chromium app window instead (${file}).`,
  );
  launch(process.execPath, [host, file]);
}
