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

/**
 * Wraps a node selection into the paged connection query that CmsClient.fetchAll expects.
 * Pages are read by key (documentId after the last one seen), not by number: Strapi turns
 * a page number into OFFSET, which SQLite and PostgreSQL answer by walking and sorting every
 * earlier row, so page 100 of 10,000 articles cost 70 ms of SQL, the first 5 ms. The total
 * is asked for on the first page only (it costs a COUNT per request).
 */
export const pagedQuery = (name: string, connection: string, nodeFields: string) => /* GraphQL */ `
  query ${name}($locale: I18NLocaleCode, $status: PublicationStatus = PUBLISHED, $after: ID!, $pageSize: Int!, $withTotal: Boolean!) {
    items: ${connection}(
      locale: $locale
      status: $status
      filters: { documentId: { gt: $after } }
      sort: ["documentId:asc"]
      pagination: { limit: $pageSize }
    ) {
      nodes { documentId locale ${nodeFields} }
      pageInfo @include(if: $withTotal) { total }
    }
  }
`;
