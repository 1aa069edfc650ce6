// ARCHITECTURE §2: 'electron' is imported only in electron/shell/, and the shell's decision modules (the ones
// tested here) not at all, so the core runs under plain Node and the shell's logic is testable without Electron.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const IMPORTS_ELECTRON = /(?:from\s+|require\(\s*|import\(\s*)['"]electron['"]/;
const ELECTRON_ENTRY_POINTS = new Set(['electron/shell/main.ts', 'electron/shell/preload.ts', 'electron/shell/tray.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|cjs|mjs|js)$/.test(name) ? [relative(root, path).split('\\').join('/')] : [];
  });
}

describe('the electron wall', () => {
  it('keeps electron imports inside the shell entry points', () => {
    const offenders = ['electron', 'renderer', 'shared']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((file) => IMPORTS_ELECTRON.test(readFileSync(join(root, file), 'utf8')))
      .filter((file) => !ELECTRON_ENTRY_POINTS.has(file));
    expect(offenders).toEqual([]);
  });
});
