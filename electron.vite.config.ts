import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { buildFlowRendererScript, PREBUILT_FLOW_SCRIPT } from './electron/core/export/html-flow';

/** The HTML export's waterfall renderer, prebuilt beside the main bundle: the app ships no TypeScript to build it from. */
function flowEmbedScript(): Plugin {
  return {
    name: 'threadtap-flow-embed',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: PREBUILT_FLOW_SCRIPT, source: await buildFlowRendererScript(resolve('shared/flow-embed.ts')) });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [flowEmbedScript()],
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
    build: {
      // electron-vite leaves the renderer unminified (an app loads it from disk); the same bundle is served to
      // browsers, and minified it is about a third of the bytes to parse and compile before the first paint.
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
    plugins: [react()],
  },
});
