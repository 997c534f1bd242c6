import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";

/**
 * The HTTP client the gateway forwards with: undici, keep-alive pools per upstream, TLS
 * certificates verified, and (unless allowed) no connection to loopback, private, link-local or
 * otherwise internal addresses, checked on the address actually connected to (after DNS), so a
 * provider cannot point its module at the platform's own services or a cloud metadata endpoint.
 */
export interface UpstreamAgentOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

class UpstreamAddressError extends Error {
  readonly code = "ECIAR_UPSTREAM_ADDRESS";
  constructor(address: string) {
    super(`upstream address ${address} is not allowed (GATEWAY_ALLOW_PRIVATE_UPSTREAMS)`);
  }
}

const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  internal.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const)
  internal.addSubnet(network, prefix, "ipv6");

/** Loopback, private, link-local and other internal addresses (also for directory issuers). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return internal.check(mapped[1], "ipv4");
  return internal.check(address, "ipv6");
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as unknown as dns.LookupAddress[];
    const refused = list.find((a) => isInternalAddress(a.address));
    if (refused || list.length === 0)
      return callback(new UpstreamAddressError(refused?.address ?? hostname), "", 4);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0]!;
    callback(null, first.address, first.family);
  });
};

export function createUpstreamAgent(options: UpstreamAgentOptions): Agent {
  const connectTimeout = Math.min(options.timeoutMs, 10_000);
  if (options.allowPrivate) {
    return new Agent({
      connect: { timeout: connectTimeout, rejectUnauthorized: true },
      keepAliveTimeout: 30_000,
      connections: 128,
    });
  }
  const connector = buildConnector({
    timeout: connectTimeout,
    rejectUnauthorized: true,
    lookup: guardedLookup,
  });
  return new Agent({
    connect: (connectOptions, callback) => {
      // An IP literal is connected to without a lookup: check it here.
      const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
      if (isIP(host) && isInternalAddress(host)) return callback(new UpstreamAddressError(host), null);
      return connector(connectOptions, callback);
    },
    keepAliveTimeout: 30_000,
    connections: 128,
  });
}
