// Backups through the dispatch, and restoring them: a backup made on demand while the counter
// goes on, listed with its check; a restore with its preview brings a changed record back, keeps
// the file as it was as a backup of its own and is written into the restored file's log; a
// backup made under an earlier passphrase asks for it. Bad input on real files: a folder gone,
// full or read-only; a backup cut short or edited with fs; a file that is not a Custodian backup
// or is newer than this Custodian. The customer file is never harmed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { type Owner, ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { remountReadOnly, smallDisk, tempDir } from '../support/files';

async function waitForBackup(o: Owner) {
  for (;;) {
    const status = await o.ok('backups.status', {});
    if (status.running === null) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function backupOf(o: Owner) {
  expect(await o.ok('backups.create', {})).toEqual({ started: true });
  const status = await waitForBackup(o);
  expect(status.last?.message).toBe('');
  expect(status.last?.ok).toBe(true);
  return status.last?.name as string;
}

async function rename(o: Owner, id: number, family_name: string) {
  const c = await o.ok('customers.get', { id });
  await o.ok('customers.update', { id, version: c.version, data: { ...c, family_name } });
}

async function withFolder(folder = tempDir('custodian-backups-')) {
  const o = await ownerCore();
  await o.ok('settings.update', { backup_folder: folder });
  const ada = await o.ok('customers.create', { given_name: 'Ada', family_name: 'Lovelace' });
  return { o, folder, ada };
}

describe('backups through the dispatch', () => {
  it('makes one on demand while searches go on, lists it, and warns when the folder is gone', async () => {
    const { o, folder } = await withFolder();
    expect((await o.ok('backups.status', {})).warning).toMatch(/No backup of this file has been made yet/);
    expect(await o.ok('backups.create', {})).toEqual({ started: true });
    // The counter is not held up: a search answers while the backup is written and checked.
    expect((await o.ok('backups.status', {})).running).not.toBeNull();
    expect((await o.ok('search.query', { q: 'ada' })).items.length).toBe(1);
    expect(await o.ok('backups.create', {})).toEqual({ started: false });
    const status = await waitForBackup(o);
    expect(status).toMatchObject({ warning: '', folder_problem: '', last: { ok: true } });
    const { items } = await o.ok('backups.list', {});
    expect(items).toMatchObject([
      { reason: 'manual', made_by: 'Olive Owner', verified: 'ok', counts: { customers: 1, accounts: 1 } },
    ]);
    const audit = await o.ok('audit.list', { limit: 20 });
    expect(audit.some((e) => e.action === 'backup.create')).toBe(true);
    // The USB stick is pulled.
    fs.rmSync(folder, { recursive: true });
    const gone = await o.ok('backups.status', {});
    expect(gone.warning).toMatch(/cannot be found.*connect it.*last good backup was made on/s);
    expect(await o.fail('backups.create', {})).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect((await o.ok('vault.check', {})).integrity).toBe('ok');
    o.core.close();
  });

  it('warns when no folder is chosen, and refuses a folder that is not there', async () => {
    const o = await ownerCore();
    expect((await o.ok('backups.status', {})).warning).toMatch(/No backup folder is chosen/);
    const refused = await o.fail('settings.update', { backup_folder: '/no/such/folder' });
    expect(refused.fields?.[0]?.message).toMatch(/cannot be found/);
    expect((await o.fail('settings.update', { backup_folder: 'relative/path' })).fields?.[0]?.message).toMatch(
      /full path/,
    );
    o.core.close();
  });
});

describe('restoring a backup', () => {
  it('previews, keeps the file as it is, brings the record back and says so in its log', async () => {
    const { o, folder, ada } = await withFolder();
    const name = await backupOf(o);
    await rename(o, ada.id, 'Byron');
    await o.ok('customers.create', { given_name: 'Grace', family_name: 'Hopper' });
    const preview = await o.ok('backups.preview', { name });
    expect(preview).toMatchObject({
      needs_passphrase: false,
      item: { made_by: 'Olive Owner', verified: 'ok', counts: { customers: 1 } },
      check: { ok: true, integrity: 'ok', audit: { ok: true } },
    });
    const restored = await o.ok('backups.restore', { name });
    expect(restored.restored_from).toBe(name);
    expect(fs.existsSync(path.join(folder, restored.kept_as))).toBe(true);
    // The file was closed for everyone.
    expect(await o.fail('customers.get', { id: ada.id })).toMatchObject({ code: 'UNAUTHENTICATED' });
    o.core.close();
    const again = await reopenAsOwner(o.file);
    expect((await again.ok('customers.get', { id: ada.id })).family_name).toBe('Lovelace');
    expect((await again.ok('vault.check', {})).customers).toBe(1);
    const check = await again.ok('vault.check', {});
    expect(check.audit.ok).toBe(true);
    expect(check.audit_warnings).toEqual([]);
    const log = await again.ok('audit.list', { limit: 30 });
    expect(log.find((e) => e.action === 'backup.restore')?.detail).toContain(name);
    const { items } = await again.ok('backups.list', {});
    expect(items.find((i) => i.name === restored.kept_as)).toMatchObject({
      reason: 'before-restore',
      verified: 'ok',
      counts: { customers: 2 },
    });
    expect((await again.ok('backups.status', {})).warning).toBe('');
    again.core.close();
  });

  it('asks for the passphrase a backup was made under, and gives it the current one', async () => {
    const { o, ada } = await withFolder();
    const name = await backupOf(o);
    const next = 'a newer passphrase for the file';
    await o.ok('vault.changePassphrase', { current: PASSPHRASE, next });
    await rename(o, ada.id, 'Byron');
    expect(await o.ok('backups.preview', { name })).toMatchObject({ needs_passphrase: true, check: null });
    expect(await o.fail('backups.restore', { name })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: expect.stringMatching(/before the passphrase was changed/),
    });
    expect(await o.fail('backups.preview', { name, passphrase: 'not it at all' })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect((await o.ok('backups.preview', { name, passphrase: PASSPHRASE })).check?.ok).toBe(true);
    await o.ok('backups.restore', { name, passphrase: PASSPHRASE });
    o.core.close();
    const { createCore } = await import('../../electron/core/api');
    const core = createCore(o.file);
    expect((await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(false);
    const opened = await core.call(null, 'vault.unlock', { passphrase: next });
    if (!opened.ok) throw new Error(opened.error.message);
    const got = await core.call(opened.value.token, 'customers.get', { id: ada.id });
    expect(got.ok && got.value.family_name).toBe('Lovelace');
    core.close();
  });

  it('refuses a backup cut short or edited, and one that is not a Custodian backup, with the file untouched', async () => {
    const { o, folder, ada } = await withFolder();
    const name = await backupOf(o);
    const backup = path.join(folder, name);
    await rename(o, ada.id, 'Byron');
    const bytes = fs.readFileSync(backup);

    fs.truncateSync(backup, Math.floor(bytes.length / 2));
    const listed = (await o.ok('backups.list', {})).items.find((i) => i.name === name);
    expect(listed).toMatchObject({ verified: 'failed', problem: expect.stringMatching(/cut short or changed/) });
    expect(await o.fail('backups.restore', { name })).toMatchObject({ code: 'FILE_DAMAGED' });

    const edited = Buffer.from(bytes);
    for (let i = 0; i < 64; i++)
      edited.writeUInt8(
        edited.readUInt8(Math.floor(bytes.length * 0.6) + i) ^ 0xff,
        Math.floor(bytes.length * 0.6) + i,
      );
    fs.writeFileSync(backup, edited);
    const refused = await o.fail('backups.restore', { name });
    expect(refused.code).toBe('FILE_DAMAGED');
    expect(refused.message).toMatch(/Nothing was restored/);

    const stranger = path.join(folder, 'shop.backup-2026-01-01T00-00-00-000Z.custodian');
    const plain = new Database(stranger);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(await o.fail('backups.restore', { name: path.basename(stranger) })).toMatchObject({
      code: 'NOT_A_DATABASE',
      message: expect.stringMatching(/not a Custodian backup/),
    });
    // The customer file itself, copied by hand while open: not a backup, said so.
    fs.copyFileSync(o.file, stranger);
    expect(await o.fail('backups.restore', { name: path.basename(stranger) })).toMatchObject({
      code: 'NOT_A_DATABASE',
      message: expect.stringMatching(/copy of a customer file taken while it was open/),
    });
    fs.writeFileSync(stranger, Buffer.alloc(8192, 7));
    expect(await o.fail('backups.restore', { name: path.basename(stranger) })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });

    // The file is as it was: open, whole, with the change made after the backup.
    expect((await o.ok('customers.get', { id: ada.id })).family_name).toBe('Byron');
    expect((await o.ok('vault.check', {})).integrity).toBe('ok');
    expect(fs.readdirSync(path.dirname(o.file)).filter((f) => f.includes('restoring'))).toEqual([]);
    o.core.close();
  });

  it('refuses a backup from a newer Custodian', async () => {
    const { o, folder } = await withFolder();
    const name = await backupOf(o);
    const db = new Database(path.join(folder, name));
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE}'`);
    db.pragma('journal_mode=DELETE');
    db.pragma('user_version=999');
    db.close();
    expect(await o.fail('backups.restore', { name })).toMatchObject({
      code: 'FILE_TOO_NEW',
      message: expect.stringMatching(/newer version of Custodian \(format 999/),
    });
    expect((await o.ok('vault.check', {})).integrity).toBe('ok');
    o.core.close();
  });
});

describe('a backup folder that fails', () => {
  it('full, then read-only: refused in words, nothing half-written, the file untouched', async (ctx) => {
    const disk = smallDisk(512);
    if (!disk) {
      console.log('SKIPPED backup disk-full test: this machine does not let the test mount a tmpfs (needs root).');
      return ctx.skip();
    }
    const { o } = await withFolder(disk);
    await o.importRows(
      Array.from({ length: 3000 }, (_, i) => ({
        given_name: `Given${i}`,
        family_name: `Family${i}`,
        notes: 'x'.repeat(200),
      })),
    );
    expect(await o.ok('backups.create', {})).toEqual({ started: true });
    const full = await waitForBackup(o);
    expect(full.last).toMatchObject({ ok: false, message: expect.stringMatching(/is full: the backup was not made/) });
    expect(fs.readdirSync(disk)).toEqual([]);
    remountReadOnly(disk);
    expect(await o.fail('backups.create', {})).toMatchObject({
      code: 'FILE_READ_ONLY',
      message: expect.stringMatching(/read-only/),
    });
    expect((await o.ok('backups.status', {})).warning).toMatch(/read-only/);
    expect((await o.ok('vault.check', {})).integrity).toBe('ok');
    o.core.close();
  });
});
