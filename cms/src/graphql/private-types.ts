import type { Core } from '@strapi/strapi';
import { PRIVATE_CONTENT_TYPE_UIDS } from '../bootstrap/content-types';

/**
 * Keeps visitors' personal data (registrations) out of the GraphQL schema altogether: no type,
 * no query, no mutation. Registered in register() because the schema is built before bootstrap.
 */
export function hidePrivateTypesFromGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of PRIVATE_CONTENT_TYPE_UIDS) extension.shadowCRUD(uid).disable();
}
