/**
 * The rebuild webhook's shared secret: the X-Rebuild-Secret header, compared in constant time
 * (a shared secret, not a signature of the body): which values match, and refusing unusable secrets.
 */
import { describe, expect, it } from 'vitest';
import { assertUsableSecret, generateWebhookSecret, secretMatches } from '../../scripts/rebuild/secret.ts';
import { readRebuildConfig } from '../../scripts/rebuild/config.ts';

const SECRET = 'a'.repeat(20) + 'Ž-secret-with-unicode-č';

describe('secretMatches: the X-Rebuild-Secret header value against the shared secret', () => {
  it('accepts exactly the configured secret', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['one character off', SECRET.slice(0, -1) + 'c'],
    ['a prefix', SECRET.slice(0, 10)],
    ['longer', `${SECRET}x`],
    ['sent twice (header array)', [SECRET, SECRET]],
  ])('refuses a %s secret', (_label, provided) => {
    expect(secretMatches(SECRET, provided)).toBe(false);
  });
});

describe('secrets that are not secrets', () => {
  it('refuses a missing or short secret with a helpful message', () => {
    expect(() => assertUsableSecret(undefined)).toThrow(/REBUILD_WEBHOOK_SECRET is not set.*openssl rand/);
    expect(() => assertUsableSecret('short')).toThrow('at least 32');
    expect(() => assertUsableSecret(generateWebhookSecret())).not.toThrow();
  });

  it('generates different secrets, long enough and safe in .env files', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(a).not.toBe(b);
    expect(() => assertUsableSecret(a)).not.toThrow();
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('will not start the service without one', () => {
    expect(() => readRebuildConfig({})).toThrow(/REBUILD_WEBHOOK_SECRET is not set/);
  });
});

describe('readRebuildConfig', () => {
  const secret = generateWebhookSecret();

  it('defaults to loopback, a short quiet window, partial builds and five kept builds', () => {
    const config = readRebuildConfig({ REBUILD_WEBHOOK_SECRET: secret });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4321,
      statusHost: '127.0.0.1',
      statusPort: 4323,
      quietMs: 300,
      keepBuilds: 5,
      serveSite: true,
      maxRetries: 3,
      partialBuilds: true,
    });
    expect(config.deployCommand).toBeUndefined();
    expect(config.statusToken).toBeUndefined();
    expect(config.allowedIps).toBeUndefined();
  });

  it('keeps /status on loopback unless a long enough REBUILD_STATUS_TOKEN guards it', () => {
    const token = generateWebhookSecret();
    const config = readRebuildConfig({
      REBUILD_WEBHOOK_SECRET: secret,
      REBUILD_STATUS_HOST: '0.0.0.0',
      REBUILD_STATUS_PORT: '9000',
      REBUILD_STATUS_TOKEN: token,
      REBUILD_ALLOWED_IPS: '10.0.0.5',
    });
    expect(config).toMatchObject({ statusHost: '0.0.0.0', statusPort: 9000, statusToken: token });
    expect([...config.allowedIps!]).toEqual(['10.0.0.5']);
    expect(readRebuildConfig({ REBUILD_WEBHOOK_SECRET: secret, REBUILD_STATUS_HOST: '::1' }).statusHost).toBe('::1');
    expect(() => readRebuildConfig({ REBUILD_WEBHOOK_SECRET: secret, REBUILD_STATUS_HOST: '0.0.0.0' })).toThrow(
      'REBUILD_STATUS_HOST is 0.0.0.0, reachable from other machines, but REBUILD_STATUS_TOKEN is not set',
    );
    expect(() => readRebuildConfig({ REBUILD_WEBHOOK_SECRET: secret, REBUILD_STATUS_TOKEN: 'short' })).toThrow(
      'REBUILD_STATUS_TOKEN is 5 characters long; use at least 32',
    );
  });

  it('reads every setting and refuses nonsense with the variable name', () => {
    const config = readRebuildConfig({
      REBUILD_WEBHOOK_SECRET: secret,
      REBUILD_PORT: '8080',
      REBUILD_QUIET_MS: '500',
      REBUILD_KEEP_BUILDS: '3',
      SERVE_SITE: 'false',
      DEPLOY_COMMAND: 'rsync -a "$BUILD_DIR/" web:/srv/site/',
      STRAPI_URL: 'https://cms.example',
    });
    expect(config).toMatchObject({
      port: 8080,
      quietMs: 500,
      keepBuilds: 3,
      serveSite: false,
      strapiUrl: 'https://cms.example',
      deployCommand: 'rsync -a "$BUILD_DIR/" web:/srv/site/',
    });
    expect(() => readRebuildConfig({ REBUILD_WEBHOOK_SECRET: secret, REBUILD_QUIET_MS: 'soon' })).toThrow(
      'REBUILD_QUIET_MS must be a whole number',
    );
    expect(() => readRebuildConfig({ REBUILD_WEBHOOK_SECRET: secret, REBUILD_KEEP_BUILDS: '1' })).toThrow(
      'REBUILD_KEEP_BUILDS must be a whole number of at least 2',
    );
    expect(() => readRebuildConfig({ REBUILD_WEBHOOK_SECRET: secret, SERVE_SITE: 'yes' })).toThrow(
      'SERVE_SITE must be true or false',
    );
  });
});
