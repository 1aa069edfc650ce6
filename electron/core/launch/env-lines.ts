// `threadtap env`: the variables as lines a shell can eval. Values are single-quoted so nothing in them (spaces,
// `$`, backticks, quotes) is interpreted.

export type EnvShell = 'bash' | 'zsh' | 'fish' | 'powershell';

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** POSIX single quotes cannot be escaped inside; close, add an escaped quote, reopen. */
const posixQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
/** Inside fish single quotes only `\\` and `\'` are escapes. */
const fishQuote = (value: string) => `'${value.replace(/[\\']/g, (c) => '\\' + c)}'`;
/** PowerShell doubles a quote to escape it, and treats the typographic single quotes as quotes too. */
const powershellQuote = (value: string) => `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (c) => c + c)}'`;

/**
 * Variables a user's shell may already hold, which `threadtap env` extends instead of replacing: their own
 * NODE_OPTIONS flags and NO_PROXY hosts stay, ours are added after the separator.
 */
export const APPENDED_VARIABLES: Record<string, string> = { NODE_OPTIONS: ' ', NO_PROXY: ',', no_proxy: ',' };

function formatAppend(name: string, value: string, separator: string, shell: EnvShell): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `export ${name}="\${${name}:+\$${name}${separator}}"${posixQuote(value)}`;
    case 'fish':
      return `set -gx ${name} (string join -- ${fishQuote(separator)} $${name} ${fishQuote(value)})`;
    case 'powershell':
      return `$env:${name} = (@($env:${name}, ${powershellQuote(value)}) | Where-Object { $_ }) -join ${powershellQuote(separator)}`;
    default: {
      const unknown: never = shell;
      throw new Error(`unknown shell ${String(unknown)}`);
    }
  }
}

function formatLine(name: string, value: string, shell: EnvShell, separator?: string): string {
  if (separator !== undefined) return formatAppend(name, value, separator, shell);
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `export ${name}=${posixQuote(value)}`;
    case 'fish':
      return `set -gx ${name} ${fishQuote(value)}`;
    case 'powershell':
      return `$env:${name} = ${powershellQuote(value)}`;
    default: {
      const unknown: never = shell;
      throw new Error(`unknown shell ${String(unknown)}`);
    }
  }
}

/**
 * One line per variable, in the order given. Names a shell cannot assign are skipped rather than mangled. Names in
 * `append` (name -> separator) add to what the shell already has instead of replacing it.
 */
export function formatEnvLines(env: Record<string, string>, shell: EnvShell, append: Record<string, string> = {}): string {
  return Object.entries(env)
    .filter(([name]) => VALID_NAME.test(name))
    .map(([name, value]) => formatLine(name, value, shell, Object.hasOwn(append, name) ? append[name] : undefined))
    .join('\n');
}
