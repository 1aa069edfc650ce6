// http-mitm-proxy wiring: which CONNECTs are decrypted and which tunnelled, where each request really goes
// (base-URL routes, map-remote), and the hooks that feed capture. Capture taps the streams passively so the bytes
// and headers the client receives are exactly the upstream's.

import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { Proxy, type IContext } from 'http-mitm-proxy';
import type { LeafCertificateIssuer } from './leaf-certificates';
import type { InterceptPolicy } from './intercept-policy';
import { matchBaseUrlRoute, BASE_URL_ROUTE_NAMES } from './base-url-routes';
import { applyMapRules, targetUrl, type MapRule, type UpstreamTarget } from './upstream-target';
import { parseHostPort } from './host-port';
import { tunnel } from './tunnel';
import { createOwnAddressGuard, OWN_PORT_CODE } from './own-address-guard';
import type { Logger } from '../logger';

export interface ProxyRequestInfo {
  method: string;
  /** The URL the client meant, before map-remote. */
  url: string;
  headers: http.IncomingHttpHeaders;
  via: 'proxy' | 'base-url';
  clientAddress?: string;
  /** True for requests we decrypted or that came in through a base-URL route. */
  intercepted: boolean;
}

/** Capture's hooks into one proxied request. Returning null means the request is forwarded without capture. */
export interface ExchangeTap {
  requestChunk(chunk: Buffer): void;
  requestEnd(): void;
  responseStart(status: number, headers: http.IncomingHttpHeaders): void;
  responseChunk(chunk: Buffer): void;
  responseEnd(): void;
  clientAborted(): void;
  failed(error: { code: string; message: string }): void;
}

export interface MitmServerOptions {
  host: string;
  port: number;
  sslCaDir: string;
  issuer: LeafCertificateIssuer;
  shouldIntercept: InterceptPolicy;
  mapRules: MapRule[];
  /** Extra PEM CAs trusted for upstream TLS, on top of the system roots. */
  upstreamCaPems: string[];
  /** The ports of this Threadtap instance (proxy and UI): never a forwarding target. */
  ownPorts: () => number[];
  openTap(info: ProxyRequestInfo): ExchangeTap | null;
  /** A promise while capture is too far behind: the request is forwarded once it resolves. */
  admit?(): Promise<void> | undefined;
  logger: Logger;
}

export interface MitmServer {
  port: number;
  close(): Promise<void>;
}

type CtxWithTap = IContext & { threadtapTap?: ExchangeTap };

// Keep-Alive is hop-by-hop (RFC 9110 §7.6.1): the upstream's idle timeout is not ours to announce, and passing it on
// told clients to keep connections exactly as long as Node's default server timeout, so one could reuse a connection
// as it closed. The library builds the client's response headers in this one static method (a copy; the upstream
// response keeps its own, which Node's agent reads for its idle timeout), and calls it through the class name, so a
// subclass override would not be seen.
const buildClientHeaders = Proxy.filterAndCanonizeHeaders;
Proxy.filterAndCanonizeHeaders = (headers) => {
  const out: Record<string, unknown> = buildClientHeaders(headers);
  delete out['keep-alive'];
  return out;
};

/** http-mitm-proxy prints every error and answers failures with a 504 and the error text appended to the body;
 * we answer with a clear 502 before headers and cut the connection after, like the upstream did. */
class QuietProxy extends Proxy {
  logger?: Logger;
  // The servers behind each intercepted host, where a client's decrypted requests arrive.
  override _createHttpsServer(...args: Parameters<Proxy['_createHttpsServer']>): void {
    const [options, callback] = args;
    super._createHttpsServer(options, (port, server, wss) => {
      holdClientConnections(server);
      callback(port, server, wss);
    });
  }
  // The library hands each decrypted CONNECT to its host's HTTPS server through a new TCP connection over loopback
  // and pipes the two sockets together, so every byte crosses the kernel twice more and costs the proxy's thread
  // two more reads and writes per chunk both ways. Once the host's server exists, the client's socket is given to it
  // directly instead, the way Node servers take over a socket (`connection`), with the bytes already read put back.
  // A new host's first connection still goes the library's way, which creates the server.
  override _onHttpServerConnectData(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const server = startsTls(head) ? this.sslServers[parseHostPort(req.url ?? '').hostname]?.server : undefined;
    if (!server || !(socket instanceof net.Socket)) return super._onHttpServerConnectData(req, socket, head);
    socket.pause();
    socket.unshift(head);
    server.emit('connection', socket);
  }
  override _onError(kind: string, ctx: IContext | null, err: Error): void {
    this.logger?.debug(`proxy ${kind}: ${err.message}`);
    if (!ctx) return;
    const tap = (ctx as CtxWithTap).threadtapTap;
    tap?.failed({ code: kind.toLowerCase(), message: err.message });
    const res = ctx.proxyToClientResponse;
    if (!res || res.writableEnded) return;
    if (!res.headersSent && (err as Error & { code?: string }).code === OWN_PORT_CODE) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'x-threadtap-error': 'own-port' });
      res.end(`${err.message}\n`);
    } else if (!res.headersSent) {
      const upstream = ctx.proxyToServerRequestOptions;
      const where = upstream ? `${upstream.host}:${upstream.port ?? ''}` : 'the upstream';
      const message = `Threadtap could not reach ${where}: ${err.message}`;
      res.writeHead(502, { 'content-type': 'application/json', 'x-threadtap-error': kind.toLowerCase() });
      res.end(JSON.stringify({ error: { type: 'threadtap_upstream_error', code: kind.toLowerCase(), message } }));
    } else {
      res.destroy();
    }
  }
}

