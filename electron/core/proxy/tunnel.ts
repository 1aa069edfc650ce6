// CONNECT targets we do not intercept are joined byte for byte: the client talks TLS with the real server and
// sees its real certificate.

import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger';

export function tunnel(client: Duplex, head: Buffer, hostname: string, port: number, logger: Logger): void {
  const upstream = net.connect({ host: hostname, port });
  let connected = false;
  upstream.once('connect', () => {
    connected = true;
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', (err) => {
    logger.debug(`tunnel to ${hostname}:${port}: ${err.message}`);
    if (!connected) {
      client.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\n\r\nThreadtap could not reach ${hostname}:${port}: ${err.message}\n`);
    } else {
      client.destroy();
    }
  });
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}
