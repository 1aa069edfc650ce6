// Decides which CONNECT targets are decrypted. Default: LLM API hosts, plus `--intercept` entries and mapped hosts.

import { isDefaultLlmHost } from './llm-hosts';
import { parseHostPort } from './host-port';

export type InterceptPolicy = (hostname: string, port: number) => boolean;

export function createInterceptPolicy(options: { intercept?: string[]; interceptAll?: boolean; extraHosts?: string[] }): InterceptPolicy {
  if (options.interceptAll) return () => true;
  const rules = [...(options.intercept ?? []), ...(options.extraHosts ?? [])].map(parseHostPort);
  return (hostname, port) => {
    const host = hostname.toLowerCase();
    if (isDefaultLlmHost(host)) return true;
    return rules.some((rule) => matchesHost(rule.hostname, host) && (rule.port === undefined || rule.port === port));
  };
}

/** `*.example.com` matches subdomains; a plain name matches itself. */
function matchesHost(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}
