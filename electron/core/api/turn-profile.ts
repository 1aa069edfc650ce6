// The fields of a TurnMeta that repeat from call to call (method, URL, provider, model, state, status, stop reason,
// cost source...): kept once per distinct combination and shared by every interaction that has it.

import type { TurnMeta } from './turn-view';

export type Profile = Pick<
  TurnMeta,
  'kind' | 'method' | 'url' | 'state' | 'status' | 'provider' | 'api' | 'endpoint' | 'model' | 'client' | 'toolCount' | 'stopReason' | 'rawStopReason' | 'notes'
> & { costSource?: string };

const PROFILE_KEYS = ['kind', 'method', 'url', 'state', 'status', 'provider', 'api', 'endpoint', 'model', 'client', 'toolCount', 'stopReason', 'rawStopReason', 'notes', 'costSource'] as const;

/** A bounded table of shared values: past `capacity` distinct keys a value is kept unshared rather than growing it. */
function createSharing<T>(capacity = 10_000): (key: string, make: () => T) => T {
  const table = new Map<string, T>();
  return (key, make) => {
    const known = table.get(key);
    if (known !== undefined) return known;
    const value = make();
    if (table.size < capacity) table.set(key, value);
    return value;
  };
}

export function createProfileSharing(): (profile: Profile) => Profile {
  const profiles = createSharing<Profile>();
  return (profile) => {
    const key = JSON.stringify(PROFILE_KEYS.map((k) => profile[k]));
    // Rebuilt from its key: a string kept per interaction must not be a slice of that interaction's body (ownCopy).
    return profiles(key, () => JSON.parse(JSON.stringify(profile)) as Profile);
  };
}

export function profileOf(meta: TurnMeta): Profile {
  return {
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
  };
}
