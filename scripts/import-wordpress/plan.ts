/**
 * The whole export -> the list of articles to write, decided before anything is written:
 * posts mapped one by one (map-post.ts), slugs made unique across the export, everything else
 * recorded as skipped (with a reason) or ignored (WordPress's internal item types).
 *
 * Duplicate slugs: published posts claim their slug before drafts (only they have old URLs to
 * keep), then older posts (lower WordPress id) before newer ones; a later claimant gets -2, -3, ...
 * and a warning. The order does not depend on the order of items in the file, so re-running the
 * import on a re-exported site assigns the same slugs.
 */
import type { WxrExport, WxrItem } from './parse-wxr.ts';
import { galleryImages, mapPost, type ArticleInput, type Region } from './map-post.ts';

export interface SkippedItem {
  wordpressId: number;
  title: string;
  type: string;
  reason: string;
}

export interface ImportPlan {
  siteUrl: string;
  articles: ArticleInput[];
  skipped: SkippedItem[];
  /** Internal WordPress item types (menu items, styles, ...) by type, counted. */
  ignored: Record<string, number>;
  attachments: Map<number, WxrItem>;
  /** Category/tag names that matched no region, with how many posts carry them. */
  unmatchedTerms: Map<string, number>;
}

/** Item types that are content on the old site but have no place among articles. */
const REPORTED_TYPES = new Set(['page']);

function claimUniqueSlugs(articles: ArticleInput[]): void {
  const claimOrder = [...articles].sort(
    (a, b) => Number(b.publish) - Number(a.publish) || a.wordpressId - b.wordpressId,
  );
  const owners = new Map<string, ArticleInput>();
  for (const article of claimOrder) {
    const wanted = article.slug;
    let slug = wanted;
    for (let n = 2; owners.has(slug); n++) slug = `${wanted}-${n}`;
    if (slug !== wanted) {
      article.warnings.push(
        `slug "${wanted}" is also used by WordPress post #${owners.get(wanted)!.wordpressId}: this one became "${slug}"`,
      );
      article.slug = slug;
    }
    owners.set(slug, article);
  }
}

export function planImport(wxr: WxrExport, regions: Region[]): ImportPlan {
  const attachments = new Map(wxr.items.filter((i) => i.type === 'attachment').map((i) => [i.id, i]));
  const images = galleryImages(attachments);
  const plan: ImportPlan = {
    siteUrl: wxr.siteUrl,
    articles: [],
    skipped: [],
    ignored: {},
    attachments,
    unmatchedTerms: new Map(),
  };

  for (const item of wxr.items) {
    if (item.type === 'attachment') continue;
    if (item.type !== 'post') {
      if (REPORTED_TYPES.has(item.type))
        plan.skipped.push({
          wordpressId: item.id,
          title: item.title,
          type: item.type,
          reason: `a WordPress ${item.type}, not a post: not imported as an article`,
        });
      else plan.ignored[item.type] = (plan.ignored[item.type] ?? 0) + 1;
      continue;
    }
    const mapped = mapPost(item, { attachments, regions }, images);
    if (mapped.kind === 'skip') {
      plan.skipped.push({ wordpressId: item.id, title: item.title, type: item.type, reason: mapped.reason });
      continue;
    }
    plan.articles.push(mapped.article);
    for (const term of mapped.article.unmatchedTerms)
      plan.unmatchedTerms.set(term, (plan.unmatchedTerms.get(term) ?? 0) + 1);
  }
  claimUniqueSlugs(plan.articles);
  plan.articles.sort((a, b) => a.wordpressId - b.wordpressId);
  return plan;
}
