// How the session catalog keeps a TurnMeta: one small fixed-shape object per interaction instead of a full TurnMeta
// plus its history mark. The fields that repeat from call to call (method, URL, provider, model, state, status,
// stop reason, cost source...) live in a shared profile, interned; times after the start are kept as offsets, which
// fit V8's small integers where epoch times need a heap number each. A TurnMeta is rebuilt when asked for.

import type { ExchangeError } from '../../../shared/exchange';
import type { Usage } from '../../../shared/normalized';
import type { HistoryMark } from '../../../shared/turn-delta';
import { ownCopy } from './own-copy';
import type { TurnMeta } from './turn-view';

/** The fields of a TurnMeta that most interactions share with many others. */
type Profile = Pick<
  TurnMeta,
  'kind' | 'method' | 'url' | 'state' | 'status' | 'provider' | 'api' | 'endpoint' | 'model' | 'client' | 'toolCount' | 'stopReason' | 'rawStopReason' | 'notes'
> & { costSource?: string };

const PROFILE_KEYS = ['kind', 'method', 'url', 'state', 'status', 'provider', 'api', 'endpoint', 'model', 'client', 'toolCount', 'stopReason', 'rawStopReason', 'notes', 'costSource'] as const;

/** Rare or unique parts, kept only by the interactions that have them. */
interface Extras {
  link?: TurnMeta['link'];
  error?: ExchangeError;
  responseError?: TurnMeta['responseError'];
}

export class StoredTurn {
  constructor(
    readonly id: string,
    public sessionId: string,
    public parentId: string | null,
    public profile: Profile,
    public extras: Extras | undefined,
    readonly startedAt: number,
    readonly headersIn: number | undefined,
    readonly firstByteIn: number | undefined,
    readonly endedIn: number | undefined,
    readonly newFrom: number,
    readonly requestMessageCount: number,
    readonly outputCount: number,
    readonly usage: Usage,
    readonly costUsd: number | undefined,
    readonly tailKey: string,
    readonly requestTailKey: string,
  ) {}

  get endedAt(): number | undefined {
    return this.endedIn === undefined ? undefined : this.startedAt + this.endedIn;
  }

  get mark(): HistoryMark {
    return { length: this.requestMessageCount + this.outputCount, tailFingerprint: this.tailKey, requestLength: this.requestMessageCount, requestTailFingerprint: this.requestTailKey };
  }

  meta(): TurnMeta {
    const { costSource, ...shared } = this.profile;
    const e = this.extras;
    const at = (offset: number | undefined) => (offset === undefined ? undefined : this.startedAt + offset);
    return {
      id: this.id,
      sessionId: this.sessionId,
      parentId: this.parentId,
      ...(e?.link ? { link: e.link } : {}),
      ...shared,
      notes: [...shared.notes],
      error: e?.error,
      startedAt: this.startedAt,
      headersAt: at(this.headersIn),
      firstByteAt: at(this.firstByteIn),
      endedAt: at(this.endedIn),
      newFrom: this.newFrom,
      requestMessageCount: this.requestMessageCount,
      usage: { ...this.usage },
      cost: this.costUsd === undefined ? null : { usd: this.costUsd, source: costSource! },
      responseError: e?.responseError,
    };
  }
}

/** A bounded table of shared values: past `capacity` distinct keys a value is kept unshared rather than growing it. */
export function createSharing<T>(capacity = 10_000): (key: string, make: () => T) => T {
  const table = new Map<string, T>();
  return (key, make) => {
    const known = table.get(key);
    if (known !== undefined) return known;
    const value = make();
    if (table.size < capacity) table.set(key, value);
    return value;
  };
}

export interface TurnPacker {
  pack(meta: TurnMeta, mark: HistoryMark, outputCount: number): StoredTurn;
  /** The same turn in another state (a stream that started), sharing what it can. */
  withState(turn: StoredTurn, state: TurnMeta['state']): void;
}

export function createTurnPacker(): TurnPacker {
  const profiles = createSharing<Profile>();
  const usages = createSharing<Usage>();
  const shareProfile = (profile: Profile): Profile => {
    const key = JSON.stringify(PROFILE_KEYS.map((k) => profile[k]));
    // Rebuilt from its key: a string kept per interaction must not be a slice of that interaction's body (ownCopy).
    return profiles(key, () => JSON.parse(JSON.stringify(profile)) as Profile);
  };
  const offset = (from: number, at: number | undefined) => (at === undefined ? undefined : at - from);
  return {
    pack(meta, mark, outputCount) {
      const profile = shareProfile({
        kind: meta.kind,
        method: meta.method,
        url: meta.url,
        state: meta.state,
        status: meta.status,
        provider: meta.provider,
        api: meta.api,
        endpoint: meta.endpoint,
        model: meta.model,
        client: meta.client,
        toolCount: meta.toolCount,
        stopReason: meta.stopReason,
        rawStopReason: meta.rawStopReason,
        notes: meta.notes,
        costSource: meta.cost?.source,
      });
      const extras: Extras | undefined =
        meta.link || meta.error || meta.responseError
          ? JSON.parse(JSON.stringify({ link: meta.link, error: meta.error, responseError: meta.responseError }))
          : undefined;
      const usage = usages(JSON.stringify(meta.usage), () => ({ ...meta.usage }));
      return new StoredTurn(
        meta.id,
        meta.sessionId,
        meta.parentId,
        profile,
        extras,
        meta.startedAt,
        offset(meta.startedAt, meta.headersAt),
        offset(meta.startedAt, meta.firstByteAt),
        offset(meta.startedAt, meta.endedAt),
        meta.newFrom,
        meta.requestMessageCount,
        outputCount,
        usage,
        meta.cost?.usd,
        ownCopy(mark.tailFingerprint),
        ownCopy(mark.requestTailFingerprint),
      );
    },
    withState(turn, state) {
      if (turn.profile.state !== state) turn.profile = shareProfile({ ...turn.profile, state });
    },
  };
}
