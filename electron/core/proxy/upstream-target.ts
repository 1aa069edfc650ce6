// Where a request really goes: base-URL routes and map-remote rules both rewrite it into one of these.

import { ThreadtapError } from '../errors';
import { parseHostPort } from './host-port';

export interface UpstreamTarget {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** Prepended to the request path (map-remote to `https://host/prefix`). */
  pathPrefix: string;
}

export function targetFromUrl(url: string): UpstreamTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ThreadtapError('bad-option', `"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ThreadtapError('bad-option', `"${url}" must be an http:// or https:// URL`);
  }
  return {
    protocol: parsed.protocol,
    hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80,
    pathPrefix: parsed.pathname.replace(/\/+$/, ''),
  };
}

export function targetUrl(target: UpstreamTarget, path: string): string {
  const defaultPort = target.protocol === 'https:' ? 443 : 80;
  const host = target.hostname.includes(':') ? `[${target.hostname}]` : target.hostname;
  return `${target.protocol}//${host}${target.port === defaultPort ? '' : `:${target.port}`}${target.pathPrefix}${path}`;
}

export interface MapRule {
  from: { hostname: string; port?: number };
  to: UpstreamTarget;
}

/** `HOST[:PORT]=URL`, as given to `--map`. */
export function parseMapRule(text: string): MapRule {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new ThreadtapError('bad-option', `--map "${text}" must look like HOST[:PORT]=URL`);
  return { from: parseHostPort(text.slice(0, eq)), to: targetFromUrl(text.slice(eq + 1).trim()) };
}

export function applyMapRules(rules: MapRule[], target: UpstreamTarget): UpstreamTarget {
  const host = target.hostname.toLowerCase();
  const rule = rules.find((r) => r.from.hostname === host && (r.from.port === undefined || r.from.port === target.port));
  if (!rule) return target;
  return { ...rule.to, pathPrefix: rule.to.pathPrefix + target.pathPrefix };
}
