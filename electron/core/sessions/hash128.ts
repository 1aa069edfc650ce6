// The digest every reconstruction identity is made of: MurmurHash3 (x86, 128-bit) over UTF-16 code units, in plain
// JS. A history holds thousands of short units; a native digest costs ~0.5 µs per call before it reads a byte, this
// one costs a few ns per character and nothing per call. Long strings (tool descriptions, file contents) go through
// native SHA-1 first, which reads them several times faster and needs no JIT warm-up. 128 bits keep accidental
// collisions out of the picture; identities are never persisted or exposed, and nobody gains anything by forging one
// (the worst a forged collision does is misplace the forger's own request).

import { hash } from 'node:crypto';

export type Hash = string;

const LONG = 1024;

const C1 = 0x239b961b;
const C2 = 0xab0e9789 | 0;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93 | 0;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A running digest. Every `string` is followed by its length, so a sequence of appends is read back unambiguously. */
export class Hasher {
  private h1: number;
  private h2: number;
  private h3: number;
  private h4: number;
  private k1 = 0;
  private k2 = 0;
  private k3 = 0;
  private k4 = 0;
  private fill = 0;
  private words = 0;

  constructor(seed = 0) {
    this.h1 = this.h2 = this.h3 = this.h4 = seed | 0;
  }

  /** Appends one 32-bit word (a tag, a count). */
  word(w: number): this {
    switch (this.fill) {
      case 0:
        this.k1 = w | 0;
        break;
      case 1:
        this.k2 = w | 0;
        break;
      case 2:
        this.k3 = w | 0;
        break;
      default:
        this.block(this.k1, this.k2, this.k3, w | 0);
        this.fill = 0;
        return this;
    }
    this.fill++;
    return this;
  }

  /** Appends a string; a long one by its SHA-1, told apart from a short string by the length that follows. */
  string(s: string): this {
    return s.length < LONG ? this.chars(s) : this.chars(hash('sha1', s, 'base64')).word(s.length);
  }

  private chars(s: string): this {
    const n = s.length;
    let i = 0;
    for (; this.fill !== 0 && i + 1 < n; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (this.fill === 0) {
      for (; i + 8 <= n; i += 8) {
        this.block(
          s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16),
          s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16),
          s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 16),
          s.charCodeAt(i + 6) | (s.charCodeAt(i + 7) << 16),
        );
      }
    }
    for (; i + 1 < n; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.word(s.charCodeAt(i));
    return this.word(n);
  }

  /** 16 one-byte characters: short Map keys, and safe to hash again as UTF-8 or UTF-16. */
  digest(): Hash {
    let { h1, h2, h3, h4 } = this;
    if (this.fill > 0) {
      h1 ^= Math.imul(rotl(Math.imul(this.k1, C1), 15), C2);
      if (this.fill > 1) h2 ^= Math.imul(rotl(Math.imul(this.k2, C2), 16), C3);
      if (this.fill > 2) h3 ^= Math.imul(rotl(Math.imul(this.k3, C3), 17), C4);
    }
    const length = this.words + this.fill;
    h1 ^= length;
    h2 ^= length;
    h3 ^= length;
    h4 ^= length;
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h3 = fmix(h3);
    h4 = fmix(h4);
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    return String.fromCharCode(
      h1 >>> 24, (h1 >>> 16) & 255, (h1 >>> 8) & 255, h1 & 255,
      h2 >>> 24, (h2 >>> 16) & 255, (h2 >>> 8) & 255, h2 & 255,
      h3 >>> 24, (h3 >>> 16) & 255, (h3 >>> 8) & 255, h3 & 255,
      h4 >>> 24, (h4 >>> 16) & 255, (h4 >>> 8) & 255, h4 & 255,
    );
  }

  private block(k1: number, k2: number, k3: number, k4: number): void {
    this.words += 4;
    let { h1, h2, h3, h4 } = this;
    h1 ^= Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
  }
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

export function hashText(text: string): Hash {
  return new Hasher().string(text).digest();
}
