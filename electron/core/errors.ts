// Errors carry a code and a human message; the CLI and the API map codes to exit codes and HTTP statuses.

export type ErrorCode =
  | 'bad-option'
  | 'bad-input'
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'upstream-failed'
  | 'store-failed'
  | 'internal';

export class ThreadtapError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ThreadtapError';
  }
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  'bad-option': 400,
  'bad-input': 400,
  'not-found': 404,
  unauthorized: 401,
  forbidden: 403,
  'upstream-failed': 502,
  'store-failed': 500,
  internal: 500,
};

export function isErrorCode(code: string | undefined): code is ErrorCode {
  return code !== undefined && Object.hasOwn(HTTP_STATUS, code);
}

const EXIT_CODE: Record<ErrorCode, number> = {
  'bad-option': 2,
  'bad-input': 65,
  'not-found': 66,
  unauthorized: 77,
  forbidden: 77,
  'upstream-failed': 69,
  'store-failed': 74,
  internal: 70,
};

export function httpStatusFor(error: unknown): number {
  return error instanceof ThreadtapError ? HTTP_STATUS[error.code] : 500;
}

export function exitCodeFor(error: unknown): number {
  return error instanceof ThreadtapError ? EXIT_CODE[error.code] : 1;
}
