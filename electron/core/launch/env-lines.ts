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

function formatLine(name: string, value: string, shell: EnvShell): string {
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

/** One line per variable, in the order given. Names a shell cannot assign are skipped rather than mangled. */
export function formatEnvLines(env: Record<string, string>, shell: EnvShell): string {
  return Object.entries(env)
    .filter(([name]) => VALID_NAME.test(name))
    .map(([name, value]) => formatLine(name, value, shell))
    .join('\n');
}
