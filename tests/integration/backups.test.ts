// Backups as they are made: a real encrypted file copied by VACUUM INTO in a process of its own,
// checked by another, named, recorded and rotated in a real folder; and every way the folder can
// let us down (gone, full, read-only) refused in words with the customer file untouched. The
// check's two halves (structure and contents, two processes side by side) make one answer.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { checkInChild } from '../../electron/core/backups/child';
import { listBackups, readManifest } from '../../electron/core/backups/manifest';
import { writeBackup } from '../../electron/core/backups/write';
import { type Owner, ownerCore, PASSPHRASE } from '../support/core';
import { sha256, tempDir } from '../support/files';

async function backupNow(o: Owner, folder: string) {
  const r = await o.core.local(o.token, ['owner'], (ctx) =>
    writeBackup({ db: ctx.db, path: o.file, passphrase: ctx.vault.passphrase() }, folder, {
      reason: 'manual',
      madeBy: { id: ctx.session.user.id, role: ctx.session.user.role },
      now: () => new Date(),
    }),
  );
  return r;
}

describe('writeBackup', () => {
  it('writes a checked, encrypted copy with its record beside it, and the file goes on', async () => {
    const o = await ownerCore();
    await o.ok('customers.create', { given_name: 'Ada', family_name: 'Lovelace' });
    const folder = tempDir();
    const r = await backupNow(o, folder);
    if (!r.ok) throw new Error(r.error.message);
    expect(fs.readdirSync(folder).sort()).toEqual([r.value.name, `${r.value.name}.json`].sort());
    const manifest = readManifest(r.value.path);
    expect(manifest).toMatchObject({ reason: 'manual', counts: { customers: 1 }, check: { ok: true } });
    expect(manifest?.sha256).toBe(sha256(r.value.path));
    expect(fs.readFileSync(r.value.path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fs.statSync(r.value.path).mode & 0o077).toBe(0);
    await o.ok('customers.create', { given_name: 'Grace', family_name: 'Hopper' });
    const listed = await o.core.local(o.token, ['owner'], (ctx) => listBackups(ctx.db, folder));
    expect(listed.ok && listed.value).toMatchObject([
      { verified: 'ok', made_by: 'Olive Owner', counts: { customers: 1 } },
    ]);
    const check = await o.ok('vault.check', {});
    expect(check.integrity).toBe('ok');
    expect(check.customers).toBe(2);
    o.core.close();
    expect(fs.existsSync(`${o.file}-shm`)).toBe(false);
  });

  it('checks the structure and the contents side by side: an altered log fails, a wrong passphrase is refused', async () => {
    const o = await ownerCore();
    await o.ok('customers.create', { given_name: 'Ada', family_name: 'Lovelace' });
    const folder = tempDir();
    const r = await backupNow(o, folder);
    if (!r.ok) throw new Error(r.error.message);
    o.core.close();
    // An entry of the log changed through SQLite itself: every page sound, only the chain broken.
    const altered = `${folder}/altered.custodian`;
    fs.copyFileSync(r.value.path, altered);
    const db = new Database(altered);
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${PASSPHRASE.replaceAll("'", "''")}'`);
    db.prepare("UPDATE audit_log SET at = '2000-01-01T00:00:00.000Z' WHERE seq = 1").run();
    db.close();
    const check = await checkInChild(altered, PASSPHRASE);
    expect(check).toMatchObject({
      ok: false,
      integrity: 'ok',
      audit: { ok: false, problem: 'entry 1 was altered' },
      counts: { customers: 1 },
      sha256: sha256(altered),
      bytes: fs.statSync(altered).size,
    });
    expect(check.problem).toMatch(/audit log of the backup does not check out: entry 1 was altered/);
    expect(check.cipher).toMatch(/sqlcipher/);
    await expect(checkInChild(altered, 'not the passphrase of this file')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    const good = await checkInChild(r.value.path, PASSPHRASE);
    expect(good).toMatchObject({ ok: true, problem: '', integrity: 'ok', audit: { ok: true } });
    expect(good.file_id).not.toBe('');
  });
});
