#!/usr/bin/env node
// Builds everything the app and the command line run from: esbuild bundles for the Node-side
// entry points (main, preload, core worker, CLI, Chromium host) and `vite build` for the
// renderer. Runs from `npm run build` and from the `prepare` script, so `npm install` leaves a
// working `npx custodian`. Flags: --only-node skips the renderer (used by tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const onlyNode = process.argv.includes('--only-node');
const started = Date.now();

// `prepare` also runs for `npm ci --omit=dev`, where esbuild and vite are absent; the shipped
// dist/ is then used as it is.
let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  if (process.env.npm_lifecycle_event !== 'prepare') throw error;
  console.log('build: esbuild is not installed (production install?), skipping the build.');
  process.exit(0);
}

/** [source, output, required]; the entries written by other parts of the project may not exist yet. */
const entries = [
  ['electron/main.ts', 'dist/electron/main.cjs', true],
  ['electron/preload.ts', 'dist/electron/preload.cjs', true],
  ['electron/core/worker.ts', 'dist/core-worker.cjs', true],
  // The import's reading thread, started by the core beside whichever bundle runs it (see imports/reading.ts).
  ['electron/core/imports/read-worker.ts', 'dist/read-worker.cjs', true],
  // The thread every file a person gives is parsed on, within time and memory limits (imports/parse-thread.ts).
  ['electron/core/imports/parse-worker.ts', 'dist/parse-worker.cjs', true],
  // The process a backup is written and checked in, started beside whichever bundle runs the core (backups/child.ts).
  ['electron/core/backups/backup-child.ts', 'dist/backup-child.cjs', true],
  ['electron/cli.ts', 'dist/cli.cjs', false],
  ['electron/hosts/chromium-host-main.ts', 'dist/chromium-host.cjs', false],
];

const present = [];
for (const [source, output, required] of entries) {
  if (fs.existsSync(path.join(root, source))) present.push([source, output]);
  else if (required) throw new Error(`build: ${source} is missing.`);
  else console.log(`build: ${source} does not exist yet, so ${output} is not built.`);
}

await Promise.all(
  present.map(([source, output]) =>
    esbuild.build({
      absWorkingDir: root,
      entryPoints: [source],
      outfile: output,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      // electron is provided by the runtime; the SQLite binding is native and loads its .node file itself.
      external: ['electron', 'better-sqlite3-multiple-ciphers', 'playwright-core'],
      logLevel: 'warning',
      legalComments: 'none',
      // Some ESM dependencies (openpgp) read import.meta.url, which a CJS bundle lacks.
      define: { 'import.meta.url': '__custodianImportMetaUrl' },
      banner: { js: "const __custodianImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
  ),
);
// The fonts the core embeds in PDFs sit beside the bundles, as they sit beside the sources.
fs.cpSync(path.join(root, 'electron/core/assets'), path.join(root, 'dist/assets'), { recursive: true });
console.log(`build: ${present.map(([, output]) => output).join(', ')}`);

if (onlyNode) {
  console.log('build: --only-node, renderer skipped.');
} else if (!fs.existsSync(path.join(root, 'vite.config.ts'))) {
  console.log('build: vite.config.ts does not exist yet, so the renderer (dist/renderer) is not built.');
} else {
  const vite = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  console.log('build: dist/renderer');
}

console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
