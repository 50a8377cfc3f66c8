import type { Locale } from '@koper-otok/content-types';
import type { CmsClient } from '../client';
import type { ArticleRecord } from '../records';
import { MEDIA_FIELDS, pagedQuery, refs } from './fragments';

export const ARTICLES_QUERY = pagedQuery(
  'Articles',
  'articles_connection',
  `title slug excerpt body publishedDate cover { ${MEDIA_FIELDS} } ${refs('regions')} ${refs('partners')} ${refs('workshops')}`,
);

export const fetchArticles = (client: CmsClient, locale: Locale) =>
  client.fetchAll<ArticleRecord>(`articles[${locale}]`, ARTICLES_QUERY, { locale });
