/**
 * Builds the Public role's ability once, not on every anonymous request.
 *
 * The users-permissions strategy authenticates a request without credentials by reading the
 * Public role's permissions from the database (a query with two joins) and building a CASL
 * ability from them, for every request. Every public API query is anonymous, so that was the
 * largest fixed cost of a request after the query itself (bench/README.md has the figures).
 *
 * The cached answer is the strategy's own (same object shape, same ability), reused while it is
 * fresh. It is dropped at once when a permission or role changes: the admin's role editor and our
 * bootstrap write through the query engine, whose lifecycles call `invalidate` in this process
 * and, on PostgreSQL, NOTIFY every other Strapi instance on the database, which then calls its
 * own `invalidate` (../cluster/cache-invalidation.ts). `ttlMs` remains as a safety net: it bounds
 * how long a copy is served when a notification cannot arrive (the listening session is down and
 * reconnecting, or the permissions were changed in the database by hand, which sends none).
 * Requests that carry credentials (an Authorization header) always go to the strategy: a user's
 * ability depends on the user. users-permissions-strategy.ts installs it.
 */

export interface AuthResult {
  authenticated?: boolean;
  credentials?: unknown;
  ability?: unknown;
  error?: unknown;
}
interface RequestContext {
  request?: { header?: Record<string, string | string[] | undefined> };
}
export interface AuthStrategy {
  name: string;
  authenticate(ctx: RequestContext): Promise<AuthResult | undefined>;
  verify?(auth: unknown, config: unknown): unknown;
}

/** How long a process trusts its copy of the Public role without being told of a change. */
export const PUBLIC_AUTHENTICATION_TTL_MS = 5_000;

export interface PublicAuthenticationCache {
  /** The strategy to register: the given one, with anonymous requests answered from the cache. */
  strategy: AuthStrategy;
  /** Forget the cached answer: the next anonymous request reads the permissions again. */
  invalidate(): void;
}

interface CacheOptions {
  ttlMs?: number;
  now?: () => number;
}

export function cachePublicAuthentication(
  strategy: AuthStrategy,
  options: CacheOptions = {},
): PublicAuthenticationCache {
  const ttlMs = options.ttlMs ?? PUBLIC_AUTHENTICATION_TTL_MS;
  const now = options.now ?? Date.now;
  // Set when a read starts and cleared by invalidate, so a read that started before a change
  // is never handed out after it.
  let entry: { result: Promise<AuthResult | undefined>; expires: number } | undefined;

  const authenticatePublic = (ctx: RequestContext): Promise<AuthResult | undefined> => {
    if (entry && now() < entry.expires) return entry.result;
    // Concurrent anonymous requests share one read (one promise) instead of each starting one.
    const current = { result: strategy.authenticate(ctx), expires: now() + ttlMs };
    entry = current;
    const forget = () => {
      if (entry === current) entry = undefined;
    };
    // Only a granted answer is kept: the strategy also answers "not authenticated" when reading
    // the permissions failed (a database error), and that must not stick for ttlMs.
    current.result.then((result) => (result?.authenticated === true ? undefined : forget()), forget);
    return current.result;
  };

  return {
    strategy: {
      ...strategy,
      authenticate: (ctx) => (hasCredentials(ctx) ? strategy.authenticate(ctx) : authenticatePublic(ctx)),
    },
    invalidate() {
      entry = undefined;
    },
  };
}

/** The users-permissions strategy looks for credentials in the Authorization header only. */
function hasCredentials(ctx: RequestContext): boolean {
  return Boolean(ctx.request?.header?.authorization);
}
