/**
 * The site's one query: whole entries of a type, page by page, from the CMS's `siteExport`
 * (cms/src/graphql/site-export.ts). Each node is a record of records.ts: every public field,
 * with the relations the entry owns as references; lib/content/graph.ts links both directions.
 *
 * Pages are read by key (documentId after the last one seen), not by number: an OFFSET makes
 * the database walk every earlier row, so late pages would cost ever more. The total (a COUNT)
 * is asked for on the first page only.
 */
import type { Locale } from '@koper-otok/content-types';
import type { CmsClient } from '../client';
import type {
  ArticleRecord,
  NavigationRecord,
  PageRecord,
  PartnerRecord,
  RedirectRecord,
  RegionRecord,
  WorkshopRecord,
} from '../records';

/** Published content for the public site; drafts (the latest version of everything) for previews. */
export type ContentStatus = 'PUBLISHED' | 'DRAFT';

export interface FetchScope {
  locale: Locale;
  status?: ContentStatus;
  /** Only these entries (what a partial rebuild re-reads); every entry when absent. */
  documentIds?: string[];
  /** Also the inverse sides of relations (a region's articles), as references. */
  inverse?: boolean;
}

export interface RecordOf {
  article: ArticleRecord;
  workshop: WorkshopRecord;
  region: RegionRecord;
  partner: PartnerRecord;
  page: PageRecord;
  navigation: NavigationRecord;
  redirect: RedirectRecord;
}

/**
 * The query document. Exported so that the CMS's query limits and permissions are tested
 * against exactly what the site sends (tests/unit/graphql-limits.test.ts, site-export.test.ts).
 */
export const SITE_EXPORT_QUERY = /* GraphQL */ `
  query SiteExport(
    $type: SiteExportType!
    $locale: I18NLocaleCode
    $status: PublicationStatus = PUBLISHED
    $after: ID!
    $pageSize: Int!
    $withTotal: Boolean!
    $documentIds: [ID!]
    $inverse: Boolean
  ) {
    items: siteExport(
      type: $type
      locale: $locale
      status: $status
      after: $after
      limit: $pageSize
      documentIds: $documentIds
      inverse: $inverse
    ) {
      nodes
      pageInfo @include(if: $withTotal) {
        total
      }
    }
  }
`;

/** Every entry of one type in one locale and status, in documentId order. */
export const fetchEntries = <T extends keyof RecordOf>(
  client: CmsClient,
  type: T,
  scope: FetchScope,
): Promise<RecordOf[T][]> =>
  client.fetchAll<RecordOf[T]>(`${type}[${scope.locale}]`, SITE_EXPORT_QUERY, { type, ...scope });
