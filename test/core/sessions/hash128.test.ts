import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../electron/core/sessions';
import { hashJson } from '../../../electron/core/sessions/content-hash';
import { Hasher, hashText } from '../../../electron/core/sessions/hash128';
import { isNormalized } from '../../../electron/core/sessions/is-normalized';

const digestOf = (...strings: string[]) => strings.reduce((hasher, s) => hasher.string(s), new Hasher()).digest();
const jsonDigest = (value: unknown) => hashJson(new Hasher(), value).digest();

/** The serialization identity used to be: keys sorted, strings holding a JSON object or array parsed. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'string' && /^\s*[[{]/.test(item)) {
      try {
        return JSON.parse(item.trim());
      } catch {
        return item;
      }
    }
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const record = item as Record<string, unknown>;
      return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
    }
    return item;
  });
}

describe('identity digests', () => {
  it('tells apart sequences that concatenate to the same text', () => {
    expect(digestOf('ab', 'c')).not.toBe(digestOf('a', 'bc'));
    expect(digestOf('abc')).not.toBe(digestOf('abc', ''));
    expect(hashText('')).not.toBe(hashText('\u0000'));
  });

  it('tells apart long texts that differ anywhere, and a long text from its own SHA-1', () => {
    const long = 'file contents\n'.repeat(200);
    const edited = `${long.slice(0, 1500)}X${long.slice(1501)}`;
    expect(hashText(edited)).not.toBe(hashText(long));
    expect(hashText(long)).toBe(hashText(`${long}`));
    expect(hashText(long)).not.toBe(hashText(createHash('sha1').update(long).digest('base64')));
  });

  it('gives distinct 16-character digests for distinct texts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 2, maxLength: 50 }), (texts) => {
        const digests = texts.map(hashText);
        expect(new Set(digests).size).toBe(texts.length);
        for (const digest of digests) expect(digest).toMatch(/^[\u0000-\u00ff]{16}$/);
      }),
    );
  });

  it('compares JSON values as their canonical JSON would: key order and JSON-in-strings ignored', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(jsonDigest(a) === jsonDigest(b)).toBe(canonical(a) === canonical(b));
        if (a !== null && typeof a === 'object') expect(jsonDigest(JSON.stringify(a, null, 1))).toBe(jsonDigest(a));
      }),
    );
    expect(jsonDigest({ b: [1, { d: 2, c: 'x' }], a: null })).toBe(jsonDigest('{"a":null,"b":[1,{"c":"x","d":2}]}'));
    expect(jsonDigest({ a: 1, b: undefined })).toBe(jsonDigest({ a: 1 }));
  });
});

describe('normal form check', () => {
  it('accepts exactly the texts normalization leaves unchanged', () => {
    const pieces = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\ufeff', 'a', 'é', '日本', '<', '<system-reminder>', 'x</system-reminder>');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const slow = text.replace(/<system-reminder>[\s\S]*?<\/system-reminder>/g, ' ').replace(/\s+/g, ' ').trim();
        expect(normalizeText(text)).toBe(slow);
        if (isNormalized(text)) expect(slow).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
