// A logger is passed in, never imported as a singleton. Messages must never contain credentials: capture redacts
// before anything is logged.

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createConsoleLogger(options: { verbose?: boolean; stream?: NodeJS.WritableStream } = {}): Logger {
  const out = options.stream ?? process.stderr;
  const write = (level: string) => (message: string) => out.write(`[threadtap] ${level}${message}\n`);
  return {
    debug: options.verbose ? write('debug: ') : () => {},
    info: write(''),
    warn: write('warning: '),
    error: write('error: '),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
