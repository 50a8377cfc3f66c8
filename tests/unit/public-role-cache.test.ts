// cms/src/patches/public-role-cache.ts: when an anonymous request reuses the Public role's ability.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { cachePublicAuthentication, type AuthResult, type AuthStrategy } from '../../cms/src/patches/public-role-cache';
import extendUsersPermissions, { type StrapiAuthRegistry } from '../../cms/src/patches/users-permissions-strategy';

const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
const anonymous = { request: { header: {} } };
const withToken = { request: { header: { authorization: 'Bearer abc' } } };

/** A strategy that answers with a new ability on every call, as users-permissions does. */
function countingStrategy(
  answer: () => Promise<AuthResult | undefined> = async () => ({ authenticated: true, credentials: null, ability: {} }),
) {
  const calls: unknown[] = [];
  const strategy: AuthStrategy = {
    name: 'users-permissions',
    authenticate: (ctx) => {
      calls.push(ctx);
      return answer();
    },
    verify: () => 'verified',
  };
  return { strategy, calls };
}

function clock(start = 1_000) {
  const time = { now: start };
  return { now: () => time.now, advance: (ms: number) => (time.now += ms) };
}

describe('cachePublicAuthentication', () => {
  it('answers anonymous requests from one read of the Public role while it is fresh', async () => {
    const { strategy, calls } = countingStrategy();
    const { strategy: cached } = cachePublicAuthentication(strategy, { ttlMs: 5_000, now: clock().now });
    const first = await cached.authenticate(anonymous);
    const second = await cached.authenticate(anonymous);
    expect(calls).toHaveLength(1);
    expect(second).toBe(first);
    expect(first?.authenticated).toBe(true);
  });

  it('keeps the strategy name and verify, which Strapi calls for every resolver', () => {
    const { strategy } = countingStrategy();
    const { strategy: cached } = cachePublicAuthentication(strategy);
    expect(cached.name).toBe('users-permissions');
    expect(cached.verify?.({}, {})).toBe('verified');
  });

  it('shares one read between concurrent anonymous requests', async () => {
    const { strategy, calls } = countingStrategy();
    const { strategy: cached } = cachePublicAuthentication(strategy);
    const answers = await Promise.all([
      cached.authenticate(anonymous),
      cached.authenticate(anonymous),
      cached.authenticate(anonymous),
    ]);
    expect(calls).toHaveLength(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('always asks the strategy when the request carries credentials', async () => {
    const { strategy, calls } = countingStrategy();
    const { strategy: cached } = cachePublicAuthentication(strategy);
    await cached.authenticate(withToken);
    await cached.authenticate(withToken);
    await cached.authenticate(anonymous);
    await cached.authenticate(withToken);
    expect(calls).toEqual([withToken, withToken, anonymous, withToken]);
  });

  it('reads the role again after the time to live', async () => {
    const { strategy, calls } = countingStrategy();
    const time = clock();
    const { strategy: cached } = cachePublicAuthentication(strategy, { ttlMs: 5_000, now: time.now });
    await cached.authenticate(anonymous);
    time.advance(4_999);
    await cached.authenticate(anonymous);
    expect(calls).toHaveLength(1);
    time.advance(1);
    await cached.authenticate(anonymous);
    expect(calls).toHaveLength(2);
  });

  it('reads the role again at once after invalidate (a permission changed)', async () => {
    const { strategy, calls } = countingStrategy();
    const cache = cachePublicAuthentication(strategy);
    await cache.strategy.authenticate(anonymous);
    cache.invalidate();
    await cache.strategy.authenticate(anonymous);
    expect(calls).toHaveLength(2);
  });

  it('does not keep an answer read before a change that landed while it was being read', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { strategy, calls } = countingStrategy(async () => {
      if (calls.length === 1) await slow;
      return { authenticated: true, ability: {} };
    });
    const cache = cachePublicAuthentication(strategy);
    const inFlight = cache.strategy.authenticate(anonymous);
    cache.invalidate();
    release();
    await inFlight;
    await cache.strategy.authenticate(anonymous);
    expect(calls).toHaveLength(2);
    await cache.strategy.authenticate(anonymous);
    expect(calls).toHaveLength(2);
  });

  it('does not keep a refusal or a failure: the strategy answers "not authenticated" when the database fails', async () => {
    let answer: () => Promise<AuthResult | undefined> = async () => ({ authenticated: false });
    const { strategy, calls } = countingStrategy(() => answer());
    const { strategy: cached } = cachePublicAuthentication(strategy);
    expect(await cached.authenticate(anonymous)).toEqual({ authenticated: false });
    await cached.authenticate(anonymous);
    expect(calls).toHaveLength(2);

    answer = () => Promise.reject(new Error('database is down'));
    await expect(cached.authenticate(anonymous)).rejects.toThrow('database is down');
    answer = async () => ({ authenticated: true, ability: {} });
    expect((await cached.authenticate(anonymous))?.authenticated).toBe(true);
    expect(calls).toHaveLength(4);
  });
});

// cms/src/patches/users-permissions-strategy.ts: the plugin's strategy is swapped as it registers.
describe('the users-permissions extension', () => {
  function fakeStrapi() {
    const registered: { type: string; strategy: AuthStrategy }[] = [];
    const subscribers: { models: string[]; [event: string]: unknown }[] = [];
    const warnings: string[] = [];
    const auth = { register: (type: string, strategy: AuthStrategy) => registered.push({ type, strategy }) };
    // On SQLite: nothing to tell other instances (cluster-postgres.test.ts covers PostgreSQL).
    const strapi: StrapiAuthRegistry = {
      get: () => auth,
      config: { get: (key) => (key === 'database.connection.client' ? 'sqlite' : undefined) },
      dirs: { app: { root: cmsDir } },
      db: {
        lifecycles: { subscribe: (subscriber) => subscribers.push(subscriber) },
        transaction: () => {
          throw new Error('no transaction expected on SQLite');
        },
      },
      log: { info: () => undefined, warn: (message) => void warnings.push(message) },
    };
    return { strapi, auth, registered, subscribers, warnings };
  }

  it('registers the plugin strategy with the cache and drops it when a permission or role is written', async () => {
    const { strategy, calls } = countingStrategy();
    const other: AuthStrategy = { name: 'api-token', authenticate: async () => ({ authenticated: false }) };
    const fake = fakeStrapi();
    const originalRegister = fake.auth.register;
    const plugin = extendUsersPermissions({
      register: ({ strapi }: { strapi: StrapiAuthRegistry }) => {
        strapi.get('auth').register('content-api', other);
        strapi.get('auth').register('content-api', strategy);
      },
    });
    await plugin.register({ strapi: fake.strapi });

    expect(fake.auth.register).toBe(originalRegister);
    expect(fake.registered[0].strategy).toBe(other);
    const cached = fake.registered[1].strategy;
    expect(cached).not.toBe(strategy);
    await cached.authenticate(anonymous);
    await cached.authenticate(anonymous);
    expect(calls).toHaveLength(1);

    const [subscriber] = fake.subscribers;
    expect(subscriber.models.sort()).toEqual([
      'plugin::users-permissions.permission',
      'plugin::users-permissions.role',
    ]);
    for (const event of ['afterCreate', 'afterUpdate', 'afterDelete', 'afterDeleteMany']) {
      await (subscriber[event] as () => Promise<void>)();
      await cached.authenticate(anonymous);
    }
    expect(calls).toHaveLength(5);
    expect(fake.warnings).toEqual([]);
  });

  it("catches the strategy of the installed users-permissions plugin, registered from the plugin's register()", async () => {
    const createPlugin = requireFromCms('@strapi/plugin-users-permissions/strapi-server') as () => {
      register: (context: { strapi: StrapiAuthRegistry }) => unknown;
    };
    const fake = fakeStrapi();
    // The rest of what the plugin's register() touches; plugin() answers "no graphql, no documentation".
    const strapi = Object.assign(fake.strapi, { sanitizers: { add: () => undefined }, plugin: () => undefined });
    await extendUsersPermissions(createPlugin()).register({ strapi });
    expect(fake.warnings).toEqual([]);
    expect(fake.registered.map(({ type, strategy }) => [type, strategy.name])).toEqual([
      ['content-api', 'users-permissions'],
    ]);
    expect(fake.subscribers).toHaveLength(1);
  });

  it("still runs the plugin's own bootstrap and destroy, which it wraps to start and stop listening", async () => {
    const { strategy } = countingStrategy();
    const fake = fakeStrapi();
    const ran: string[] = [];
    const plugin = extendUsersPermissions({
      register: ({ strapi }: { strapi: StrapiAuthRegistry }) =>
        void strapi.get('auth').register('content-api', strategy),
      bootstrap: () => void ran.push('bootstrap'),
      destroy: () => void ran.push('destroy'),
    });
    await plugin.register({ strapi: fake.strapi });
    await plugin.bootstrap({ strapi: fake.strapi });
    await plugin.destroy({ strapi: fake.strapi });
    expect(ran).toEqual(['bootstrap', 'destroy']);
  });

  it('says so when the plugin no longer registers its strategy that way', async () => {
    const fake = fakeStrapi();
    const plugin = extendUsersPermissions({ register: () => undefined });
    await plugin.register({ strapi: fake.strapi });
    expect(fake.warnings).toHaveLength(1);
    expect(fake.warnings[0]).toContain('Public role is read on every request');
  });
});
