import { defineConfig } from 'vitest/config';

// Real Chromium against the preview server, and the Electron smoke test. Run after `electron-vite build`.
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts', 'test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
