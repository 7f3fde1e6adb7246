// The page cache follows the computer's memory: a sixteenth of it, never below what the counter
// search needs (128 MiB) nor above 1 GiB.
import { describe, expect, it } from 'vitest';
import { pageCacheKib } from '../../electron/core/db/open';

const GiB = 2 ** 30;

describe('page cache size', () => {
  it('is a sixteenth of memory between 128 MiB and 1 GiB', () => {
    expect(pageCacheKib(1 * GiB)).toBe(128 * 1024);
    expect(pageCacheKib(4 * GiB)).toBe(256 * 1024);
    expect(pageCacheKib(8 * GiB)).toBe(512 * 1024);
    expect(pageCacheKib(24 * GiB)).toBe(1024 * 1024);
    expect(pageCacheKib(64 * GiB)).toBe(1024 * 1024);
  });
});
