import { defineConfig } from 'vitest/config';

// `npm run bench` (scripts/bench.mjs): performance measurements written as ordinary tests that print figures and
// assert nothing about time. Every `*.bench-run.ts` under test/bench/ is picked up; files run one at a time so
// their timings do not disturb each other. Not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench-run.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
