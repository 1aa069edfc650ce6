// A history canonicalized whole (no kept history it repeats: an edited or re-windowed history, a session the history
// cache forgot) holds long texts seen before (file contents, command output). Normalizing costs far more than
// hashing the raw text, so their identities are remembered here by a digest of the raw text, never by the text
// itself: a long text seen before costs one native hash. The memo forgets the least recently used entries past its
// bound; forgetting only costs a recomputation, so results never depend on what it holds.

import { hash } from 'node:crypto';
import type { Hash } from './hash128';

/** Shorter texts are cheaper to normalize than to look up. */
export const MEMO_MIN_LENGTH = 256;
const MAX_ENTRIES = 100_000;

export class IdentityMemo {
  private readonly entries = new Map<string, Hash>();

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  private get(key: string, compute: () => Hash): Hash {
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Re-inserted so the Map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** `compute(text)` for a short text; for a long one, remembered by the digest of the raw text. */
  forText(text: string, compute: (text: string) => Hash): Hash {
    if (text.length < MEMO_MIN_LENGTH) return compute(text);
    // Native SHA-1 reads long texts several times faster than the JS digest; node:crypto is computation, not I/O.
    return this.get(hash('sha1', text, 'base64'), () => compute(text));
  }

  get size(): number {
    return this.entries.size;
  }
}
