// The core worker as it ships: dist/core-worker.cjs driven through startCoreWorker, on a real
// encrypted file. Also what a caller sees when the worker dies or has been closed.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCoreWorker } from '../../electron/core/worker-client';
import type { Result } from '../../shared/contract/result';
import { BUILT, ensureNodeBuild } from '../support/built';
import { bytesOnDisk, tempDir, tempFile } from '../support/files';

const PASSPHRASE = 'correct horse battery staple';

function value<T>(result: Result<unknown>): T {
  if (!result.ok) expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(() => {
  ensureNodeBuild();
});

describe('core worker (dist/core-worker.cjs)', () => {
  it('creates a file, records a customer and finds it, all through the worker', async () => {
    const file = tempFile();
    const worker = startCoreWorker(file, BUILT.worker);
    try {
      const session = value<{ token: string }>(
        await worker.dispatch(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' }),
      );
      const created = value<{ id: number }>(
        await worker.dispatch(session.token, 'customers.create', {
          given_name: 'Zebedee',
          family_name: 'Quartermaine',
          emails: [{ address: 'zeb@example.org' }],
        }),
      );
      const found = value<{ items: { id: number; family_name: string }[] }>(
        await worker.dispatch(session.token, 'search.query', { q: 'quarterm' }),
      );
      expect(found.items.map((c) => [c.id, c.family_name])).toEqual([[created.id, 'Quartermaine']]);

      // Errors come back as values, across the thread boundary too.
      const refused = await worker.dispatch(null, 'search.query', { q: 'x' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const invalid = await worker.dispatch(session.token, 'customers.create', { given_name: 5 });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const unknown = await worker.dispatch(session.token, 'customers.drop', {});
      expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    } finally {
      await worker.close();
    }
    // Closed cleanly: the name is nowhere on disk in the clear.
    expect(bytesOnDisk(file).includes(Buffer.from('Quartermaine'))).toBe(false);
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('runs calls strictly in order, answers those queued before close, refuses later ones, and releases the file', async () => {
    const file = tempFile();
    const first = startCoreWorker(file, BUILT.worker);
    // None of these is awaited before the next is sent: the worker must still run them one by one,
    // so each sees the effect of the one before (creating the file hashes the passphrase off-thread).
    const created = first.dispatch(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' });
    const status = first.dispatch(null, 'vault.status', {});
    const token = value<{ token: string }>(await created).token;
    expect(value<{ exists: boolean; unlocked: boolean }>(await status)).toMatchObject({ exists: true, unlocked: true });
    // Adding staff awaits password hashing; a close sent right behind it must wait for it to finish.
    const staff = first.dispatch(token, 'staff.create', { name: 'Sam Staff', role: 'staff', pin: '482913' });
    const closing = first.close();
    expect(first.close()).toBe(closing); // idempotent
    const late = await first.dispatch(token, 'vault.status', {});
    expect(value<{ name: string }>(await staff).name).toBe('Sam Staff');
    await closing;
    expect(late).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((late as { error: { message: string } }).error.message).toMatch(/closed the customer file/);

    // The exclusive lock is gone: a new worker opens the same file.
    const second = startCoreWorker(file, BUILT.worker);
    try {
      const wrong = await second.dispatch(null, 'vault.unlock', { passphrase: 'not the passphrase' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
      const again = value<{ token: string }>(await second.dispatch(null, 'vault.unlock', { passphrase: PASSPHRASE }));
      const saved = second.dispatch(again.token, 'customers.create', { given_name: 'Ada', family_name: 'Byron' });
      const found = second.dispatch(again.token, 'search.query', { q: 'byron' });
      expect(value<{ id: number }>(await saved).id).toBeGreaterThan(0);
      expect(value<{ items: unknown[] }>(await found).items).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('turns every waiting call into a plain INTERNAL result when the worker crashes', async () => {
    // A stand-in worker that dies on its first message, like an out-of-memory or a native crash.
    const crashing = path.join(tempDir(), 'crash-worker.cjs');
    fs.writeFileSync(
      crashing,
      "require('node:worker_threads').parentPort.on('message', () => setTimeout(() => process.exit(7), 20));\n",
    );
    const exits: string[] = [];
    const worker = startCoreWorker(tempFile(), crashing, { onUnexpectedExit: (reason) => exits.push(reason) });
    const results = await Promise.all([
      worker.dispatch(null, 'vault.status', {}),
      worker.dispatch(null, 'vault.status', {}),
    ]);
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect((result as { error: { message: string } }).error.message).toMatch(/stopped unexpectedly/);
    }
    expect(exits).toEqual(['the core worker exited with code 7']);
    // Later calls are refused the same way at once, and close() does not hang.
    expect(await worker.dispatch(null, 'vault.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await worker.close();
  });

  it('closing the app backs up what was recorded since the last backup, as Close file does', async () => {
    const file = tempFile();
    const folder = tempDir();
    const backups = () => fs.readdirSync(folder).filter((f) => f.endsWith('.custodian'));
    const first = startCoreWorker(file, BUILT.worker);
    const session = value<{ token: string }>(
      await first.dispatch(null, 'vault.create', { passphrase: PASSPHRASE, owner_name: 'Olive Owner' }),
    );
    value(await first.dispatch(session.token, 'settings.update', { backup_folder: folder }));
    value(await first.dispatch(session.token, 'customers.create', { given_name: 'Cora', family_name: 'Closing' }));
    await first.close();
    expect(backups()).toHaveLength(1);

    // Opened, read and closed again: nothing recorded since, so no second copy.
    const second = startCoreWorker(file, BUILT.worker);
    const again = value<{ token: string }>(await second.dispatch(null, 'vault.unlock', { passphrase: PASSPHRASE }));
    const listed = value<{ items: { reason: string; verified: string; counts: { customers: number } }[] }>(
      await second.dispatch(again.token, 'backups.list', {}),
    );
    expect(listed.items).toMatchObject([{ reason: 'on-close', verified: 'ok', counts: { customers: 1 } }]);
    await second.close();
    expect(backups()).toHaveLength(1);
  });

  it('reports a worker that cannot start (no file given) as a result, not a hang', async () => {
    const worker = startCoreWorker('', BUILT.worker);
    const result = await worker.dispatch(null, 'vault.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await worker.close();
  });
});
