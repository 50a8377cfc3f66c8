import type { Locale } from '@koper-otok/content-types';

/** Selections shared by several queries. Relation lists ask for maxLimit explicitly,
 *  because Strapi's default limit would silently cut them. */
export const MEDIA_FIELDS = 'url alternativeText width height';
export const refs = (field: string) => `${field}(pagination: { limit: 100 }) { documentId }`;

/** Published content for the public site; drafts (the latest version of everything) for previews. */
export type ContentStatus = 'PUBLISHED' | 'DRAFT';

export interface FetchScope {
  locale: Locale;
  status?: ContentStatus;
}

/** Wraps a node selection into the paged connection query that CmsClient.fetchAll expects. */
export const pagedQuery = (name: string, connection: string, nodeFields: string) => /* GraphQL */ `
  query ${name}($locale: I18NLocaleCode, $status: PublicationStatus = PUBLISHED, $page: Int!, $pageSize: Int!) {
    items: ${connection}(locale: $locale, status: $status, sort: ["documentId:asc"], pagination: { page: $page, pageSize: $pageSize }) {
      nodes { documentId locale ${nodeFields} }
      pageInfo { pageCount total }
    }
  }
`;
