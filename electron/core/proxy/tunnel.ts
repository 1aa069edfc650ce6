// CONNECT targets we do not intercept are joined byte for byte: the client talks TLS with the real server and
// sees its real certificate.

import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger';
import { OWN_PORT_CODE } from './own-address-guard';

/** `lookup` lets the caller refuse a name that resolves to one of our own listeners. */
export function tunnel(client: Duplex, head: Buffer, hostname: string, port: number, logger: Logger, lookup?: net.LookupFunction): void {
  const upstream = net.connect({ host: hostname, port, lookup });
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
    if (!connected && (err as Error & { code?: string }).code === OWN_PORT_CODE) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nThreadtap does not forward to its own ports\n');
    } else if (!connected) {
      client.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\n\r\nThreadtap could not reach ${hostname}:${port}: ${err.message}\n`);
    } else {
      client.destroy();
    }
  });
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}
