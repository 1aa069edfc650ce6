// The environment that makes a child's HTTP clients use the proxy and trust its CA (ARCHITECTURE §6).

import { fileURLToPath } from 'node:url';
import { writeTrustFiles } from './ca-bundle';

/**
 * Variables that name a CA bundle file which REPLACES the tool's trust store, so they get system roots + our CA.
 * ALL_PROXY is deliberately not set: it also covers non-HTTP protocols (curl's ftp, SOCKS-only tools) that an HTTP
 * proxy cannot serve, and it would shadow a SOCKS proxy the user set on purpose.
 */
export const BUNDLE_VARIABLES = [
  'SSL_CERT_FILE', // OpenSSL users: Python ssl, Ruby, PHP, Go on Linux, rustls-native-certs (Codex and other Rust CLIs)
  'REQUESTS_CA_BUNDLE', // Python requests
  'CURL_CA_BUNDLE', // curl, and requests' fallback
  'PIP_CERT', // pip
  'HTTPLIB2_CA_CERTS', // httplib2 (older Google API clients)
  'GRPC_DEFAULT_SSL_ROOTS_FILE_PATH', // gRPC
  'AWS_CA_BUNDLE', // AWS CLI and SDKs (Bedrock)
  'GIT_SSL_CAINFO', // git
  'CARGO_HTTP_CAINFO', // cargo
  'DENO_CERT', // Deno
  'PERL_LWP_SSL_CA_FILE', // Perl LWP
] as const;

export const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'] as const;

/** Loopback stays direct: local servers (and Threadtap's own UI) must not loop through the proxy. */
export const LOOPBACK_NO_PROXY = ['localhost', '127.0.0.1', '::1'];

/** The preload that routes Node's built-in fetch through the proxy (see the file for why and how). */
export function defaultPreloadPath(): string {
  return fileURLToPath(new URL('./fetch-proxy-preload.cjs', import.meta.url));
}

/** Existing NO_PROXY entries (either spelling) plus loopback, without duplicates, in a stable order. */
export function mergeNoProxy(...values: (string | undefined)[]): string {
  const entries = values.flatMap((value) => (value ?? '').split(/[\s,]+/)).filter(Boolean);
  return [...new Set([...entries, ...LOOPBACK_NO_PROXY])].join(',');
}

/**
 * Appends `--require "<path>"` to NODE_OPTIONS. Node splits NODE_OPTIONS on spaces except inside double quotes,
 * where a backslash escapes the next character, so the path is always quoted with `\` and `"` escaped: paths with
 * spaces and Windows paths survive. An existing require of the same file is not added twice.
 */
export function nodeOptionsWithRequire(existing: string | undefined, preloadPath: string): string {
  const flag = `--require "${preloadPath.replace(/[\\"]/g, (c) => '\\' + c)}"`;
  const current = (existing ?? '').trim();
  if (current.includes(flag)) return current;
  return current ? `${current} ${flag}` : flag;
}

export interface RunEnvOptions {
  proxyUrl: string;
  caCertPath: string;
  /** Where the CA bundle files are written. */
  dataDir: string;
  /** The environment to extend; `{}` gives only Threadtap's own variables (for `threadtap env`). */
  baseEnv: NodeJS.ProcessEnv;
  /** Override for bundled builds where the preload is not next to this module. */
  preloadPath?: string;
  /** For tests: where to look for the system roots. */
  systemBundleCandidates?: readonly string[];
}

/** The full child environment. Writes the CA bundle files into `dataDir`. Applying it twice changes nothing. */
export async function buildRunEnv(options: RunEnvOptions): Promise<Record<string, string>> {
  const base = options.baseEnv;
  const trust = await writeTrustFiles({
    dataDir: options.dataDir,
    caCertPath: options.caCertPath,
    userBundles: BUNDLE_VARIABLES.map((name) => base[name]).filter((path): path is string => Boolean(path)),
    userNodeExtra: base.NODE_EXTRA_CA_CERTS || undefined,
    systemCandidates: options.systemBundleCandidates,
  });

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined) env[name] = value;
  for (const name of PROXY_VARIABLES) env[name] = options.proxyUrl;
  const noProxy = mergeNoProxy(base.NO_PROXY, base.no_proxy);
  env.NO_PROXY = noProxy;
  env.no_proxy = noProxy;
  env.NODE_EXTRA_CA_CERTS = trust.nodeExtraPath;
  for (const name of BUNDLE_VARIABLES) env[name] = trust.bundlePath;
  // Node >= 22.21 / 24.5 then routes fetch and http(s) through the proxy natively; older Nodes use the preload.
  env.NODE_USE_ENV_PROXY = '1';
  env.NODE_OPTIONS = nodeOptionsWithRequire(base.NODE_OPTIONS, options.preloadPath ?? defaultPreloadPath());
  // Lets the preload (and curious scripts) know they run under Threadtap, and which proxy that is.
  env.THREADTAP_PROXY_URL = options.proxyUrl;
  return env;
}
