import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../../electron/core/sessions/', import.meta.url));

describe('reconstruction stays pure', () => {
  it('imports no I/O module and reads no clock', () => {
    for (const file of readdirSync(DIR).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(`${DIR}${file}`, 'utf8');
      const nodeImports = [...source.matchAll(/from '(node:[^']+)'/g)].map((m) => m[1]);
      expect(nodeImports.filter((name) => name !== 'node:crypto'), file).toEqual([]);
      expect(source, file).not.toMatch(/Date\.now\(|new Date\(|performance\.now|from '\.\.\/(store|proxy|capture|api)/);
    }
  });
});
