import type { CmsClient } from '../client';
import type { ArticleRecord } from '../records';
import { MEDIA_FIELDS, pagedQuery, refs, type FetchScope } from './fragments';

export const ARTICLES_QUERY = pagedQuery(
  'Articles',
  'articles_connection',
  `title slug excerpt body publishedDate cover { ${MEDIA_FIELDS} } ${refs('regions')} ${refs('partners')} ${refs('workshops')}`,
);

export const fetchArticles = (client: CmsClient, scope: FetchScope) =>
  client.fetchAll<ArticleRecord>(`articles[${scope.locale}]`, ARTICLES_QUERY, { ...scope });
