// Small helpers for the `HOST[:PORT]` strings that CONNECT lines, Host headers and CLI options carry.

export interface HostPort {
  hostname: string;
  port?: number;
}

export function parseHostPort(value: string): HostPort {
  const text = value.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { hostname: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const parts = text.split(':');
  if (parts.length === 2 && /^\d+$/.test(parts[1])) return { hostname: parts[0], port: Number(parts[1]) };
  return { hostname: text };
}

const LOOPBACK_NAMES = new Set(['localhost', '0.0.0.0', '::1', '::', '0:0:0:0:0:0:0:1', 'localhost.localdomain']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return LOOPBACK_NAMES.has(host) || /^127\./.test(host) || /^::ffff:127\./.test(host) || host.endsWith('.localhost');
}

/** The host as it goes into a URL a local client can use: a wildcard bind is reached on loopback, IPv6 is bracketed. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
