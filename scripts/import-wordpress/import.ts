/**
 * The import, start to end: parse and plan the whole export (nothing written yet; a broken file
 * stops here), then for each article import its media, compare with what Strapi has under the
 * same slug, and create, update or leave it; finally write the redirect map.
 *
 * Idempotent: an article is matched by its Slovenian slug, so a re-run updates instead of
 * duplicating, and leaves untouched (reports "unchanged") what already matches. Media are reused
 * by name and size (media-library.ts). Re-running also overwrites edits made in Strapi to
 * imported articles: the export is the source until the old site is switched off.
 */
import { readWxrFile } from './parse-wxr.ts';
import { planImport, type SkippedItem } from './plan.ts';
import type { ArticleInput } from './map-post.ts';
import { createStrapiClient, StrapiError, type StrapiClient } from './strapi-client.ts';
import {
  createArticle,
  fetchExistingArticles,
  fetchRegions,
  sameFields,
  updateArticle,
  type ArticleFields,
  type ExistingArticle,
} from './strapi-writer.ts';
import { createMediaLibrary, type MediaLibrary, type MediaMetadata } from './media-library.ts';
import { markdownTargets, replaceMarkdownTargets, uploadsPath } from './media-files.ts';
import { buildRedirects, writeRedirectMap } from './redirects.ts';

