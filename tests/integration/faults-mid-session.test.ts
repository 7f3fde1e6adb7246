// Faults that arrive while the file is open (issue 16): the file and its folder made read-only
// mid-session, and the disk filling during a passphrase change. Each gets plain words, loses
// nothing that had been acknowledged, and the file opens afterwards.
// Making a file read-only under a root test: `chattr +i` (immutable binds root too, and the
// kernel then refuses writes through handles already open, as a read-only remount or a
// write-protected stick does); a read-only remount itself is refused while a file is open for writing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { ownerCore, PASSPHRASE, reopenAsOwner } from '../support/core';
import { smallDisk, tempDir } from '../support/files';

function immutable(on: boolean, paths: string[]): boolean {
  try {
    execFileSync('chattr', [on ? '+i' : '-i', ...paths.filter((p) => fs.existsSync(p))], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('faults while the file is open', () => {
  it('a file and folder made read-only mid-session: plain words, nothing acknowledged lost, opens afterwards', async (ctx) => {
    const dir = tempDir();
    const file = path.join(dir, 'c.custodian');
    const o = await ownerCore(file);
    const kept = await o.ok('customers.create', { family_name: 'Kept' });
    const locked = [dir, file, `${file}-wal`];
    if (!immutable(true, locked)) {
      console.log(
        'SKIPPED read-only mid-session test: chattr +i is not allowed here (needs root and a file system with it).',
      );
      o.core.close();
      return ctx.skip();
    }
    try {
      const refused = await o.fail('customers.create', { family_name: 'Refused' });
      expect(refused.code).toBe('FILE_READ_ONLY');
      expect(refused.message).toBe(
        `${file} was made read-only while Custodian had it open, so the last change was not saved. Make the file and its folder writable again (or copy the file somewhere you can write to), then open it again.`,
      );
      const rekey = await o.fail('vault.changePassphrase', {
        current: PASSPHRASE,
        next: 'a different long passphrase',
      });
      expect(rekey.code).toBe('FILE_READ_ONLY');
      expect(rekey.message).not.toMatch(/drive may have been removed|SQLITE|Something went wrong/);
      o.core.close();
      const again = await createCore(file).call(null, 'vault.unlock', { passphrase: PASSPHRASE });
      expect(!again.ok && again.error.code).toBe('FILE_READ_ONLY');
    } finally {
      immutable(false, locked);
    }
    const back = await reopenAsOwner(file);
    expect((await back.ok('customers.get', { id: kept.id })).family_name).toBe('Kept');
    expect((await back.ok('search.query', { q: 'refused' })).items).toHaveLength(0);
    expect(await back.ok('vault.check', {})).toMatchObject({
      integrity: 'ok',
      audit: { ok: true },
      audit_warnings: [],
    });
    back.core.close();
  });

  it('a disk that fills during a passphrase change: plain words, the old passphrase still opens it, nothing lost', async (ctx) => {
    const disk = smallDisk(6 * 1024);
    if (!disk) {
      console.log(
        'SKIPPED disk-full passphrase change test: this machine does not let the test mount a tmpfs (needs root).',
      );
      return ctx.skip();
    }
    const file = path.join(disk, 'c.custodian');
    const o = await ownerCore(file);
    const kept = await o.importRows(
      Array.from({ length: 1500 }, (_, i) => ({
        given_name: `Given${i}`,
        family_name: `Rekeyfull${i}`,
        notes: 'x'.repeat(300),
      })),
    );
    expect(kept.created).toBe(1500);
    // Room for the file, not for the rollback journal the change writes beside it.
    const size = fs.statSync(file).size;
    const free = Number(execFileSync('df', ['--output=avail', '-B1', disk]).toString().split('\n')[1]);
    fs.writeFileSync(path.join(disk, 'ballast'), Buffer.alloc(Math.max(0, free - Math.floor(size / 2))));
    const refused = await o.fail('vault.changePassphrase', {
      current: PASSPHRASE,
      next: 'a different long passphrase',
    });
    expect(refused.code).toBe('DISK_FULL');
    expect(refused.message).toMatch(/^The disk is full/);
    // Once there is room, the session goes on under the old passphrase, and the file reopens with it.
    fs.rmSync(path.join(disk, 'ballast'));
    const after = await o.ok('customers.create', { family_name: 'AfterTheFullDisk' });
    o.core.close();
    const back = await reopenAsOwner(file);
    expect((await back.ok('customers.get', { id: after.id })).family_name).toBe('AfterTheFullDisk');
    expect(await back.ok('vault.check', {})).toMatchObject({ integrity: 'ok', customers: 1501, audit: { ok: true } });
    back.core.close();
  });
});
