// Columns that hold one value per catalogued interaction grow as interactions arrive.

type Column = Int32Array | Float64Array | Uint8Array;

/**
 * `array` if it already has `length` elements, else a copy a quarter longer: still amortized, and what is reserved
 * and unused stays under a fifth of a column where doubling would leave up to half of it.
 */
export function grown<T extends Column>(array: T, length: number): T {
  if (array.length >= length) return array;
  const next = new (array.constructor as new (size: number) => T)(Math.max(length, Math.ceil(array.length * 1.25)));
  next.set(array);
  return next;
}
