// Run by tests/integration/import-cut-off.test.ts in a process of its own: opens FILE, imports
// DATAFILE through the dispatch as the window does, and is killed after STEPS committed steps,
// as a crash, a power cut or `kill -9` would stop it. Prints the last progress report first.
// Usage: tsx tests/support/kill-in-import.ts FILE PASSPHRASE DATAFILE STEPS
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core/api';

const [file, passphrase, data, steps] = process.argv.slice(2);
if (!file || !passphrase || !data || !steps) {
  throw new Error('Usage: tsx tests/support/kill-in-import.ts FILE PASSPHRASE DATAFILE STEPS');
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const core = createCore(file);
const session = must(await core.call(null, 'vault.unlock', { passphrase }));
const preview = must(
  await core.call(session.token, 'imports.preview', {
    filename: path.basename(data),
    content_base64: fs.readFileSync(data).toString('base64'),
  }),
);
const started = must(
  await core.call(session.token, 'imports.start', {
    preview_id: preview.preview_id,
    source: 'Cut off',
    mapping: preview.mapping,
    on_match: 'update-empty',
    mode: 'valid-rows',
  }),
);
let progress: unknown = null;
for (let i = 0; i < Number(steps); i++) progress = must(await core.call(session.token, 'imports.step', started));
fs.writeSync(1, `${JSON.stringify(progress)}\n`);
process.kill(process.pid, 'SIGKILL');
