// `npm test`: lint, types and dead exports, a fresh build, then every test (unit, integration against real
// encrypted files, browser end-to-end in Debian's Chromium) in one vitest run. Ends with one
// summary line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
const step = (name, cmd, args) => {
  console.log(`\n== ${name}`);
  if (run(cmd, args) !== 0) {
    console.log(`\n${name} failed.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
};

step('lint and format (biome, zero warnings)', 'npx', ['biome', 'ci', '--error-on-warnings', '.']);
step('types (tsc, strict, one program per layer)', 'node', ['build/typecheck.mjs']);
step('dead exports (knip: every export imported, every file reached)', 'npx', ['knip']);
step('build', 'node', ['build/build.mjs']);

console.log('\n== tests (vitest)');
fs.mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
fs.rmSync(report, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
let passed = 0;
let failed = status === 0 ? 0 : 1;
let skipped = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (status !== 0 && r.numFailedTests === 0 ? 1 : 0);
  skipped = r.numPendingTests + r.numTodoTests;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
