// An import that fills the disk says exactly what is left in the file: every path (the step that
// failed, the take-back that may fail too, the next open) counts what is there, and once there is
// room nothing from the import remains.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api';
import { openDatabase } from '../../electron/core/db/open';
import { ownerCore, PASSPHRASE } from '../support/core';
import { smallDisk } from '../support/files';
import { importFile, upload } from '../support/imports';

const ROWS = 30_000;

function peopleCsv(): string {
  const lines = ['given_name,family_name,email,phone,notes'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`Given${i},Fullness${i},person${i}@example.com,,${'Some words about this person. '.repeat(4)}`);
  }
  return lines.join('\n');
}

describe('an import that fills the disk', () => {
  it('says what is in the file, and nothing from it remains once there is room', async (ctx) => {
    const disk = smallDisk(16 * 1024);
    if (!disk) {
      console.log('SKIPPED disk-full import test: this machine does not let the test mount a tmpfs (needs root).');
      return ctx.skip();
    }
    const file = path.join(disk, 'c.custodian');
    const o = await ownerCore(file);
    await o.ok('customers.create', { given_name: 'Dee', family_name: 'Old' });
    // Something else on the same disk, which the person can delete to make room.
    fs.writeFileSync(path.join(disk, 'ballast'), Buffer.alloc(9 * 1024 * 1024));
    const preview = await o.ok('imports.preview', upload('people.csv', peopleCsv()));
    const { import_id } = await o.ok('imports.start', {
      preview_id: preview.preview_id,
      source: 'Big file',
      mapping: preview.mapping,
      on_match: 'update-empty',
      mode: 'valid-rows',
    });
    let said = '';
    let committed = 0;
    for (;;) {
      const result = await o.core.call(o.token, 'imports.step', { import_id });
      if (!result.ok) {
        said = result.error.message;
        expect(result.error.code).toBe('DISK_FULL');
        break;
      }
      if (result.value.finished) {
        expect(result.value.status).toBe('failed');
        said = result.value.message;
        break;
      }
      committed = result.value.created;
    }
    console.log(`disk-full import: ${committed} rows committed before the disk filled; said: ${said}`);
    expect(committed).toBeGreaterThan(0);
    expect(said).toMatch(/disk is full/);
    expect(said).not.toMatch(/Nothing was saved/);
    // What the message says is in the file is what is in the file.
    o.core.close();
    const db = openDatabase(file, PASSPHRASE);
    const left = db
      .prepare("SELECT count(*) FROM customers WHERE family_name LIKE 'Fullness%'")
      .pluck()
      .get() as number;
    const status = db.prepare('SELECT status FROM imports WHERE id = ?').pluck().get(import_id);
    db.close();
    if (left === 0) {
      expect(said).toMatch(/Nothing was imported: what had been written was taken back/);
      expect(status).toBe('failed');
    } else {
      expect(said).toContain(`${left.toLocaleString('en-GB')} records it added are still in the file`);
      expect(said).toMatch(/taken back when you cancel the import or the file is next opened/);
      expect(status).toBe('running');
    }
    // Once there is room, the next open leaves nothing from the import.
    fs.rmSync(path.join(disk, 'ballast'));
    const core = createCore(file);
    const opened = await core.call(null, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    if (left > 0) expect(opened.value.notices?.[0]).toMatch(/was taken back when the file was next opened/);
    const check = await core.call(opened.value.token, 'vault.check', {});
    expect(check.ok && check.value).toMatchObject({ integrity: 'ok', customers: 1 });
    core.close();
  });

  it('an undo stopped by a full disk says what is still in the file, and finishes once there is room', async (ctx) => {
    const disk = smallDisk(16 * 1024);
    if (!disk) {
      console.log('SKIPPED disk-full undo test: this machine does not let the test mount a tmpfs (needs root).');
      return ctx.skip();
    }
    const o = await ownerCore(path.join(disk, 'c.custodian'));
    await o.ok('customers.create', { given_name: 'Dee', family_name: 'Old' });
    const rows = peopleCsv().split('\n').slice(0, 3001).join('\n');
    const { id, steps } = await importFile(o, 'people.csv', rows);
    expect(steps.at(-1)).toMatchObject({ status: 'finished', created: 3000 });
    // Fill every byte left on the disk.
    const ballast = path.join(disk, 'ballast');
    try {
      fs.writeFileSync(ballast, Buffer.alloc(16 * 1024 * 1024));
    } catch {
      // ENOSPC: the disk is full now, which is the point.
    }
    const refused = await o.fail('imports.undo', { import_id: id });
    expect(refused.code).toBe('DISK_FULL');
    expect(refused.message).not.toMatch(/Nothing was saved/);
    const left = (await o.ok('vault.check', {})).customers - 1;
    expect(left).toBeGreaterThan(0);
    expect(refused.message).toBe(
      `The undo stopped (the disk is full): ${left.toLocaleString('en-GB')} records it added are still in the file. Undo again once that is fixed: it carries on where it stopped.`,
    );
    fs.rmSync(ballast);
    expect(await o.ok('imports.undo', { import_id: id })).toMatchObject({ import_id: id });
    expect((await o.ok('vault.check', {})).customers).toBe(1);
    o.core.close();
  });
});
