// The UI <-> core HTTP contract: what each snapshot route returns. Live deltas are in ui-live.ts. Every snapshot
// carries `seq`, the number of the last live event it already reflects, so a client that queued deltas during the
// fetch applies only those with a higher number (snapshot, then deltas, nothing lost or doubled between).

import type { ExchangeError, ExchangeState } from './exchange';
import type { InteractionRecord } from './interaction';
import type { Api, Message, StopReason, Usage } from './normalized';
import type { InteractionKind, Placement, SessionRelation } from './session';

export interface CostView {
  usd: number;
  /** Where the price came from, e.g. "@pydantic/genai-prices 0.1.8 (anthropic/claude-sonnet-4-5)". */
  source: string;
}

/** One row of the session list: a session and, nested, the sessions that hang off it. */
export interface SessionRow {
  id: string;
  title: string;
  parentSessionId: string | null;
  relation: SessionRelation | null;
  /** The interaction (and tool call) in the parent session that started this one. */
  viaInteractionId?: string;
  startedAt: number;
  lastActivityAt: number;
  durationMs: number;
  turns: number;
  models: string[];
  providers: string[];
  clients: string[];
  usage: Usage;
  /** Summed over the turns whose price is known; null when none is. */
  costUsd: number | null;
  inFlight: number;
  errors: number;
  children: SessionRow[];
}

export interface SessionListQuery {
  offset?: number;
  limit?: number;
  /** Text searched in the messages of every turn (case-insensitive). */
  q?: string;
  provider?: string;
  model?: string;
  client?: string;
  /** Epoch ms: sessions active at or after / before. */
  since?: number;
  until?: number;
  liveOnly?: boolean;
}

export interface SearchHit {
  sessionId: string;
  interactionId: string;
  snippet: string;
}

export interface SessionListResponse {
  seq: number;
  /** Root sessions matching the query (the list is paged over these). */
  total: number;
  offset: number;
  sessions: SessionRow[];
  /** With `q`: where the text was found, keyed by root session id. */
  hits?: Record<string, SearchHit>;
  /** Values the filters can take, over all sessions. */
  facets: { providers: string[]; models: string[]; clients: string[] };
}

/** One turn as the timeline shows it: only what is new in its request, and its answer. */
export interface TurnView {
  id: string;
  sessionId: string;
  parentId: string | null;
  kind: InteractionKind;
  link?: Placement['link'];
  method: string;
  url: string;
  state: ExchangeState;
  status?: number;
  error?: ExchangeError;
  startedAt: number;
  headersAt?: number;
  firstByteAt?: number;
  endedAt?: number;
  provider: string;
  api: Api;
  endpoint: string;
  model?: string;
  client?: string;
  /** Messages of this request that the previous turn had not already sent or received. */
  newMessages: Message[];
  /** Index in the full request history where `newMessages` begin. */
  newFrom: number;
  requestMessageCount: number;
  toolCount: number;
  outputs: Message[];
  /** Text streamed so far, while the response is still arriving. */
  streamedText?: string;
  usage: Usage;
  cost: CostView | null;
  stopReason?: StopReason;
  rawStopReason?: string;
  responseError?: { type?: string; message: string };
  notes: string[];
  /** Sessions this turn started (sub-agents from its tool calls, side calls it caused). */
  childSessions: { sessionId: string; relation: SessionRelation; toolCallId?: string; title: string }[];
}

export interface SessionDetail {
  seq: number;
  session: SessionRow;
  turns: TurnView[];
}

export interface InteractionDetail {
  seq: number;
  record: InteractionRecord;
  turn: TurnView;
  /** Copyable curl command, with credentials as stored (fingerprints, not keys). */
  curl: string;
}

export type EnvShellName = 'bash' | 'zsh' | 'fish' | 'powershell';

export interface SetupInfo {
  proxyUrl: string;
  uiOrigin: string;
  caCertPath: string;
  dataDir: string;
  inFlight: number;
  /** Calls the proxy finished that are not in the store yet (capture holds them during a burst of traffic). */
  captureBehind: number;
  sessions: number;
  store: { writable: boolean; warning?: string };
  baseUrls: { name: string; url: string; forwardsTo: string }[];
  envLines: Record<EnvShellName, string>;
}

export interface SettingsInfo {
  host: string;
  intercept: string[];
  interceptAll: boolean;
  map: string[];
  priceSource: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** The API's paths, shared so client and server cannot drift. */
export const API_PATHS = {
  sessions: '/api/sessions',
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}`,
  interaction: (id: string) => `/api/interactions/${encodeURIComponent(id)}`,
  setup: '/api/setup',
  settings: '/api/settings',
  health: '/api/health',
  caPem: '/api/ca.pem',
  live: '/api/live',
} as const;

/** `SessionListQuery` as URL search parameters (both sides use this pair). */
export function listQueryToParams(query: SessionListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  return params;
}

export function paramsToListQuery(params: URLSearchParams): SessionListQuery {
  const num = (name: string) => {
    const raw = params.get(name);
    if (raw === null || raw === '') return undefined;
    const value = Number(raw);
    return Number.isFinite(value) ? value : undefined;
  };
  const str = (name: string) => params.get(name) || undefined;
  return {
    offset: num('offset'),
    limit: num('limit'),
    q: str('q'),
    provider: str('provider'),
    model: str('model'),
    client: str('client'),
    since: num('since'),
    until: num('until'),
    liveOnly: params.get('liveOnly') === 'true' || undefined,
  };
}
