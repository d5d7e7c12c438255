import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// Main, preload and renderer build separately; none of this needs the Electron binary.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
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
