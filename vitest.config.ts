import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Custodian's settings folder (the audit head copies): a temporary one, never the real ~/.custodian.
    env: { CUSTODIAN_STATE_DIR: path.join(os.tmpdir(), 'custodian-test-state') },
  },
});
