/**
 * Vitest configuration of the end-to-end tests (multi-process devnets on loopback):
 * `vitest run --config test/e2e/vitest.config.ts`. Files run one after another (each starts its own
 * processes and takes both cores); deadlines are generous because a devnet start encodes, registers and
 * polls real processes.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
