import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

describe('the sql.js wall', () => {
  it('keeps every import of sql.js inside electron/core/store', () => {
    const importsSqlJs = /(from\s+|import\s*\(\s*|require\s*\(\s*)['"]sql\.js(\/[^'"]*)?['"]/;
    const offenders = ['electron', 'shared', 'renderer', 'bench']
      .flatMap((top) => sourceFiles(join(ROOT, top)))
      .filter((file) => importsSqlJs.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
      .filter((file) => !file.startsWith(join('electron', 'core', 'store') + '/'));
    expect(offenders).toEqual([]);
  });
});
