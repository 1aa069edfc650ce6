// The typed client for the engine's HTTP API. Same origin as the page; the token travels as the HttpOnly cookie the
// engine set when the UI URL (with ?token=) was first opened, so no secret lives in the page's script.

import { flowPath, type FlowData } from '../../../shared/flow-data';
import { API_PATHS, listQueryToParams, type ApiErrorBody, type InteractionDetail, type SessionDetail, type SessionListQuery, type SessionListResponse, type SettingsInfo, type SetupInfo } from '../../../shared/api-contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(res.status, body?.error.code ?? 'http', body?.error.message ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

export const apiClient = {
  sessionsUrl: (query: SessionListQuery) => `${API_PATHS.sessions}?${listQueryToParams(query)}`,
  sessions: (query: SessionListQuery, signal?: AbortSignal) => getJson<SessionListResponse>(apiClient.sessionsUrl(query), signal),
  session: (id: string, signal?: AbortSignal) => getJson<SessionDetail>(API_PATHS.session(id), signal),
  flow: (sessionId: string, signal?: AbortSignal) => getJson<FlowData>(flowPath(sessionId), signal),
  interaction: (id: string, signal?: AbortSignal) => getJson<InteractionDetail>(API_PATHS.interaction(id), signal),
  setup: () => getJson<SetupInfo>(API_PATHS.setup),
  settings: () => getJson<SettingsInfo>(API_PATHS.settings),
  caPemUrl: API_PATHS.caPem,
  liveUrl: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${API_PATHS.live}`,
};

export type ApiClient = typeof apiClient;
