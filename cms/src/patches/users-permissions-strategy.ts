import { cachePublicAuthentication, type AuthStrategy } from './public-role-cache';
import {
  invalidateAcrossInstances,
  PUBLIC_ROLE_CHANNEL,
  type ClusterInvalidation,
  type ClusterStrapi,
} from '../cluster/cache-invalidation';

/**
 * Extends the users-permissions plugin so that its content-API strategy is registered with
 * anonymous requests answered from a cache of the Public role's ability (public-role-cache.ts).
 * Strapi loads plugin extensions by path only, so src/extensions/users-permissions/strapi-server.ts
 * re-exports this function; it runs before the plugin registers. A permission or role written
 * through any instance on the same PostgreSQL database drops the cache of every instance
 * (cluster/cache-invalidation.ts); the plugin's bootstrap starts listening and its destroy stops.
 */

interface AuthService {
  register(type: string, strategy: AuthStrategy): unknown;
}
type WriteEvent = (typeof WRITE_EVENTS)[number];
type PermissionSubscriber = { models: string[] } & Partial<Record<WriteEvent, () => Promise<void>>>;

/** The parts of Strapi this patch touches (Core.Strapi has them; tests pass a fake). */
export interface StrapiAuthRegistry extends ClusterStrapi {
  get(name: 'auth'): AuthService;
  db: ClusterStrapi['db'] & { lifecycles: { subscribe(subscriber: PermissionSubscriber): unknown } };
}
type Lifecycle = (context: { strapi: StrapiAuthRegistry }) => unknown;

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

interface PluginLifecycles {
  register?: Lifecycle;
  bootstrap?: Lifecycle;
  destroy?: Lifecycle;
}

export default function extendUsersPermissions<P extends PluginLifecycles>(plugin: P): P & Required<PluginLifecycles> {
  const { register, bootstrap, destroy } = plugin;
  let acrossInstances: ClusterInvalidation | undefined;
  const registerWithCache: Lifecycle = async (context) => {
    const { strapi } = context;
    const auth = strapi.get('auth');
    const registerStrategy = auth.register;
    let cached = false;
    // The plugin registers its strategy from its own register(); swap it on the way in.
    auth.register = function (type, strategy) {
      if (type !== 'content-api' || strategy?.name !== STRATEGY_NAME)
        return registerStrategy.call(this, type, strategy);
      const { strategy: cachedStrategy, invalidate } = cachePublicAuthentication(strategy);
      const cluster = invalidateAcrossInstances(strapi, PUBLIC_ROLE_CHANNEL, invalidate);
      acrossInstances = cluster;
      strapi.db.lifecycles.subscribe({
        models: PERMISSION_MODELS,
        ...Object.fromEntries(WRITE_EVENTS.map((event) => [event, cluster.changed])),
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
  const bootstrapAndListen: Lifecycle = async (context) => {
    await bootstrap?.(context);
    await acrossInstances?.start();
  };
  const stopListeningAndDestroy: Lifecycle = async (context) => {
    await acrossInstances?.stop();
    return destroy?.(context);
  };
  return Object.assign(plugin, {
    register: registerWithCache,
    bootstrap: bootstrapAndListen,
    destroy: stopListeningAndDestroy,
  });
}
