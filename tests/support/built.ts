// The built bundles (dist/) for tests that must run what ships, not the TypeScript sources.
// Rebuilds the Node-side bundles when missing or older than the sources; a lock folder keeps
// two test files (vitest runs them in parallel) from writing the same bundle at once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BUILT = {
  main: path.join(ROOT, 'dist/electron/main.cjs'),
  preload: path.join(ROOT, 'dist/electron/preload.cjs'),
  worker: path.join(ROOT, 'dist/core-worker.cjs'),
  renderer: path.join(ROOT, 'dist/renderer/index.html'),
} as const;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function isFresh(): boolean {
  const outputs = [BUILT.main, BUILT.preload, BUILT.worker];
  if (!outputs.every((file) => fs.existsSync(file))) return false;
  const sources = Math.max(newestSource(path.join(ROOT, 'electron')), newestSource(path.join(ROOT, 'shared')));
  return outputs.every((file) => fs.statSync(file).mtimeMs >= sources);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Make sure dist/ holds up-to-date Node bundles (main, preload, core worker); about 0.5 s when needed. */
export function ensureNodeBuild(): void {
  if (isFresh()) return;
  const lock = path.join(ROOT, 'dist', '.test-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than the deadline is left over from a killed run.
      if (Date.now() > deadline) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(sleeper, 0, 0, 100);
    }
  }
  try {
    if (!isFresh()) execFileSync(process.execPath, ['build/build.mjs', '--only-node'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The Electron executable if this machine has it, else null (the same lookup as `npm start`). */
export { electronBinary } from '../../build/electron-binary.mjs';

/** The full build (Node bundles and the renderer), for tests that open the real window. */
export function ensureFullBuild(): void {
  if (fs.existsSync(BUILT.renderer) && isFresh()) return;
  execFileSync(process.execPath, ['build/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  if (!fs.existsSync(BUILT.renderer)) throw new Error('The build did not produce dist/renderer/index.html.');
}
