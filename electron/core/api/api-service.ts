// What the API can answer, independent of HTTP: the route table maps requests onto these methods. Dependencies come
// in through the constructor function (HTTP Toolkit's ApiModel shape).

import type { InteractionDetail, SessionDetail, SessionListQuery, SessionListResponse, SettingsInfo, SetupInfo } from '../../../shared/api-contract';
import type { InteractionRecord } from '../../../shared/interaction';
import type { CaptureStore } from '../store/capture-store';
import { ThreadtapError } from '../errors';
import { curlCommand } from './curl-command';
import { exportFile } from './export-file';
import { flowOf } from './flow-service';
import type { LiveFeed } from './live-feed';
import type { SessionCatalog } from './session-catalog';
import { querySessions } from './session-query';
import { loadTurns } from './turn-loader';
import { contentOf, turnView } from './turn-view';

export interface ApiServiceDeps {
  catalog: SessionCatalog;
  feed: LiveFeed;
  store: CaptureStore;
  inFlight(): InteractionRecord[];
  /** Finished calls not in the store yet. */
  behind(): number;
  setup(): Promise<Omit<SetupInfo, 'sessions' | 'inFlight' | 'captureBehind' | 'store'>>;
  settings(): SettingsInfo;
}

export function createApiService(deps: ApiServiceDeps) {
  return {
    listSessions(query: SessionListQuery): Promise<SessionListResponse> {
      return querySessions(deps, query, deps.feed.seq());
    },
    // The catalog is read at `seq`; the turns' content is read from the store after it, and a live event numbered
    // later only repeats what that content may already show.
    async session(id: string): Promise<SessionDetail> {
      if (!deps.catalog.hasSession(id)) throw new ThreadtapError('not-found', `No session ${id}`);
      const seq = deps.feed.seq();
      const session = deps.catalog.row(id);
      const turns = await loadTurns(deps, deps.catalog.sessionTurns(id));
      return { seq, session, turns };
    },
    /** A run's waterfall data: the session's root and every linked session, with all their calls' timings. */
    flow(id: string) {
      return flowOf(deps, id, deps.feed.seq());
    },
    async interaction(id: string): Promise<InteractionDetail> {
      const seq = deps.feed.seq();
      const meta = deps.catalog.turn(id);
      const record = deps.inFlight().find((r) => r.id === id) ?? (await deps.store.getInteraction(id));
      if (!record || !meta) throw new ThreadtapError('not-found', `No interaction ${id}`);
      const content = contentOf(record, meta.newFrom);
      const streamedText = deps.catalog.streamedText(id);
      const turn = turnView(meta, streamedText !== undefined ? { ...content, streamedText } : content);
      return { seq, record, turn, curl: curlCommand(record.exchange) };
    },
    async setup(): Promise<SetupInfo> {
      const health = deps.store.health();
      return {
        ...(await deps.setup()),
        inFlight: deps.inFlight().length,
        captureBehind: deps.behind(),
        sessions: deps.catalog.rootIds().length,
        store: { writable: health.writable, ...(health.warning ? { warning: health.warning } : {}) },
      };
    },
    settings: (): SettingsInfo => deps.settings(),
    /** The raw records, newest `limit` (kept from the first API for scripts; the UI uses sessions). */
    async interactions(limit: number) {
      return { interactions: await deps.store.listInteractions({ limit }) };
    },
    health: () => ({ ok: true, store: deps.store.health(), seq: deps.feed.seq() }),
    /** A session, a selection or one turn as an export file (the same writers as `threadtap export`). */
    exportFile: (params: URLSearchParams) => exportFile(deps.store, params),
  };
}

export type ApiService = ReturnType<typeof createApiService>;
