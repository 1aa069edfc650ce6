import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: { rollupOptions: { input: { main: resolve('electron/shell/main.ts'), 'db-worker': resolve('electron/core/store/db-worker.ts') } } },
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
