/**
 * REBUILD_ALLOWED_IPS: the addresses Strapi's webhook may come from (exact IPs, comma-separated).
 * A second lock besides the shared secret, for when the service's port is reachable by others.
 */
import { isIP } from 'node:net';

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) becomes "127.0.0.1"; IPv6 in lower case. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped ? mapped[1] : lower;
}

/** The allowed addresses, normalised; undefined when the variable is unset or empty (any address). */
export function parseAllowedIps(raw: string | undefined): ReadonlySet<string> | undefined {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const invalid = entries.filter((entry) => isIP(normalizeAddress(entry)) === 0);
  if (invalid.length > 0)
    throw new Error(
      `REBUILD_ALLOWED_IPS must list IP addresses separated by commas (no names or ranges), got ${invalid.map((entry) => `"${entry}"`).join(', ')}`,
    );
  return new Set(entries.map(normalizeAddress));
}

export function addressAllowed(allowed: ReadonlySet<string> | undefined, remoteAddress: string | undefined): boolean {
  if (!allowed) return true;
  return remoteAddress !== undefined && allowed.has(normalizeAddress(remoteAddress));
}
