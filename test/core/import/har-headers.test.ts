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
});
