// The API's route table: method and path pattern onto a service method. Handlers return data (sent as JSON) or a
// file; errors are thrown as ThreadtapError and turned into {error:{code,message}} in one place (ui-server).

import type { Writable } from 'node:stream';
import { API_PATHS, paramsToListQuery } from '../../../shared/api-contract';
import type { ApiService } from './api-service';

/** A file's body is its text, or a writer that streams it into the response (exports of any size). */
export type RouteResult = { kind: 'json'; body: unknown } | { kind: 'file'; body: string | ((out: Writable) => Promise<void>); contentType: string; fileName: string };

export interface Route {
  method: 'GET';
  pattern: RegExp;
  handle(params: string[], url: URL): RouteResult | Promise<RouteResult>;
}

const json = async (body: unknown | Promise<unknown>): Promise<RouteResult> => ({ kind: 'json', body: await body });

export function apiRoutes(service: ApiService, caCertPem: string): Route[] {
  return [
    { method: 'GET', pattern: /^\/api\/health$/, handle: () => json(service.health()) },
    { method: 'GET', pattern: /^\/api\/setup$/, handle: () => json(service.setup()) },
    { method: 'GET', pattern: /^\/api\/settings$/, handle: () => json(service.settings()) },
    {
      method: 'GET',
      pattern: /^\/api\/ca\.pem$/,
      handle: () => ({ kind: 'file', body: caCertPem, contentType: 'application/x-pem-file', fileName: 'threadtap-ca.pem' }),
    },
    { method: 'GET', pattern: /^\/api\/sessions$/, handle: (_params, url) => json(service.listSessions(paramsToListQuery(url.searchParams))) },
    { method: 'GET', pattern: /^\/api\/sessions\/([^/]+)$/, handle: ([id]) => json(service.session(id)) },
    { method: 'GET', pattern: /^\/api\/sessions\/([^/]+)\/flow$/, handle: ([id]) => json(service.flow(id)) },
    {
      method: 'GET',
      pattern: /^\/api\/interactions$/,
      handle: (_params, url) => json(service.interactions(Math.max(1, Number(url.searchParams.get('limit')) || 200))),
    },
    { method: 'GET', pattern: /^\/api\/interactions\/([^/]+)$/, handle: ([id]) => json(service.interaction(id)) },
    { method: 'GET', pattern: /^\/api\/export$/, handle: (_params, url) => service.exportFile(url.searchParams) },
  ];
}

/** Kept beside the table so a renamed path in shared/ shows up here at review time. */
export const LIVE_PATH = API_PATHS.live;
