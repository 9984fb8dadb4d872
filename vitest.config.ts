import { defineConfig } from 'vitest/config';

// Core unit tests run in Node on TF.js's wasm backend (see src/core/testing/setup.ts); browser behaviour is covered by e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/core/testing/setup.ts'],
    // Two workers share two cores: generous, not flaky.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per CPU minus one: on a 2-core CI machine that is a single
    // worker, and the engine's training tests (cpu backend) would run one file after another.
    maxWorkers: 2,
  },
});
