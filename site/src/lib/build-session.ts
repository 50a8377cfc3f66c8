/**
 * What one static build shares between its integrations (integrations/, loaded with
 * astro.config.mjs) and its pages: the content fetch the prefetch integration starts, the
 * markdown cache the cache integration opens and saves, the HTML rendered while the fetch
 * was still running, and the media files the pages link to. The preview server uses none of it.
 */
import type { CmsRecords, RedirectRecord } from './cms/records';
import type { MarkdownCache } from './content/markdown-cache';
import type { SiteModel } from './content/pages';
import type { PartialRenderer } from '../../partial-build/update';

export interface BuildSession {
  /** The build's one fetch from Strapi (cms/load.ts). */
  contentFetch?: Promise<CmsRecords>;
  /** The staff redirects from the CMS (cms/load.ts), read by the redirects integration and the pages. */
  staffRedirects?: Promise<RedirectRecord[]>;
  /** Rendered markdown kept between builds (content/markdown-cache.ts), while a build uses it. */
  markdownCache?: MarkdownCache;
  /** Markdown rendered while later pages of content were still on their way, or for the current model (content/markdown.ts). */
  prerenderedMarkdown: Map<string, string>;
  /** While a site model is being built: every text it renders (content/markdown.ts keepingRenderedMarkdown). */
  renderedForModel?: Map<string, string>;
  /** Media files linked from bodies: path in the site -> URL to download (media/site-media.ts). */
  mediaFiles: Map<string, string>;
  /**
   * The site model the pages render (site-pages.ts). A warm renderer replaces it between
   * partial rebuilds (partial-build/), so it lives here rather than in a module of the bundle.
   */
  siteModel?: Promise<SiteModel>;
  /** The warm renderer's partial rebuild, once its full build is done (partial-build/integration.ts). */
  warmRenderer?: PartialRenderer;
  /** The folder a partial rebuild writes to, while it runs; the build's own output folder otherwise. */
  outDir?: string;
}

// Astro loads the integrations and the prerendered pages as two module graphs in one process, so
// module state would exist twice: a process-wide slot is the one place both copies see.
const SESSION = Symbol.for('koper-otok.build-session');

/** This process's build session, created on first use. */
export function buildSession(): BuildSession {
  const slot = globalThis as { [SESSION]?: BuildSession };
  return (slot[SESSION] ??= { prerenderedMarkdown: new Map(), mediaFiles: new Map() });
}
