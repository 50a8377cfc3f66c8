/**
 * What the importer reads from and writes to a running Strapi 5, over its REST API (locale sl):
 * regions, existing articles (draft and published versions), articles, media library files.
 *
 * Draft & publish over REST: without a `status` parameter, POST and PUT write the draft and
 * publish it; with `status=draft` they write the draft only. Drafts are read with status=draft,
 * which the project's published-only policy allows for API tokens only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { withQuery, type StrapiClient } from './strapi-client.ts';
import type { Region } from './map-post.ts';

const LOCALE = 'sl';
const PAGE_SIZE = 100; // Strapi's REST maxLimit in cms/config/api.ts

/** The article fields the importer owns; what it compares to decide "unchanged". */
export interface ArticleFields {
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  publishedDate: string;
  cover: number | null;
  /** The cover's alternative text and caption in Slovenian, the language WordPress wrote them in. */
  coverAlt: string | null;
  coverCaption: string | null;
  regions: string[];
}

export interface ExistingArticle {
  documentId: string;
  draft: ArticleFields;
  /** null when the document has never been published (or was unpublished). */
  published: ArticleFields | null;
}

export interface MediaFile {
  id: number;
  name: string;
  url: string;
  /** Kilobytes with two decimals, as Strapi stores it. */
  size: number;
  width: number | null;
  height: number | null;
  mime: string;
}

interface Page<T> {
  data: T[];
  meta: { pagination: { page: number; pageCount: number } };
}

async function allPages<T>(
  client: StrapiClient,
  pathname: string,
  query: Record<string, string | number>,
): Promise<T[]> {
  const results: T[] = [];
  for (let page = 1; ; page++) {
    const response = await client.request<Page<T>>(
      'GET',
      withQuery(pathname, { ...query, 'pagination[page]': page, 'pagination[pageSize]': PAGE_SIZE }),
    );
    results.push(...response.data);
    if (page >= response.meta.pagination.pageCount) return results;
  }
}

export async function fetchRegions(client: StrapiClient): Promise<Region[]> {
  const regions = await allPages<Region>(client, '/api/regions', {
    locale: LOCALE,
    'fields[0]': 'name',
    'fields[1]': 'slug',
  });
  return regions.map(({ documentId, name, slug }) => ({ documentId, name, slug }));
}

type StoredArticle = Omit<ArticleFields, 'cover' | 'regions'> & {
  documentId: string;
  body: string | null;
  cover: { id: number } | null;
  regions: { documentId: string }[];
};

const toFields = (stored: StoredArticle): ArticleFields => ({
  title: stored.title,
  slug: stored.slug,
  excerpt: stored.excerpt,
  body: stored.body ?? '',
  publishedDate: stored.publishedDate,
  cover: stored.cover?.id ?? null,
  coverAlt: stored.coverAlt ?? null,
  coverCaption: stored.coverCaption ?? null,
  regions: stored.regions.map((r) => r.documentId).sort(),
});

async function fetchArticleVersions(client: StrapiClient, status: 'draft' | 'published'): Promise<StoredArticle[]> {
  return allPages<StoredArticle>(client, '/api/articles', {
    locale: LOCALE,
    status,
    'fields[0]': 'title',
    'fields[1]': 'slug',
    'fields[2]': 'excerpt',
    'fields[3]': 'body',
    'fields[4]': 'publishedDate',
    'fields[5]': 'coverAlt',
    'fields[6]': 'coverCaption',
    'populate[cover][fields][0]': 'name',
    'populate[regions][fields][0]': 'slug',
  });
}

/** Every Slovenian article, by slug, with its draft and published versions. */
export async function fetchExistingArticles(client: StrapiClient): Promise<Map<string, ExistingArticle>> {
  const [drafts, published] = await Promise.all([
    fetchArticleVersions(client, 'draft'),
    fetchArticleVersions(client, 'published'),
  ]);
  const publishedById = new Map(published.map((a) => [a.documentId, toFields(a)]));
  return new Map(
    drafts.map((a) => [
      a.slug,
      { documentId: a.documentId, draft: toFields(a), published: publishedById.get(a.documentId) ?? null },
    ]),
  );
}

export function sameFields(a: ArticleFields, b: ArticleFields): boolean {
  return (
    a.title === b.title &&
    a.slug === b.slug &&
    a.excerpt === b.excerpt &&
    a.body === b.body &&
    a.publishedDate === b.publishedDate &&
    a.cover === b.cover &&
    a.coverAlt === b.coverAlt &&
    a.coverCaption === b.coverCaption &&
    a.regions.join() === b.regions.join()
  );
}

const articleData = (fields: ArticleFields) => ({ ...fields, regions: { set: fields.regions } });
const statusQuery = (publish: boolean): Record<string, string> => (publish ? {} : { status: 'draft' });

/** Creates the article; publishes it too when `publish`. Returns its documentId. */
export async function createArticle(client: StrapiClient, fields: ArticleFields, publish: boolean): Promise<string> {
  const response = await client.request<{ data: { documentId: string } }>(
    'POST',
    withQuery('/api/articles', { locale: LOCALE, ...statusQuery(publish) }),
    { data: articleData(fields) },
  );
  return response.data.documentId;
}

/** Overwrites the article's draft; publishes it too when `publish`. */
export async function updateArticle(
  client: StrapiClient,
  documentId: string,
  fields: ArticleFields,
  publish: boolean,
): Promise<void> {
  await client.request(
    'PUT',
    withQuery(`/api/articles/${encodeURIComponent(documentId)}`, { locale: LOCALE, ...statusQuery(publish) }),
    { data: articleData(fields) },
  );
}

export async function findMediaFiles(client: StrapiClient, name: string): Promise<MediaFile[]> {
  return client.request<MediaFile[]>('GET', withQuery('/api/upload/files', { 'filters[name][$eq]': name }));
}

const MIME_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.txt': 'text/plain',
};

export interface UploadInput {
  file: string;
  name: string;
  alternativeText?: string;
  caption?: string;
}

/** Uploads one file into the media library (Strapi puts REST uploads in its "API Uploads" folder). */
export async function uploadMediaFile(client: StrapiClient, input: UploadInput): Promise<MediaFile> {
  const extension = path.extname(input.name).toLowerCase();
  const form = new FormData();
  // The multipart file name only needs the right extension; the real (possibly non-ASCII)
  // name travels in fileInfo, which Strapi stores as the media library name.
  const blob = new Blob([await readFile(input.file)], { type: MIME_TYPES[extension] ?? 'application/octet-stream' });
  form.append('files', blob, `upload${extension}`);
  form.append(
    'fileInfo',
    JSON.stringify({
      name: input.name,
      alternativeText: input.alternativeText || undefined,
      caption: input.caption || undefined,
    }),
  );
  const [uploaded] = await client.upload<MediaFile[]>(form);
  return uploaded;
}
