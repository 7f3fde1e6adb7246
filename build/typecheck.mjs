#!/usr/bin/env node
// Strict type checks, one program per layer, so each layer sees only the globals it runs with:
// the renderer has the DOM and no Node types, the core (and the command line) Node and no DOM,
// shared code neither (it runs on both sides). tsconfig.json checks everything else (the
// Electron shell, the hosts, tests, build scripts) with both. Used by `npm test` and `npm run lint`.
import { spawnSync } from 'node:child_process';

const projects = ['tsconfig.json', 'tsconfig.renderer.json', 'tsconfig.core.json', 'tsconfig.shared.json'];
let failed = 0;
for (const project of projects) {
  const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', project], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.log(`types: ${project} failed.`);
    failed += 1;
  }
}
process.exit(failed === 0 ? 0 : 1);
