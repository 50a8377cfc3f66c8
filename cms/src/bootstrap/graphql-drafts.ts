import type { Core } from '@strapi/strapi';
import { siteContentTypeUids } from './content-types';

/**
 * GraphQL twin of the REST route policy: every query field of our content types (list,
 * single and _connection) goes through global::published-only, so `status: DRAFT` needs
 * an API token. Registered in register() because the GraphQL schema is built before bootstrap.
 */
export function refuseDraftsOverGraphql(strapi: Core.Strapi): void {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => {
      const resolversConfig: Record<string, { policies: string[] }> = {};
      for (const uid of siteContentTypeUids(strapi)) {
        const { singularName, pluralName } = strapi.contentTypes[uid as keyof typeof strapi.contentTypes].info;
        for (const field of [singularName, pluralName, `${pluralName}_connection`]) {
          resolversConfig[`Query.${field}`] = { policies: ['global::published-only'] };
        }
      }
      return { resolversConfig };
    });
}
