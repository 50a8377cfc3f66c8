import { errors } from '@strapi/utils';

/**
 * This site has no visitor accounts: staff work in the admin panel, whose accounts are separate,
 * and the public only reads. Applied to the users-permissions plugin's GraphQL account mutations
 * (src/bootstrap/graphql-accounts.ts), which skip the role permissions that REST obeys.
 */
export default (): boolean => {
  throw new errors.PolicyError('This site has no visitor accounts.', { policy: 'no-visitor-accounts' });
};
