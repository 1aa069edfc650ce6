import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { formatEnvLines } from '../../../electron/core/launch';

const TRICKY = `it's a "path" with $HOME, \`backticks\`, \\back\\slashes, ‘curly’ quotes
and a newline`;

describe('formatEnvLines', () => {
  it('writes bash lines that bash reads back to the exact value', () => {
    const lines = formatEnvLines({ TT_VALUE: TRICKY, TT_PLAIN: 'http://127.0.0.1:8787' }, 'bash');
    const out = execFileSync('bash', ['-c', `${lines}\nprintf '%s|%s' "$TT_VALUE" "$TT_PLAIN"`], { encoding: 'utf8' });
    expect(out).toBe(`${TRICKY}|http://127.0.0.1:8787`);
  });

  it('exports from a child shell too (the variables reach commands the user runs next)', () => {
    const lines = formatEnvLines({ TT_VALUE: 'a b' }, 'zsh');
    const out = execFileSync('bash', ['-c', `${lines}\nbash -c 'printf %s "$TT_VALUE"'`], { encoding: 'utf8' });
    expect(out).toBe('a b');
  });

  it("adds to the user's own NODE_OPTIONS and NO_PROXY in bash instead of replacing them", () => {
    const append = { NODE_OPTIONS: ' ', NO_PROXY: ',' };
    const lines = formatEnvLines({ NODE_OPTIONS: '--require "/tmp/a b/p.cjs"', NO_PROXY: 'localhost,127.0.0.1' }, 'bash', append);
    const withOwn = execFileSync('bash', ['-c', `export NODE_OPTIONS='--max-old-space-size=64'; export NO_PROXY=corp.example\n${lines}\nprintf '%s|%s' "$NODE_OPTIONS" "$NO_PROXY"`], { encoding: 'utf8' });
    expect(withOwn).toBe('--max-old-space-size=64 --require "/tmp/a b/p.cjs"|corp.example,localhost,127.0.0.1');
    const without = execFileSync('bash', ['-c', `unset NODE_OPTIONS NO_PROXY\n${lines}\nprintf '%s|%s' "$NODE_OPTIONS" "$NO_PROXY"`], { encoding: 'utf8' });
    expect(without).toBe('--require "/tmp/a b/p.cjs"|localhost,127.0.0.1');
  });

  it('appends with string join in fish and a filtered -join in PowerShell', () => {
    expect(formatEnvLines({ NO_PROXY: 'localhost' }, 'fish', { NO_PROXY: ',' })).toBe(`set -gx NO_PROXY (string join -- ',' $NO_PROXY 'localhost')`);
    expect(formatEnvLines({ NO_PROXY: 'localhost' }, 'powershell', { NO_PROXY: ',' })).toBe(
      `$env:NO_PROXY = (@($env:NO_PROXY, 'localhost') | Where-Object { $_ }) -join ','`,
    );
  });

  it('uses set -gx for fish, escaping only backslashes and single quotes', () => {
    expect(formatEnvLines({ A: `it's C:\\x $HOME` }, 'fish')).toBe(`set -gx A 'it\\'s C:\\\\x $HOME'`);
  });

  it('uses $env: for PowerShell, doubling straight and typographic single quotes', () => {
    expect(formatEnvLines({ A: `it's ‘q’ $HOME "x"` }, 'powershell')).toBe(`$env:A = 'it''s ‘‘q’’ $HOME "x"'`);
  });

  it('keeps the given order and skips names a shell cannot assign', () => {
    const lines = formatEnvLines({ B: '1', 'ProgramFiles(x86)': 'C:\\', A: '2' }, 'bash').split('\n');
    expect(lines).toEqual([`export B='1'`, `export A='2'`]);
  });
});
