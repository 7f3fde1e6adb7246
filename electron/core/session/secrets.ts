// Staff passwords and PINs: argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1), encoded
// with its parameters so they can be raised later without breaking old hashes. And the growing
// delay after failed attempts, one rule for the file passphrase and for every account.
import crypto from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export const ARGON2 = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

export function hashSecret(secret: string): Promise<string> {
  return argon2id({ ...ARGON2, password: secret, salt: crypto.randomBytes(16), outputType: 'encoded' });
}

export function verifySecret(secret: string, encoded: string | null): Promise<boolean> {
  if (!encoded) return Promise.resolve(false);
  return argon2Verify({ password: secret, hash: encoded });
}

/** Free attempts before delays start, and after how many wrong PINs the PIN stops working. */
const FREE_ATTEMPTS = 3;
export const PIN_DISABLED_AFTER = 10;
const MAX_DELAY_MS = 15 * 60_000;

/** How long to refuse attempts after `failures` consecutive failures: 0, 0, 0, 5 s, 10 s, 20 s … 15 min. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 5000 * 2 ** (failures - FREE_ATTEMPTS));
}

export function waitMessage(retryAtMs: number, nowMs: number): string {
  const seconds = Math.ceil((retryAtMs - nowMs) / 1000);
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return `Too many wrong attempts. Try again in ${wait}.`;
}
