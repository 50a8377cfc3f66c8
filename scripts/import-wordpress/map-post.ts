/**
 * One WordPress post -> the article to write to Strapi (locale sl), or the reason it is skipped.
 * Pure: everything it needs (attachments, regions) comes in the context.
 *
 * Rules, in the order a reader of the report will ask about them:
 * - status: publish -> published; draft, pending -> draft; future, private and password-protected
 *   posts -> draft with a warning (none of them was public on the old site); trash and
 *   auto-draft -> skipped.
 * - title: HTML entities decoded; a post without a title but with content is titled from its date
 *   ("Brez naslova – 14. 6. 2017") and reported, one with neither is skipped.
 * - slug: wp:post_name when it already is a valid slug (old URLs keep their last segment),
 *   otherwise slugify(title). Duplicates across the export are resolved in plan.ts.
 * - publishedDate: the calendar day of wp:post_date (the old site's local time).
 * - excerpt: excerpt:encoded as plain text, else the opening paragraphs' text; cut to the model's limit.
 * - regions: categories and tags whose name equals a region's Slovenian name, ignoring case,
 *   diacritics, spaces and hyphens ("obalno kraska" matches "Obalno-kraška").
 */
import { SLUG_PATTERN, slugify } from '@koper-otok/content-types';
import type { WxrItem, WxrTerm } from './parse-wxr.ts';
import type { GalleryImage } from './shortcodes.ts';
import { wordpressToMarkdown } from './to-markdown.ts';
import { htmlToPlainText, truncateText } from './text.ts';
import articleSchema from '../../content-types/schemas/article.json' with { type: 'json' };

// The model's limits (content-types/), which Strapi and the publish rules enforce.
const TITLE_MAX: number = articleSchema.attributes.title.maxLength;
const EXCERPT_MAX: number = articleSchema.attributes.excerpt.maxLength;
/** Opening paragraphs are gathered until the excerpt has this much to say in lists and search results. */
const EXCERPT_USEFUL = 50;

export interface Region {
  documentId: string;
  name: string;
  slug: string;
}

/** A file on the old site that the article uses (featured image). */
export interface MediaSource {
  url: string;
  alt: string;
  caption: string;
}

export interface ArticleInput {
  wordpressId: number;
  /** The old permalink, for the redirect map. */
  permalink: string;
  title: string;
  slug: string;
  excerpt: string;
  /** Markdown; image and file URLs still point at the old site until media are imported. */
  body: string;
  publishedDate: string;
  publish: boolean;
  regionDocumentIds: string[];
  cover: MediaSource | null;
  /** Category and tag names that matched no region (for the report). */
  unmatchedTerms: string[];
  warnings: string[];
}

export type MappedPost = { kind: 'article'; article: ArticleInput } | { kind: 'skip'; reason: string };

export interface MappingContext {
  /** Attachments of the export by id (featured images, galleries). */
  attachments: Map<number, WxrItem>;
  regions: Region[];
}

const skip = (reason: string): MappedPost => ({ kind: 'skip', reason });

/** Comparable form of a name: case, diacritics, spaces and punctuation folded. */
const foldName = (name: string) => slugify(name);

function matchRegions(terms: WxrTerm[], regions: Region[]): { regionDocumentIds: string[]; unmatched: string[] } {
  const byFoldedName = new Map<string, Region>();
  for (const region of regions) {
    byFoldedName.set(foldName(region.name), region);
    byFoldedName.set(region.slug, region);
  }
  const matched = new Set<string>();
  const unmatched: string[] = [];
  for (const term of terms.filter((t) => t.domain === 'category' || t.domain === 'post_tag')) {
    const region = byFoldedName.get(foldName(term.name));
    if (region) matched.add(region.documentId);
    else unmatched.push(term.name);
  }
  return { regionDocumentIds: [...matched].sort(), unmatched };
}

/** "2017-06-14 09:30:00" -> "2017-06-14"; null for WordPress's "0000-00-00 ..." or garbage. */
function calendarDay(wordpressDate: string): string | null {
  const day = wordpressDate.trim().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day.startsWith('0000')) return null;
  const parsed = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day ? null : day;
}

/** "2017-06-14" -> "Brez naslova – 14. 6. 2017" (Slovenian numeric date). */
function untitledTitle(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `Brez naslova – ${date}. ${month}. ${year}`;
}

interface StatusDecision {
  publish: boolean;
  warning?: string;
  skip?: string;
}

