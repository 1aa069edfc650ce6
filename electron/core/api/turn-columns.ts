// How the session catalog keeps each interaction's TurnMeta: in columns indexed by the interaction's number
// (id-slots.ts) rather than an object per interaction. An object costs a header and a pointer per field, and each
// epoch time or cost in it is a heap number of its own; a column costs the value's bytes. Repeated fields stay in a
// shared profile (turn-profile.ts), token counts go to usage-columns.ts, rare fields (link, error) to a map of the
// interactions that have them; times after the start are kept as 32-bit offsets, and the history mark's 96-bit
// digests as bytes. A TurnMeta is rebuilt when asked for.

import type { ExchangeError } from '../../../shared/exchange';
import type { Usage } from '../../../shared/normalized';
import type { HistoryMark } from '../../../shared/turn-delta';
import { grown } from './grown';
import { ownCopy } from './own-copy';
import { createProfileSharing, profileOf, type Profile } from './turn-profile';
import type { TurnMeta } from './turn-view';
import { UsageColumns } from './usage-columns';

/** Rare or unique parts, kept only by the interactions that have them. */
interface Extras {
  link?: TurnMeta['link'];
  error?: ExchangeError;
  responseError?: TurnMeta['responseError'];
}

const NO_TIME = -0x80000000;
/** The time did not fit an offset: it is in `wideTimes`. */
const WIDE_TIME = -0x7fffffff;
const TIMES = 3; // headers, first byte, end
const DIGEST_BYTES = 12; // digestKey's length: 16 base64url characters
const DIGEST = /^[A-Za-z0-9_-]{16}$/;
// How each of a turn's two fingerprints is kept (two bits each): empty, as digest bytes, or as a string in `oddTails`.
const EMPTY_TAIL = 0;
const DIGEST_TAIL = 1;
const ODD_TAIL = 2;

export class TurnColumns {
  private doubles = new Float64Array(2 * 256); // startedAt, cost in USD (NaN: none)
  private times = new Int32Array(TIMES * 256); // offsets from startedAt
  private counts = new Int32Array(3 * 256); // newFrom, request messages, outputs
  private refs = new Int32Array(2 * 256); // session's number, parent's number + 1 (0: none)
  private tails = new Uint8Array(2 * DIGEST_BYTES * 256);
  private tailForms = new Uint8Array(256);
  // One entry per number, undefined for an id that has no turn (a session's or parent's only).
  private readonly profiles: (Profile | undefined)[] = [];
  private readonly usages = new UsageColumns();
  private readonly extras = new Map<number, Extras>();
  private readonly wideTimes = new Map<number, number>();
  private readonly oddTails = new Map<number, string>();
  private readonly shareProfile = createProfileSharing();

  has(slot: number): boolean {
    return this.profiles[slot] !== undefined;
  }

  put(slot: number, meta: TurnMeta, mark: HistoryMark, outputCount: number, sessionSlot: number, parentSlot: number | undefined): void {
    this.ensure(slot);
    this.profiles[slot] = this.shareProfile(profileOf(meta));
    this.usages.put(slot, meta.usage);
    if (meta.link || meta.error || meta.responseError) {
      this.extras.set(slot, JSON.parse(JSON.stringify({ link: meta.link, error: meta.error, responseError: meta.responseError })) as Extras);
    } else this.extras.delete(slot);
    this.doubles[2 * slot] = meta.startedAt;
    this.doubles[2 * slot + 1] = meta.cost?.usd ?? NaN;
    [meta.headersAt, meta.firstByteAt, meta.endedAt].forEach((at, i) => this.putTime(slot, i, meta.startedAt, at));
    this.counts.set([meta.newFrom, meta.requestMessageCount, outputCount], 3 * slot);
    this.refs[2 * slot] = sessionSlot;
    this.refs[2 * slot + 1] = parentSlot === undefined ? 0 : parentSlot + 1;
    this.tailForms[slot] = this.putTail(slot, 0, mark.tailFingerprint) | (this.putTail(slot, 1, mark.requestTailFingerprint) << 2);
  }

  /** The same turn in another state (a stream that started), sharing what it can. */
  setState(slot: number, state: TurnMeta['state']): void {
    const profile = this.profiles[slot]!;
    if (profile.state !== state) this.profiles[slot] = this.shareProfile({ ...profile, state });
  }

