// Which connection targets are this Threadtap instance. A name check is not enough (CVE-2025-23217's pattern): the
// resolver also takes `127.1`, `0`, `2130706433`, `0x7f.0.0.1`, `0177.0.0.1` and any DNS name that points at
// loopback. So the check runs twice: on the literal before routing (a clear 403), and on the resolved address at
// connect time, through the `lookup` hook of the upstream socket, which catches every spelling the resolver accepts.

import dns from 'node:dns';
import net from 'node:net';
import os from 'node:os';
import { isLoopbackHost } from './host-port';

export const OWN_PORT_CODE = 'ETHREADTAP_OWN_PORT';

export class OwnPortError extends Error {
  readonly code = OWN_PORT_CODE;
  constructor(target: string) {
    super(`Threadtap does not forward to its own ports (${target})`);
  }
}

export interface OwnAddressGuard {
  /** True when the target as written (name or IP literal) is this instance. */
  isOwnTarget(hostname: string, port: number): boolean;
  /** A `lookup` for net/tls/http options that fails when the name resolves to this instance. Cached per port. */
  lookupFor(port: number): net.LookupFunction;
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is compared as the IPv4 it carries. */
function canonicalAddress(address: string): string {
  const bare = address.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  return mapped ? mapped[1] : bare;
}

export function createOwnAddressGuard(ownPorts: () => number[]): OwnAddressGuard {
  // Addresses of this machine's interfaces: with a non-loopback bind, the LAN address reaches us too.
  const interfaceAddresses = new Set(
    Object.values(os.networkInterfaces())
      .flat()
      .filter((i): i is os.NetworkInterfaceInfo => !!i)
      .map((i) => canonicalAddress(i.address)),
  );
  const isThisMachine = (address: string) => {
    const a = canonicalAddress(address);
    return a.startsWith('127.') || a === '0.0.0.0' || a === '::' || a === '::1' || interfaceAddresses.has(a);
  };
  const lookups = new Map<number, net.LookupFunction>();

  return {
    isOwnTarget(hostname, port) {
      if (!ownPorts().includes(port)) return false;
      const bare = canonicalAddress(hostname);
      return net.isIP(bare) ? isThisMachine(bare) : isLoopbackHost(bare);
    },
    lookupFor(port) {
      let lookup = lookups.get(port);
      if (lookup) return lookup;
      lookup = ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
        dns.lookup(hostname, options, (error, address, family) => {
          if (error) return callback(error);
          const all = Array.isArray(address) ? address.map((a) => a.address) : [address];
          if (ownPorts().includes(port) && all.some(isThisMachine)) return callback(new OwnPortError(`${hostname}:${port}`));
          callback(null, address, family);
        });
      }) as net.LookupFunction;
      lookups.set(port, lookup);
      return lookup;
    },
  };
}
