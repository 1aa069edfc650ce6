import { describe, expect, it } from 'vitest';
import { harHeaders } from '../../../electron/core/import/har-headers';

describe('HAR headers', () => {
  it('drops header values no HAR writer produces instead of throwing on them', () => {
    const odd = { toString: {} };
    expect(harHeaders([{ name: 'Content-Type', value: odd }, { name: 'X-Count', value: 3 }, { name: 'Accept', value: 'text/plain' }])).toEqual({
      'x-count': '3',
      accept: 'text/plain',
    });
  });

  it('takes header names that are also Object.prototype properties as plain names', () => {
    // Found by the HAR fuzzer: `collected[name] ??= []` met the inherited `constructor` and `__proto__`.
    const headers = harHeaders([{ name: 'Constructor', value: 'a' }, { name: '__proto__', value: 'b' }, { name: 'toString', value: 'c' }]);
    expect(headers.constructor).toBe('a');
    expect(headers.tostring).toBe('c');
  });
});
