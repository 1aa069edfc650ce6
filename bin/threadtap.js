#!/usr/bin/env node
// The CLI is TypeScript run straight from source, so `npx threadtap` works right after `npm install` with no build
// step. The sources are bundled with esbuild into one cached `.mjs` file (rebuilt when a source changes, see
// source-bundle.mjs) and that runs on plain Node: registering tsx instead would keep a module-hooks thread, a whole
// V8 isolate, alive for the life of the process. tsx remains the fallback (THREADTAP_CLI_LOADER=tsx forces it).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleSource } from './source-bundle.mjs';

const cli = fileURLToPath(new URL('../electron/cli.ts', import.meta.url));
let bundle;
if (process.env.THREADTAP_CLI_LOADER !== 'tsx') {
  try {
    bundle = bundleSource(cli);
  } catch (error) {
    process.emitWarning(`${error.message}; running the sources through tsx instead`, 'ThreadtapCliBundle');
  }
}
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli.ts');
}
