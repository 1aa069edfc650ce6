// A string kept per interaction must hold only its own characters.

/**
 * A string that holds only its own characters. V8 may return a piece of a larger string (a slice of a parsed
 * request body, a chain of concatenations) as a view that keeps the whole of it alive; a string kept per
 * interaction must not keep that interaction's body.
 */
export function ownCopy(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}