function decideStatus(item: WxrItem): StatusDecision {
  switch (item.status) {
    case 'publish':
      return item.password
        ? {
            publish: false,
            warning: 'password-protected on the old site: imported as a draft so it does not become public',
          }
        : { publish: true };
    case 'draft':
    case 'pending':
      return { publish: false };
    case 'future':
      return { publish: false, warning: `scheduled for ${item.date} on the old site: imported as a draft` };
    case 'private':
      return { publish: false, warning: 'private on the old site: imported as a draft' };
    case 'trash':
      return { publish: false, skip: 'in the WordPress trash' };
    case 'auto-draft':
      return { publish: false, skip: 'an auto-draft that was never saved' };
    default:
      return { publish: false, skip: `WordPress status "${item.status}" is not imported` };
  }
}

/**
 * The post's own excerpt, else its opening paragraphs (as many as it takes to say at least
 * EXCERPT_USEFUL characters), else all its text; trimmed to the model's limit.
 */
function excerptFor(item: WxrItem, html: string): string {
  const own = htmlToPlainText(item.excerpt);
  if (own.length >= EXCERPT_USEFUL) return truncateText(own, EXCERPT_MAX);
  let text = own;
  for (const paragraph of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
    if (text.length >= EXCERPT_USEFUL) break;
    text = `${text} ${htmlToPlainText(paragraph[1])}`.trim();
  }
  if (text.length < EXCERPT_USEFUL) text = `${own} ${htmlToPlainText(html)}`.trim();
  return truncateText(text, EXCERPT_MAX);
}

function decodedPostName(postName: string): string {
  try {
    return decodeURIComponent(postName);
  } catch {
    return postName;
  }
}

/** wp:post_name when it is a valid slug, else a slug made from the title (or the post name). */
function slugFor(item: WxrItem, title: string): string {
  if (SLUG_PATTERN.test(item.postName)) return item.postName;
  return slugify(title) || slugify(decodedPostName(item.postName)) || `novica-${item.id}`;
}

function coverFor(item: WxrItem, attachments: Map<number, WxrItem>, warnings: string[]): MediaSource | null {
  const thumbnailId = Number.parseInt(item.meta._thumbnail_id ?? '', 10);
  if (!Number.isFinite(thumbnailId)) return null;
  const attachment = attachments.get(thumbnailId);
  if (!attachment?.attachmentUrl) {
    warnings.push(`featured image #${thumbnailId} is not in the export`);
    return null;
  }
  return {
    url: attachment.attachmentUrl,
    alt: attachment.meta._wp_attachment_image_alt ?? '',
    caption: attachment.excerpt,
  };
}

/** Image attachments in the shape [gallery] needs. */
export function galleryImages(attachments: Map<number, WxrItem>): Map<number, GalleryImage> {
  const images = new Map<number, GalleryImage>();
  for (const [id, a] of attachments) {
    if (!/\.(jpe?g|png|gif|webp|avif)$/i.test(a.attachmentUrl)) continue;
    images.set(id, {
      id,
      url: a.attachmentUrl,
      alt: a.meta._wp_attachment_image_alt ?? '',
      parentId: a.parentId,
      menuOrder: a.menuOrder,
    });
  }
  return images;
}

export function mapPost(
  item: WxrItem,
  context: MappingContext,
  images = galleryImages(context.attachments),
): MappedPost {
  const status = decideStatus(item);
  if (status.skip) return skip(status.skip);

  const day = calendarDay(item.date) ?? calendarDay(item.dateGmt);
  if (!day) return skip(`no valid date (wp:post_date "${item.date}")`);

  const { markdown, html, warnings } = wordpressToMarkdown(item.content, { postId: item.id, images });
  if (status.warning) warnings.unshift(status.warning);

  let title = item.title;
  if (!title) {
    if (!markdown) return skip('no title and no content');
    title = untitledTitle(day);
    warnings.push(`no title on the old site: titled "${title}"`);
  }
  if (title.length > TITLE_MAX) {
    title = truncateText(title, TITLE_MAX);
    warnings.push(`title longer than ${TITLE_MAX} characters: shortened`);
  }

  const { regionDocumentIds, unmatched } = matchRegions(item.terms, context.regions);
  const excerpt = excerptFor(item, html) || title;
  return {
    kind: 'article',
    article: {
      wordpressId: item.id,
      permalink: item.link,
      title,
      slug: slugFor(item, title),
      excerpt,
      body: markdown,
      publishedDate: day,
      publish: status.publish,
      regionDocumentIds,
      cover: coverFor(item, context.attachments, warnings),
      unmatchedTerms: unmatched,
      warnings,
    },
  };
}
