/**
 * Runs the storage-challenge end-to-end tests (excluded from the unit run):
 * `npx vitest run --config test/e2e/challenge/vitest.config.ts`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/challenge/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