export async function startMitmServer(options: MitmServerOptions): Promise<MitmServer> {
  const { logger } = options;
  // Extra trust goes in through a secure context made once: a `ca` list on the agent would be concatenated into
  // the connection-pool key on every request (https.Agent#getName), which costs milliseconds per call.
  const secureContext = options.upstreamCaPems.length
    ? tls.createSecureContext({ ca: [...tls.rootCertificates, ...options.upstreamCaPems] })
    : undefined;
  // With a `timeout`, Node's agent drops an idle upstream socket a second before the server's announced
  // `Keep-Alive: timeout=N` (without one it ignores the hint and reuses sockets the server is closing, and the
  // client gets a 502); servers that announce nothing are left after UPSTREAM_IDLE_MS.
  const httpAgent = new http.Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS });
  const httpsAgent = new https.Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS, secureContext });
  const proxy = new QuietProxy();
  proxy.logger = logger;

  const guard = createOwnAddressGuard(options.ownPorts);
  const isOwn = (hostname: string, port: number) => guard.isOwnTarget(hostname, port);

  proxy.onConnect((req, socket: Duplex, head, callback) => {
    const { hostname, port = 443 } = parseHostPort(req.url ?? '');
    if (isOwn(hostname, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nThreadtap does not forward to its own ports\n');
      return;
    }
    if (options.shouldIntercept(hostname, port)) return callback();
    tunnel(socket, head, hostname, port, logger, guard.lookupFor(port));
  });

  // WebSocket upgrades skip onRequest; the same rule applies to them before the library dials the target.
  proxy.onWebSocketConnection((ctx, callback) => {
    const wsOptions = ctx.proxyToServerWebSocketOptions as { url?: string; lookup?: net.LookupFunction } | undefined;
    let target: URL | undefined;
    try {
      target = new URL(wsOptions?.url ?? '');
    } catch {
      target = undefined;
    }
    const port = target ? Number(target.port || (target.protocol === 'wss:' ? 443 : 80)) : 0;
    if (!target || isOwn(target.hostname, port)) {
      ctx.clientToProxyWebSocket?.close(1008, 'Threadtap does not forward to its own ports');
      return;
    }
    wsOptions!.lookup = guard.lookupFor(port);
    callback();
  });

  // Certificates come from our issuer (shared key pair, memory cache) instead of the library's per-host keygen.
  proxy.onCertificateRequired = (hostname, callback) =>
    callback(null, { keyFile: '\0no-file', certFile: '\0no-file', hosts: [hostname] });
  proxy.onCertificateMissing = (ctx, _files, callback) => {
    options.issuer.issue(ctx.hostname).then(
      (leaf) => callback(null, { keyFileData: leaf.keyPem, certFileData: leaf.certPem, hosts: [ctx.hostname] }),
      (error: Error) => callback(error),
    );
  };

  proxy.onRequest((ctx: CtxWithTap, callback) => {
    const forward = () => {
      try {
        routeRequest(ctx);
      } catch (error) {
        if (error instanceof HandledResponse) return;
        logger.warn(`routing failed: ${(error as Error).message}`);
        respond(ctx, 500, `Threadtap could not route this request: ${(error as Error).message}`);
        return;
      }
      callback();
    };
    const wait = options.admit?.();
    if (wait) void wait.then(forward);
    else forward();
  });

  function routeRequest(ctx: CtxWithTap): void {
    const upstream = ctx.proxyToServerRequestOptions!;
    const req = ctx.clientToProxyRequest;
    const wasSsl = ctx.isSSL;
    let target: UpstreamTarget = {
      protocol: wasSsl ? 'https:' : 'http:',
      hostname: upstream.host,
      port: Number(upstream.port ?? (wasSsl ? 443 : 80)),
      pathPrefix: '',
    };
    let path = upstream.path;
    let via: ProxyRequestInfo['via'] = 'proxy';
    if (!wasSsl && isOwn(target.hostname, target.port)) {
      const route = target.port === proxyPort() ? matchBaseUrlRoute(path) : null;
      if (!route) {
        const routes = BASE_URL_ROUTE_NAMES.map((r) => `/${r}`).join(', ');
        const status = target.port === proxyPort() ? 404 : 403;
        respond(ctx, status, status === 404 ? `No Threadtap route for ${path}. Base-URL routes: ${routes}` : 'Threadtap does not forward to its own ports');
        throw new HandledResponse();
      }
      target = route.target;
      path = route.path;
      via = 'base-url';
    }
    const mapped = applyMapRules(options.mapRules, target);
    // http.request throws synchronously on a port out of range, inside the library where nothing catches it.
    if (![target.port, mapped.port].every((port) => Number.isInteger(port) && port > 0 && port < 65536)) {
      respond(ctx, 400, `Threadtap cannot forward to port ${target.port}`);
      throw new HandledResponse();
    }
    const clientUrl = targetUrl(target, path);
    if (isOwn(mapped.hostname, mapped.port)) {
      respond(ctx, 403, 'Threadtap does not forward to its own ports');
      throw new HandledResponse();
    }
    ctx.isSSL = mapped.protocol === 'https:';
    upstream.host = mapped.hostname;
    upstream.port = mapped.port;
    upstream.path = mapped.pathPrefix + path;
    upstream.agent = ctx.isSSL ? httpsAgent : httpAgent;
    // Checked again on the resolved address: names like 127.1 or 0x7f.0.0.1 reach loopback too.
    (upstream as typeof upstream & { lookup?: net.LookupFunction }).lookup = guard.lookupFor(mapped.port);
    if (mapped !== target || via === 'base-url') {
      upstream.headers.host = targetUrl(mapped, '').replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    }

    const tap = options.openTap({
      method: req.method ?? 'GET',
      url: clientUrl,
      headers: req.headers,
      via,
      clientAddress: req.socket.remoteAddress,
      intercepted: wasSsl || via === 'base-url',
    });
    if (tap) attachTap(ctx, tap);
  }

  function proxyPort(): number {
    return proxy.httpPort ?? options.port;
  }

  await new Promise<void>((resolve, reject) => {
    proxy.listen({ host: options.host, port: options.port, sslCaDir: options.sslCaDir, keepAlive: true, httpAgent, httpsAgent }, (err) =>
      err ? reject(err) : resolve(),
    );
  });
  holdClientConnections(proxy.httpServer!);
  return {
    port: proxy.httpPort!,
    async close() {
      proxy.close();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

class HandledResponse extends Error {}

const UPSTREAM_IDLE_MS = 30_000;
/** Far longer than the idle time of clients' pools (undici 4 s, httpx 5 s), so the client, which knows when it sends
 * its next request, is always the one to close an idle connection; a busy client's late timer then costs nothing. */
const CLIENT_IDLE_MS = 65_000;

function holdClientConnections(server: http.Server): void {
  server.keepAliveTimeout = CLIENT_IDLE_MS;
  server.headersTimeout = CLIENT_IDLE_MS + 1_000;
}

function respond(ctx: IContext, status: number, message: string): void {
  const res = ctx.proxyToClientResponse;
  ctx.clientToProxyRequest.resume();
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

function attachTap(ctx: CtxWithTap, tap: ExchangeTap): void {
  ctx.threadtapTap = tap;
  ctx.onRequestData((_ctx, chunk, callback) => {
    tap.requestChunk(chunk);
    callback(null, chunk);
  });
  ctx.onRequestEnd((_ctx, callback) => {
    tap.requestEnd();
    callback();
  });
  ctx.onResponse((_ctx, callback) => {
    const response = ctx.serverToProxyResponse!;
    tap.responseStart(response.statusCode ?? 0, response.headers);
    // A 'data' listener on the paused response does not resume it; the library's pipe still drives the flow.
    response.on('data', (chunk: Buffer) => tap.responseChunk(chunk));
    response.on('end', () => tap.responseEnd());
    response.on('aborted', () => tap.failed({ code: 'upstream-reset', message: 'The upstream closed the connection mid-response' }));
    callback();
  });
  ctx.proxyToClientResponse.on('close', () => {
    if (!ctx.proxyToClientResponse.writableFinished) {
      tap.clientAborted();
      ctx.proxyToServerRequest?.destroy();
    }
  });
}

/** What the library treats as the start of a TLS handshake: a record header, or an SSLv2-style hello. */
function startsTls(head: Buffer): boolean {
  return head.length > 0 && (head[0] === 0x16 || head[0] === 0x80 || head[0] === 0x00);
}
