import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // Strapi's fallbacks are unsafe: without defaultLimit a list silently stops at 10 items,
      // without maxLimit one request can ask for the whole database. The site build pages
      // through results with pageSize <= maxLimit, so 100 is both safe and efficient.
      defaultLimit: 25,
      maxLimit: 100,
      // Our deepest legitimate query is entry -> relation -> media (about 6 levels with
      // connection wrappers); 10 leaves room while refusing pathological nesting.
      depthLimit: 10,
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: {
        // Introspection helps developers and costs nothing secret: the schema equals the
        // public content model in content-types/. It is off in production to shrink the surface.
        introspection: env('NODE_ENV') !== 'production',
      },
    },
  },
});
