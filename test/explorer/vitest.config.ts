/**
 * Browser tests of the explorer (headless Debian chromium through playwright-core). Run with
 * `npx vitest run --config test/explorer/vitest.config.ts`; they skip when /usr/bin/chromium is missing.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/explorer/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
