import type { Core } from '@strapi/strapi';
import { cachePublicAuthentication, type AuthStrategy } from '../../auth/public-authentication-cache';

/**
 * Extends the users-permissions plugin (Strapi loads dist/src/extensions/<plugin>/strapi-server.js
 * before the plugin registers): its content-API strategy is registered with anonymous requests
 * answered from a cache of the Public role's ability (src/auth/public-authentication-cache.ts).
 */

interface PluginLike {
  register?: (context: { strapi: Core.Strapi }) => unknown;
}
interface AuthService {
  register(type: string, strategy: AuthStrategy): unknown;
}

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
];

export default function extendUsersPermissions<P extends PluginLike>(plugin: P): P {
  const register = plugin.register;
  plugin.register = async (context) => {
    const { strapi } = context;
    const auth = strapi.get('auth') as AuthService;
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
  return plugin;
}
