import type { Core } from '@strapi/strapi';

// The users-permissions plugin's GraphQL account mutations. The plugin declares them with
// `auth: false`, so they skip the role permissions REST obeys: with the Public role's
// register permission removed, POST /api/auth/local/register is refused, yet the `register`
// mutation would still create an account. This site has no visitor accounts at all.
const ACCOUNT_MUTATIONS = [
  'login',
  'register',
  'forgotPassword',
  'resetPassword',
  'emailConfirmation',
  'changePassword',
];

/**
 * Refuses the account mutations over GraphQL, for everyone, with global::no-visitor-accounts
 * (a policy runs even where the plugin disabled auth). Registered in register() because the
 * GraphQL schema is built before bootstrap.
 */
export function refuseVisitorAccountsOverGraphql(strapi: Core.Strapi): void {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      resolversConfig: Object.fromEntries(
        ACCOUNT_MUTATIONS.map((name) => [`Mutation.${name}`, { policies: ['global::no-visitor-accounts'] }]),
      ),
    }));
}
