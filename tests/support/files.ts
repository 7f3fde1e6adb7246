// Real files for tests: a fresh temp folder per test, removed afterwards, and helpers to look
// at what is really on disk.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach } from 'vitest';

const made: string[] = [];

export function tempDir(prefix = 'custodian-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function tempFile(name = 'customers.custodian'): string {
  return path.join(tempDir(), name);
}

afterEach(() => {
  for (const dir of made.splice(0)) {
    unmountQuietly(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every byte of the file and its journal files, to prove a name is not there in the clear. */
export function bytesOnDisk(file: string): Buffer {
  const parts = [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].filter((p) => fs.existsSync(p));
  return Buffer.concat(parts.map((p) => fs.readFileSync(p)));
}

/** Every byte of a decrypted copy of the file, free pages included (rekey rewrites each page). */
export function decryptedBytes(file: string, passphrase: string): Buffer {
  const copy = tempFile('decrypted.db');
  fs.copyFileSync(file, copy);
  const db = new Database(copy);
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma(`key='${passphrase}'`);
  db.pragma('journal_mode=DELETE');
  db.pragma("rekey=''");
  db.close();
  return fs.readFileSync(copy);
}

/**
 * A small tmpfs mounted at a fresh folder, for disk-full and read-only tests. Needs root and a
 * kernel that lets us mount; returns null (and the caller skips with a printed reason) if not.
 */
export function smallDisk(sizeKiB: number): string | null {
  const dir = tempDir('custodian-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}

export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });
}

function unmountQuietly(dir: string): void {
  try {
    execFileSync('mountpoint', ['-q', dir], { stdio: 'ignore' });
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  } catch {
    // not a mount point
  }
}
