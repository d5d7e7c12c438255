import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// Main, preload and renderer build separately; none of this needs the Electron binary.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Pure-JS dependencies are bundled into the entries, so `aeo` (and the app) do not make Node resolve and read
      // hundreds of module files at start (issue 14: `aeo verify` resolved about 370 before). Native addons (sharp,
      // better-sqlite3), pdfmake (reads its own font and standard-font files) and the HQ server's stack (pino and
      // fastify start worker threads from their own files) stay external.
      externalizeDeps: {
        exclude: ['zod', 'drizzle-orm', '@noble/curves', '@noble/hashes', 'age-encryption', 'uuid', 'exponential-backoff', 'file-type', 'exifr', 'tus-js-client'],
      },
      rollupOptions: {
        input: {
          // The Electron host, plus the Node entry points that share the same pure core.
          index: resolve('src-main/electron/main.ts'),
          preview: resolve('src-main/preview/main.ts'),
          cli: resolve('src-main/cli/aeo.ts'),
          pdf: resolve('src-main/workers/pdf.ts'),
          'bundle-crypto': resolve('src-main/workers/bundle-crypto.ts'),
          hq: resolve('src-hq/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
