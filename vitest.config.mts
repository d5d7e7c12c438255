import { defineConfig } from 'vitest/config';

// Node-side specifications: core, store, handlers, transports, CLI. Browser and Electron tests have their own config.
export default defineConfig({
  test: {
    include: ['test/main/**/*.test.ts', 'test/hq/**/*.test.ts', 'test/renderer/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