export interface ImportOptions {
  file: string;
  uploadsDir?: string | null;
  strapiUrl: string;
  token: string;
  /** Base for media URLs written into bodies (default: strapiUrl). */
  mediaBaseUrl?: string;
  /** Where to write the redirect map; null writes none. */
  redirectsFile?: string | null;
  dryRun?: boolean;
  /** Articles written at the same time (default 4). */
  concurrency?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export type ArticleStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export interface ArticleOutcome {
  wordpressId: number;
  title: string;
  slug: string;
  publish: boolean;
  status: ArticleStatus;
  reason?: string;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  skipped: number;
}

export interface ImportProgress {
  done: number;
  total: number;
  counts: Counts;
  elapsedMs: number;
}

export interface ImportReport {
  file: string;
  dryRun: boolean;
  counts: Counts;
  articles: ArticleOutcome[];
  skipped: SkippedItem[];
  ignored: Record<string, number>;
  warnings: { wordpressId: number; title: string; message: string }[];
  media: {
    uploaded: number;
    reused: number;
    wouldUpload: number;
    missing: { wordpressId: number; title: string; url: string; reason: string }[];
  };
  unmatchedTerms: [string, number][];
  redirects: { file: string | null; count: number };
  durationMs: number;
}

interface RunState {
  client: StrapiClient;
  media: MediaLibrary;
  existing: Map<string, ExistingArticle>;
  report: ImportReport;
  dryRun: boolean;
}

/** Alt texts and captions of the export's attachments, by uploads path. */
function attachmentMetadata(plan: ReturnType<typeof planImport>): Map<string, MediaMetadata> {
  const byPath = new Map<string, MediaMetadata>();
  for (const attachment of plan.attachments.values()) {
    const relative = uploadsPath(attachment.attachmentUrl, plan.siteUrl);
    if (!relative) continue;
    const alternativeText = attachment.meta._wp_attachment_image_alt || undefined;
    const caption = attachment.excerpt || undefined;
    byPath.set(relative, { ...(alternativeText && { alternativeText }), ...(caption && { caption }) });
  }
  return byPath;
}

/** The article's fields with its media in the library: cover id, body URLs rewritten. */
async function fieldsWithMedia(article: ArticleInput, state: RunState): Promise<ArticleFields> {
  const missing = (url: string, reason: string) =>
    state.report.media.missing.push({ wordpressId: article.wordpressId, title: article.title, url, reason });

  let cover: number | null = null;
  let coverAlt: string | null = null;
  if (article.cover) {
    // Covers need alternative text to be published: WordPress's alt text, else its caption, else the title.
    const alternativeText = article.cover.alt || article.cover.caption || article.title;
    const outcome = await state.media.importUrl(article.cover.url, { alternativeText, caption: article.cover.caption });
    if (outcome.status === 'uploaded' || outcome.status === 'reused') {
      cover = outcome.file.id;
      // WordPress wrote it in Slovenian: it is the Slovenian cover's text (the library's stays for other languages).
      coverAlt = alternativeText;
    } else if (outcome.status === 'missing') missing(article.cover.url, `featured image ${outcome.reason}`);
    else if (outcome.status === 'not-ours')
      missing(article.cover.url, 'featured image is not on the old site; not imported');
  }

  const replacements = new Map<string, string>();
  for (const target of markdownTargets(article.body)) {
    const outcome = await state.media.importUrl(target);
    if (outcome.status === 'uploaded' || outcome.status === 'reused') replacements.set(target, outcome.url);
    else if (outcome.status === 'missing') missing(target, outcome.reason);
  }
  return {
    title: article.title,
    slug: article.slug,
    excerpt: article.excerpt,
    body: replaceMarkdownTargets(article.body, replacements),
    publishedDate: article.publishedDate,
    cover,
    coverAlt,
    coverCaption: cover !== null ? article.cover?.caption || null : null,
    regions: article.regionDocumentIds,
  };
}

function isUnchanged(existing: ExistingArticle, fields: ArticleFields, publish: boolean): boolean {
  if (!sameFields(existing.draft, fields)) return false;
  return !publish || (existing.published !== null && sameFields(existing.published, fields));
}

async function writeArticle(article: ArticleInput, state: RunState): Promise<ArticleStatus> {
  const fields = await fieldsWithMedia(article, state);
  const existing = state.existing.get(article.slug);
  if (existing && !article.publish && existing.published) {
    state.report.warnings.push({
      wordpressId: article.wordpressId,
      title: article.title,
      message:
        'a draft on the old site but published in Strapi: only the draft was updated; unpublish it in the admin if it should not be public',
    });
  }
  if (existing && isUnchanged(existing, fields, article.publish)) return 'unchanged';
  if (state.dryRun) return existing ? 'updated' : 'created';
  if (existing) {
    await updateArticle(state.client, existing.documentId, fields, article.publish);
    return 'updated';
  }
  await createArticle(state.client, fields, article.publish);
  return 'created';
}

async function importArticle(article: ArticleInput, state: RunState): Promise<void> {
  const outcome: ArticleOutcome = {
    wordpressId: article.wordpressId,
    title: article.title,
    slug: article.slug,
    publish: article.publish,
    status: 'failed',
  };
  try {
    outcome.status = await writeArticle(article, state);
  } catch (error) {
    if (!(error instanceof StrapiError) || error.fatal) throw error;
    outcome.reason = error.message;
  }
  state.report.articles.push(outcome);
  state.report.counts[outcome.status]++;
}

/** Runs `work` over `items` with at most `limit` at a time; the first fatal error stops the rest. */
async function forEachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function emptyReport(options: ImportOptions): ImportReport {
  return {
    file: options.file,
    dryRun: options.dryRun ?? false,
    counts: { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
    articles: [],
    skipped: [],
    ignored: {},
    warnings: [],
    media: { uploaded: 0, reused: 0, wouldUpload: 0, missing: [] },
    unmatchedTerms: [],
    redirects: { file: null, count: 0 },
    durationMs: 0,
  };
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  // Parsing comes first and throws on a broken file before Strapi is even contacted.
  const wxr = readWxrFile(options.file);
  const client = createStrapiClient(options.strapiUrl, options.token);
  const plan = planImport(wxr, await fetchRegions(client));
  const report = emptyReport(options);
  report.skipped = plan.skipped;
  report.ignored = plan.ignored;
  report.counts.skipped = plan.skipped.length;
  report.unmatchedTerms = [...plan.unmatchedTerms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sl'));
  for (const article of plan.articles) {
    for (const message of article.warnings)
      report.warnings.push({ wordpressId: article.wordpressId, title: article.title, message });
  }

  const state: RunState = {
    client,
    existing: await fetchExistingArticles(client),
    report,
    dryRun: report.dryRun,
    media: createMediaLibrary({
      client,
      uploadsDir: options.uploadsDir ?? null,
      siteUrl: plan.siteUrl,
      publicBaseUrl: options.mediaBaseUrl ?? options.strapiUrl,
      dryRun: report.dryRun,
      metadataByPath: attachmentMetadata(plan),
    }),
  };
  await forEachConcurrently(plan.articles, options.concurrency ?? 4, async (article) => {
    await importArticle(article, state);
    options.onProgress?.({
      done: report.articles.length,
      total: plan.articles.length,
      counts: { ...report.counts },
      elapsedMs: Date.now() - started,
    });
  });

  report.articles.sort((a, b) => a.wordpressId - b.wordpressId);
  report.warnings.sort((a, b) => a.wordpressId - b.wordpressId);
  Object.assign(report.media, state.media.counts());
  const imported = new Set(report.articles.filter((a) => a.status !== 'failed').map((a) => a.wordpressId));
  const redirects = buildRedirects(plan.articles.filter((a) => imported.has(a.wordpressId)));
  report.redirects = { file: null, count: redirects.length };
  if (options.redirectsFile && !report.dryRun) {
    writeRedirectMap(options.redirectsFile, redirects);
    report.redirects.file = options.redirectsFile;
  }
  report.durationMs = Date.now() - started;
  return report;
}
