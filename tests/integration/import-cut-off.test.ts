// An import cut off by a kill (a crash, a power cut) is taken back the next time the file is
// opened — by the window's core and by the command line alike — and the person opening it is told
// once what happened, with the counts. Before, its committed steps stayed live and its batch
// stayed "running" for good.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { openDatabase } from '../../electron/core/db/open';
import type { Output } from '../../shared/contract';
import { ownerCore, PASSPHRASE } from '../support/core';
import { tempDir } from '../support/files';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const KILL = path.join(ROOT, 'tests/support/kill-in-import.ts');
const CLI = path.join(ROOT, 'electron/cli.ts');
const ROWS = 12_000;

/** A file whose first row matches Dee (adds her phone), then ROWS new people. */
function customersFile(dir: string): string {
  const lines = ['given_name,family_name,email,phone', 'Dee,Old,dee@example.com,07700 900001'];
  for (let i = 0; i < ROWS; i++) lines.push(`Given${i},Cutoff${i},person${i}@example.com,`);
  const file = path.join(dir, 'people.csv');
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** A file with Dee in it, and an import of people.csv killed after two committed steps. */
async function cutOffImport(): Promise<{ file: string; deeId: number; progress: Output<'imports.step'> }> {
  const dir = tempDir();
  const owner = await ownerCore(path.join(dir, 'c.custodian'));
  const dee = await owner.ok('customers.create', {
    given_name: 'Dee',
    family_name: 'Old',
    emails: [{ address: 'dee@example.com' }],
  });
  owner.core.close();
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', KILL, owner.file, PASSPHRASE, customersFile(dir), '2'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  expect(child.signal, child.stderr).toBe('SIGKILL');
  const progress = JSON.parse(child.stdout.trim()) as Output<'imports.step'>;
  expect(progress).toMatchObject({ status: 'running', finished: false, updated: 1 });
  expect(progress.created).toBeGreaterThanOrEqual(2000);
  // What the kill left: the committed steps in the file, the batch still "running".
  const db = openDatabase(owner.file, PASSPHRASE);
  try {
    expect(db.prepare("SELECT count(*) FROM customers WHERE family_name LIKE 'Cutoff%'").pluck().get()).toBe(
      progress.created,
    );
    expect(db.prepare('SELECT status FROM imports').pluck().get()).toBe('running');
  } finally {
    db.close();
  }
  return { file: owner.file, deeId: dee.id, progress };
}

const thousands = (n: number) => n.toLocaleString('en-GB');

describe('an import cut off by a kill', () => {
  it('is taken back when the core next opens the file, and the owner is told once with the counts', async () => {
    const { file, deeId, progress } = await cutOffImport();
    const core = createCore(file);
    const opened = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const notices = opened.value.notices ?? [];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('The import of people.csv started on');
    expect(notices[0]).toContain(`was cut off after ${thousands(progress.rows)} rows`);
    expect(notices[0]).toContain(`${thousands(progress.created)} records it had added removed`);
    expect(notices[0]).toContain('1 record it had changed restored');
    expect(notices[0]).toContain('Nothing from it remains.');
    const token = opened.value.token;
    const check = await core.call(token, 'vault.check', {});
    expect(check.ok && check.value.customers).toBe(1);
    expect(check.ok && check.value.audit.ok).toBe(true);
    const dee = await core.call(token, 'customers.get', { id: deeId });
    expect(dee.ok && dee.value.phones).toEqual([]);
    const found = await core.call(token, 'search.query', { q: 'Cutoff1' });
    expect(found.ok && found.value.items).toEqual([]);
    const list = await core.call(token, 'imports.list', { limit: 5 });
    expect(list.ok && list.value[0]).toMatchObject({ status: 'failed', message: notices[0] });
    core.close();
    // Told once: the next open has nothing to say.
    const again = createCore(file);
    const reopened = await again.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(reopened.ok && reopened.value.notices).toBeUndefined();
    again.close();
  });

  it('is taken back by the command line too, which says so whatever the command', async () => {
    const { file, progress } = await cutOffImport();
    const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'search', file, 'Dee'], {
      cwd: ROOT,
      env: { ...process.env, CUSTODIAN_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`was cut off after ${thousands(progress.rows)} rows`);
    expect(run.stderr).toContain(`${thousands(progress.created)} records it had added removed`);
    expect(run.stdout).toContain('Old');
    const db = openDatabase(file, PASSPHRASE);
    try {
      expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
      expect(db.prepare('SELECT status FROM imports').pluck().get()).toBe('failed');
    } finally {
      db.close();
    }
  });
});