  profile(slot: number): Profile {
    return this.profiles[slot]!;
  }

  usage(slot: number): Usage {
    return this.usages.get(slot);
  }

  sessionSlot(slot: number): number {
    return this.refs[2 * slot];
  }

  startedAt(slot: number): number {
    return this.doubles[2 * slot];
  }

  endedAt(slot: number): number | undefined {
    return this.time(slot, 2);
  }

  costUsd(slot: number): number | undefined {
    const usd = this.doubles[2 * slot + 1];
    return Number.isNaN(usd) ? undefined : usd;
  }

  outputCount(slot: number): number {
    return this.counts[3 * slot + 2];
  }

  mark(slot: number): HistoryMark {
    const requestLength = this.counts[3 * slot + 1];
    return { length: requestLength + this.outputCount(slot), tailFingerprint: this.tail(slot, 0), requestLength, requestTailFingerprint: this.tail(slot, 1) };
  }

  meta(slot: number, idOf: (slot: number) => string): TurnMeta {
    const { costSource, ...shared } = this.profiles[slot]!;
    const e = this.extras.get(slot);
    const parent = this.refs[2 * slot + 1];
    const usd = this.costUsd(slot);
    return {
      id: idOf(slot),
      sessionId: idOf(this.sessionSlot(slot)),
      parentId: parent === 0 ? null : idOf(parent - 1),
      ...(e?.link ? { link: e.link } : {}),
      ...shared,
      notes: [...shared.notes],
      error: e?.error,
      startedAt: this.startedAt(slot),
      headersAt: this.time(slot, 0),
      firstByteAt: this.time(slot, 1),
      endedAt: this.time(slot, 2),
      newFrom: this.counts[3 * slot],
      requestMessageCount: this.counts[3 * slot + 1],
      usage: this.usage(slot),
      cost: usd === undefined ? null : { usd, source: costSource! },
      responseError: e?.responseError,
    };
  }

  private ensure(slot: number): void {
    const n = slot + 1;
    this.doubles = grown(this.doubles, 2 * n);
    this.times = grown(this.times, TIMES * n);
    this.counts = grown(this.counts, 3 * n);
    this.refs = grown(this.refs, 2 * n);
    this.tails = grown(this.tails, 2 * DIGEST_BYTES * n);
    this.tailForms = grown(this.tailForms, n);
    // Pushed, not assigned past the end: an array with a gap may turn into a slow dictionary.
    while (this.profiles.length < n) this.profiles.push(undefined);
  }

  private putTime(slot: number, which: number, startedAt: number, at: number | undefined): void {
    const key = TIMES * slot + which;
    this.wideTimes.delete(key);
    if (at === undefined) {
      this.times[key] = NO_TIME;
      return;
    }
    const offset = at - startedAt;
    if ((offset | 0) === offset && offset > WIDE_TIME && startedAt + offset === at) this.times[key] = offset;
    else {
      this.times[key] = WIDE_TIME;
      this.wideTimes.set(key, at);
    }
  }

  private time(slot: number, which: number): number | undefined {
    const key = TIMES * slot + which;
    const offset = this.times[key];
    if (offset === NO_TIME) return undefined;
    return offset === WIDE_TIME ? this.wideTimes.get(key) : this.startedAt(slot) + offset;
  }

  private putTail(slot: number, which: number, fingerprint: string): number {
    const key = 2 * slot + which;
    this.oddTails.delete(key);
    if (fingerprint === '') return EMPTY_TAIL;
    if (DIGEST.test(fingerprint)) {
      this.tails.set(Buffer.from(fingerprint, 'base64url'), key * DIGEST_BYTES);
      return DIGEST_TAIL;
    }
    this.oddTails.set(key, ownCopy(fingerprint));
    return ODD_TAIL;
  }

  private tail(slot: number, which: number): string {
    const key = 2 * slot + which;
    const form = (this.tailForms[slot] >> (2 * which)) & 3;
    if (form === EMPTY_TAIL) return '';
    if (form === ODD_TAIL) return this.oddTails.get(key)!;
    return Buffer.from(this.tails.buffer, this.tails.byteOffset + key * DIGEST_BYTES, DIGEST_BYTES).toString('base64url');
  }
}
