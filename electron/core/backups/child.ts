// Starting backup-child.ts in a process of its own and waiting for its one answer. Bundled
// (dist/*.cjs, where this code is inlined) the script is dist/backup-child.cjs beside the bundle;
// run from the TypeScript sources (tests, benchmarks) it is backup-child.ts, loaded through tsx. In Electron, fork runs the script with Electron's own Node (ELECTRON_RUN_AS_NODE),
// so the same native SQLite binding loads there.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CoreError, type ErrorCode } from '../../../shared/contract/result';
import { type ContentsCheck, type FileCheck, mergeChecks, type StructureCheck } from './check';

export type ChildJob =
  | { kind: 'write'; source: string; passphrase: string; target: string }
  | { kind: 'structure' | 'contents'; file: string; passphrase: string };

type Answer = { write: null; structure: StructureCheck; contents: ContentsCheck };

export type ChildReply =
  | { ok: true; value: Answer[keyof Answer] }
  | { ok: false; error: { code: ErrorCode; message: string } };

const here = fileURLToPath(import.meta.url);
const script = path.join(path.dirname(here), here.endsWith('.ts') ? 'backup-child.ts' : 'backup-child.cjs');

function execArgv(): string[] {
  if (!script.endsWith('.ts')) return [];
  // The sources are ES modules (package.json "type": "module"): tsx's import hook, not its require hook.
  return ['--import', pathToFileURL(createRequire(here).resolve('tsx')).href];
}

/** The environment without any passphrase in it: the job carries what the process needs. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.includes('PASSPHRASE')) delete env[key];
  return env;
}

const STOPPED = () =>
  new CoreError('INTERNAL', 'The process writing or checking the backup stopped unexpectedly. Nothing was changed.');

/** Run one job in a new process; rejects with a CoreError in plain words. */
export function runChild<J extends ChildJob>(job: J): Promise<Answer[J['kind']]> {
  if (!fs.existsSync(script)) {
    return Promise.reject(new CoreError('INTERNAL', 'This installation of Custodian is missing its backup program.'));
  }
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      execArgv: execArgv(),
      env: childEnv(),
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    let answered = false;
    child.once('message', (reply: ChildReply) => {
      answered = true;
      if (reply.ok) resolve(reply.value as Answer[J['kind']]);
      else reject(new CoreError(reply.error.code, reply.error.message));
    });
    child.once('error', () => {
      if (!answered) reject(STOPPED());
      answered = true;
    });
    child.once('exit', () => {
      if (!answered) reject(STOPPED());
      answered = true;
    });
    child.send(job);
  });
}

/**
 * Check a backup file in processes of its own: the structure and the contents at the same time
 * (check.ts). Both are awaited before answering, so neither is still reading the file when the
 * caller renames or removes it; a refusal of the structure half comes first, as if it ran first.
 */
export async function checkInChild(file: string, passphrase: string): Promise<FileCheck> {
  const [structure, contents] = await Promise.allSettled([
    runChild({ kind: 'structure', file, passphrase }),
    runChild({ kind: 'contents', file, passphrase }),
  ]);
  if (structure.status === 'rejected') throw structure.reason;
  if (contents.status === 'rejected') throw contents.reason;
  return mergeChecks(structure.value, contents.value);
}
