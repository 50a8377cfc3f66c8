import { describe, expect, it } from 'vitest';
import { addressAllowed, normalizeAddress, parseAllowedIps } from '../../scripts/rebuild/allowed-ips.ts';

describe('REBUILD_ALLOWED_IPS', () => {
  it('unset or empty lets any address through (the secret still applies)', () => {
    for (const raw of [undefined, '', ' , ']) {
      expect(parseAllowedIps(raw)).toBeUndefined();
      expect(addressAllowed(parseAllowedIps(raw), '203.0.113.9')).toBe(true);
    }
  });

  it('matches exact addresses, IPv4-mapped IPv6 written either way', () => {
    const allowed = parseAllowedIps(' 10.0.0.5 ,::ffff:192.0.2.7, 2001:DB8::1');
    expect([...allowed!]).toEqual(['10.0.0.5', '192.0.2.7', '2001:db8::1']);
    expect(addressAllowed(allowed, '10.0.0.5')).toBe(true);
    expect(addressAllowed(allowed, '::ffff:10.0.0.5')).toBe(true);
    expect(addressAllowed(allowed, '192.0.2.7')).toBe(true);
    expect(addressAllowed(allowed, '2001:db8::1')).toBe(true);
    expect(addressAllowed(allowed, '10.0.0.50')).toBe(false);
    expect(addressAllowed(allowed, '127.0.0.1')).toBe(false);
    expect(addressAllowed(allowed, undefined)).toBe(false);
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('refuses names and ranges, naming them', () => {
    expect(() => parseAllowedIps('10.0.0.5, strapi.internal, 10.0.0.0/24')).toThrow(
      'REBUILD_ALLOWED_IPS must list IP addresses separated by commas (no names or ranges), got "strapi.internal", "10.0.0.0/24"',
    );
  });
});
