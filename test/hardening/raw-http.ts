// Raw sockets for the hardening tests: exact request bytes (odd request lines, Host tricks, CONNECT, TLS inside an
// intercepted CONNECT) that an HTTP client library would refuse to send or would normalise.

import net from 'node:net';
import tls from 'node:tls';

export interface RawResponse {
  /** First status code seen, or 0 when the connection closed or timed out without one. */
  status: number;
  text: string;
}

const statusOf = (text: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);

/** Writes `request` and collects what comes back until the peer closes or `idleMs` passes without data. */
export function exchangeOn(socket: net.Socket | tls.TLSSocket, request: string | Buffer, idleMs = 1500): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: statusOf(text), text });
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(done, idleMs);
    };
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      arm();
    });
    socket.on('error', done);
    socket.on('close', done);
    arm();
    socket.write(request);
  });
}

export async function rawRequest(port: number, request: string | Buffer, idleMs?: number): Promise<RawResponse> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return exchangeOn(socket, request, idleMs);
}

/** CONNECT through the proxy; resolves with the socket once the proxy answered 200, else with its answer. */
export async function connectThrough(proxyPort: number, authority: string): Promise<{ socket: net.Socket } | { refused: RawResponse }> {
  const socket = net.connect(proxyPort, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  const head = await new Promise<string>((resolve) => {
    let text = '';
    const onData = (c: Buffer) => {
      text += c.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => resolve(text));
    setTimeout(() => resolve(text), 3000);
  });
  if (statusOf(head) === 200) return { socket };
  socket.destroy();
  return { refused: { status: statusOf(head), text: head } };
}

/** TLS over an established CONNECT tunnel, trusting `ca`. */
export async function tlsOver(socket: net.Socket, servername: string, ca: string): Promise<tls.TLSSocket> {
  const secure = tls.connect({ socket, servername, ca });
  await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
  return secure;
}
