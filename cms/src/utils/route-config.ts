/**
 * Route config of the four content APIs: reads go through the drafts policy.
 *
 * A function, not a shared object: Strapi keeps the object it is given as the route's config and
 * then writes the route's permission scope into it (`config.auth.scope`, with defaultsDeep). One
 * object shared by the eight read routes took the scope of the first route registered, so over
 * REST every type's find and findOne were checked against `api::article.article.find`: revoking
 * that one permission refused every type, and revoking a workshop's did not refuse workshops.
 */
export const publicReadRouteConfig = () => ({
  find: { policies: ['global::published-only'] },
  findOne: { policies: ['global::published-only'] },
});
