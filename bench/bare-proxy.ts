// The floor: http-mitm-proxy with no capture at all, intercepting like Threadtap does. Run as a child process;
// prints its port on stdout. Hosts named *.bench.test are sent to the bench upstream (argv[2] = port).

import https from 'node:https';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { Proxy } from 'http-mitm-proxy';

console.debug = () => {};
const [upstreamPort, caFile, sslCaDir] = process.argv.slice(2);
// Trust for the bench upstream's CA, made once (a `ca` list on the agent would be re-joined on every request).
const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, readFileSync(caFile, 'utf8')] });
const httpsAgent = new https.Agent({ keepAlive: true, secureContext });
const proxy = new Proxy();
proxy.onError(() => {});
proxy.onRequest((ctx, callback) => {
  const options = ctx.proxyToServerRequestOptions!;
  if (String(options.host).endsWith('.bench.test')) {
    options.host = '127.0.0.1';
    options.port = Number(upstreamPort);
    options.headers.host = `127.0.0.1:${upstreamPort}`;
  }
  callback();
});
proxy.listen({ host: '127.0.0.1', port: 0, sslCaDir, keepAlive: true, httpsAgent }, () => {
  process.stdout.write(`${proxy.httpPort}\n`);
});
