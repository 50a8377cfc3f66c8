/**
 * Sitemap entries with their language alternates. The pages themselves declare their
 * translations (<link rel="alternate" hreflang>, made from lib/content/pages.ts), so the
 * sitemap reads them back from the built HTML and can never disagree with the pages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface SitemapItem {
  url: string;
  links?: { url: string; lang: string }[];
}

const ALTERNATE = /<link rel="alternate" hreflang="([a-z]{2})" href="([^"]+)"/g;

/** Adds each page's alternates; leaves out pages that ask not to be indexed (moved pages). */
export function withAlternates(outDir: string) {
  return (item: SitemapItem): SitemapItem | undefined => {
    const file = path.join(outDir, decodeURI(new URL(item.url).pathname), 'index.html');
    let html: string;
    try {
      html = readFileSync(file, 'utf8');
    } catch {
      return item; // a page without index.html (none expected): listed without alternates
    }
    const head = html.slice(0, html.indexOf('</head>'));
    if (head.includes('<meta name="robots" content="noindex">')) return undefined;
    const links = [...head.matchAll(ALTERNATE)].map(([, lang, url]) => ({ lang, url }));
    return links.length > 1 ? { ...item, links } : item;
  };
}

/** Splits the sitemap per language: /en/... in sitemap-en-*.xml, the rest in sitemap-sl-*.xml. */
export const perLanguageChunks = (site: string) => {
  const english = new URL('/en/', site).href;
  return {
    sl: (item: SitemapItem) => (item.url.startsWith(english) ? undefined : item),
    en: (item: SitemapItem) => (item.url.startsWith(english) ? item : undefined),
  };
};
