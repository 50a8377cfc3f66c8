import { cachePublicAuthentication, type AuthStrategy } from './public-role-cache';

/**
 * Extends the users-permissions plugin so that its content-API strategy is registered with
 * anonymous requests answered from a cache of the Public role's ability (public-role-cache.ts).
 * Strapi loads plugin extensions by path only, so src/extensions/users-permissions/strapi-server.ts
 * re-exports this function; it runs before the plugin registers.
 */

interface AuthService {
  register(type: string, strategy: AuthStrategy): unknown;
}
type WriteEvent = (typeof WRITE_EVENTS)[number];
type PermissionSubscriber = { models: string[] } & Partial<Record<WriteEvent, () => void>>;

/** The parts of Strapi this patch touches (Core.Strapi has them; tests pass a fake). */
export interface StrapiAuthRegistry {
  get(name: 'auth'): AuthService;
  db: { lifecycles: { subscribe(subscriber: PermissionSubscriber): unknown } };
  log: { warn(message: string): void };
}
type Register = (context: { strapi: StrapiAuthRegistry }) => unknown;

const STRATEGY_NAME = 'users-permissions';
// Writes to either model can change what the Public role may do.
const PERMISSION_MODELS = ['plugin::users-permissions.permission', 'plugin::users-permissions.role'];
const WRITE_EVENTS = [
  'afterCreate',
  'afterCreateMany',
  'afterUpdate',
  'afterUpdateMany',
  'afterDelete',
  'afterDeleteMany',
] as const;

export default function extendUsersPermissions<P extends { register?: Register }>(
  plugin: P,
): P & { register: Register } {
  const register = plugin.register;
  const registerWithCache: Register = async (context) => {
    const { strapi } = context;
    const auth = strapi.get('auth');
    const registerStrategy = auth.register;
    let cached = false;
    // The plugin registers its strategy from its own register(); swap it on the way in.
    auth.register = function (type, strategy) {
      if (type !== 'content-api' || strategy?.name !== STRATEGY_NAME)
        return registerStrategy.call(this, type, strategy);
      const { strategy: cachedStrategy, invalidate } = cachePublicAuthentication(strategy);
      strapi.db.lifecycles.subscribe({
        models: PERMISSION_MODELS,
        ...Object.fromEntries(WRITE_EVENTS.map((event) => [event, invalidate])),
      });
      cached = true;
      return registerStrategy.call(this, type, cachedStrategy);
    };
    try {
      return await register?.(context);
    } finally {
      auth.register = registerStrategy;
      if (!cached)
        strapi.log.warn(
          'users-permissions: its content-API strategy was not registered as expected; the Public role is read on every request (slower, same answers).',
        );
    }
  };
  return Object.assign(plugin, { register: registerWithCache });
}
