// The backup commands as people run them: a child process on a real encrypted file. `backup`
// writes a checked copy into DEST; `backups` lists and checks each again (exit 1 when one fails);
// `restore` puts a backup in place of the file, keeping the file as it was, and onto a new
// computer where no file exists yet; `check` carries the backup warning.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { ownerCore, reopenAsOwner } from '../support/core';
import { tempDir } from '../support/files';

let dir: string;
let file: string;
let dest: string;
let adaId: number;

beforeAll(async () => {
  // Kept for the whole file (tempDir's folders go after each test).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-cli-backup-'));
  file = path.join(dir, 'shop.custodian');
  dest = path.join(dir, 'usb');
  fs.mkdirSync(dest);
  const o = await ownerCore(file);
  adaId = (await o.ok('customers.create', { given_name: 'Ada', family_name: 'Lovelace' })).id;
  o.core.close();
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('custodian backup, backups and restore', () => {
  it('backs up, lists, restores in place and onto a new computer', async () => {
    const check = runCli(['check', file]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^backup warning: No backup folder is chosen/m);

    const made = runCli(['backup', file, dest]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Backup written and checked: .*shop\.backup-.*\.custodian/);
    expect(made.stdout).toMatch(/1 customer, 0 purchases; integrity ok; audit log ok/);
    const backup = fs.readdirSync(dest).find((f) => f.endsWith('.custodian')) as string;

    const o = await reopenAsOwner(file);
    const ada = await o.ok('customers.get', { id: adaId });
    await o.ok('customers.update', { id: adaId, version: ada.version, data: { ...ada, family_name: 'Byron' } });
    await o.ok('settings.update', { backup_folder: dest });
    o.core.close();

    const listed = runCli(['backups', file, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).backups).toMatchObject([
      { name: backup, verified: 'ok', made_by: 'Olive Owner', check_now: { ok: true } },
    ]);

    const restored = runCli(['restore', path.join(dest, backup), file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .*shop\.custodian from shop\.backup-/);
    const back = await reopenAsOwner(file);
    expect((await back.ok('customers.get', { id: adaId })).family_name).toBe('Lovelace');
    back.core.close();
    const kept = fs.readdirSync(dest).filter((f) => f.endsWith('.custodian'));
    expect(kept.length).toBe(2);

    // A new computer: no file there yet.
    const fresh = path.join(tempDir(), 'new.custodian');
    const onto = runCli(['restore', path.join(dest, backup), fresh]);
    expect(onto.code, onto.stderr).toBe(0);
    const n = await reopenAsOwner(fresh);
    expect((await n.ok('customers.get', { id: adaId })).family_name).toBe('Lovelace');
    expect((await n.ok('audit.list', { limit: 10 })).some((e) => e.action === 'backup.restore')).toBe(true);
    n.core.close();
  }, 300_000);

  it('says so when a backup is cut short, and refuses to restore it', async () => {
    // A file of its own: the first test put a copy of the shared one at a second path on this
    // computer, and two copies of one file share this computer's note of where its log ends.
    const file = path.join(tempDir(), 'own.custodian');
    (await ownerCore(file)).core.close();
    const folder = tempDir();
    const made = runCli(['backup', file, folder]);
    expect(made.code, made.stderr).toBe(0);
    const backup = path.join(folder, fs.readdirSync(folder).find((f) => f.endsWith('.custodian')) as string);
    fs.truncateSync(backup, fs.statSync(backup).size - 5000);
    const restore = runCli(['restore', backup, file]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/damaged|cut short/);
    const gone = runCli(['backup', file, path.join(folder, 'unplugged')]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/cannot be found.*connect it/);
    const checked = runCli(['check', file]);
    expect(checked.code, checked.stdout).toBe(0);
  }, 300_000);
});
