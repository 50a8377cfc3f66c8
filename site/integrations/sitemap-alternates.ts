/**
 * Sitemap entries with their language alternates. The pages themselves declare their
 * translations (<link rel="alternate" hreflang>, made from lib/content/pages.ts), so the
 * sitemap reads them back from the built HTML and can never disagree with the pages.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

interface SitemapItem {
  url: string;
  links?: { url: string; lang: string }[];
}

const ALTERNATE = /<link rel="alternate" hreflang="([a-z]{2})" href="([^"]+)"/g;
/** Far more than our pages' heads; reading only the start keeps the sitemap from re-reading the whole site. */
const HEAD_BYTES = 16 * 1024;

/** The page's <head>, read from the start of the file; the whole file when the head is longer. */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    let buffer = Buffer.alloc(HEAD_BYTES);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      length += read;
      const end = buffer.subarray(0, length).indexOf('</head>');
      if (end >= 0) return buffer.toString('utf8', 0, end);
      if (read === 0) return buffer.toString('utf8', 0, length);
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Adds each page's alternates; leaves out pages that ask not to be indexed (moved pages).
 * `outDir` is asked per page: a partial rebuild runs the sitemap again over another folder.
 */
export function withAlternates(outDir: () => string) {
  return (item: SitemapItem): SitemapItem | undefined => {
    const file = path.join(outDir(), decodeURI(new URL(item.url).pathname), 'index.html');
    let head: string;
    try {
      head = readHead(file);
    } catch {
      return item; // a page without index.html (none expected): listed without alternates
    }
    if (head.includes('<meta name="robots" content="noindex">')) return undefined;
    const links = [...head.matchAll(ALTERNATE)].map(([, lang, url]) => ({ lang, url }));
    return links.length > 1 ? { ...item, links } : item;
  };
}
