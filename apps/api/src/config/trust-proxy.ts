import { isIP } from 'node:net';

/**
 * Which peers' X-Forwarded-For is believed for the client IP (Fastify's `trustProxy`): `false`
 * (the TCP peer is the client), a number of proxy hops, or addresses/CIDRs/proxy-addr names.
 */
export type TrustProxy = false | number | readonly string[];

/** proxy-addr's names for address ranges, as Fastify's `trustProxy` accepts them. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset/`false` ⇒ no proxy; a whole number ⇒ that many hops; otherwise addresses,
 * CIDRs or `loopback`/`linklocal`/`uniquelocal`, comma-separated. `true` (believe any peer) is
 * refused: any client could then pick its own IP and escape the rate limit.
 */
export function parseTrustProxy(value: string | undefined, problems: string[]): TrustProxy {
  if (value === undefined || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
    problems.push('TRUST_PROXY: a number of hops must be from 1 to 10');
    return false;
  }
  if (value === 'true') {
    problems.push(
      'TRUST_PROXY: "true" would let any client choose its IP; name the proxies (addresses, CIDRs, loopback…) or a hop count',
    );
    return false;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) {
      problems.push(
        `TRUST_PROXY: "${entry}" is not an IP address, a CIDR or loopback/linklocal/uniquelocal`,
      );
    }
  }
  return entries;
}
