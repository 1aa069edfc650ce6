import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          main: resolve('electron/shell/main.ts'),
          'capture-core-worker': resolve('electron/core/capture-core-worker.ts'),
          'db-worker': resolve('electron/core/store/db-worker.ts'),
        },
        // Shared chunks sit beside the entries: the core finds its worker files next to its own module.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    // Sandboxed preloads must be CommonJS (Electron cannot load an ESM preload with sandbox: true).
    build: {
      rollupOptions: {
        input: { preload: resolve('electron/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: { rollupOptions: { input: { index: resolve('renderer/index.html') } } },
    plugins: [react()],
  },
});
