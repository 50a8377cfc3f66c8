/**
 * Route config of the four content APIs: reads go through the drafts policy.
 *
 * A function, not a shared object: Strapi keeps the object it is given as the route's config and
 * writes the route's permission scope into it (`config.auth.scope`, with defaultsDeep), so routes
 * sharing one object would all be checked against the permission of the first one registered.
 */
export const publicReadRouteConfig = () => ({
  find: { policies: ['global::published-only'] },
  findOne: { policies: ['global::published-only'] },
});
