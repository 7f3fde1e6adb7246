// The command line as people run it: `custodian …` in a child process (the TypeScript entry through
// tsx), with the file passphrase in the environment and nothing else of the test's leaking in.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PASSPHRASE } from './core';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'electron/cli.ts');

export type Run = { code: number | null; stdout: string; stderr: string };

/** Run `custodian ARGS`; `env` adds variables, or removes them with null. */
export function runCli(args: string[], env: Record<string, string | null> = {}): Run {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CUSTODIAN_PASSPHRASE: PASSPHRASE };
  delete childEnv.CUSTODIAN_NEW_PASSPHRASE;
  for (const [k, v] of Object.entries(env)) {
    if (v === null) delete childEnv[k];
    else childEnv[k] = v;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: childEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // Generous: on a loaded two-core machine tsx alone can take tens of seconds to start.
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
