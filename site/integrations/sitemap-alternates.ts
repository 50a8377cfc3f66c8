/**
 * Sitemap entries with their language alternates. The pages themselves declare their
 * translations (<link rel="alternate" hreflang>, made from lib/content/pages.ts), so the
 * sitemap reads them back from the built HTML and can never disagree with the pages.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
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

interface HeadFacts {
  noindex: boolean;
  links: { url: string; lang: string }[];
}

const factsOf = (head: string): HeadFacts => ({
  noindex: head.includes('<meta name="robots" content="noindex">'),
  links: [...head.matchAll(ALTERNATE)].map(([, lang, url]) => ({ lang, url })),
});

/**
 * What each page's head said, by URL and file identity: a partial rebuild runs the sitemap again
 * over a build whose unchanged pages are hard links to the last one's (same inode), so only the
 * pages it wrote are read again.
 */
const known = new Map<string, { identity: string; facts: HeadFacts }>();

function headFacts(url: string, file: string): HeadFacts {
  const { ino, size, mtimeMs } = statSync(file);
  const identity = `${ino}:${size}:${mtimeMs}`;
  const seen = known.get(url);
  if (seen?.identity === identity) return seen.facts;
  const facts = factsOf(readHead(file));
  known.set(url, { identity, facts });
  return facts;
}

/**
 * Adds each page's alternates; leaves out pages that ask not to be indexed (moved pages).
 * `outDir` is asked per page: a partial rebuild runs the sitemap again over another folder.
 */
export function withAlternates(outDir: () => string) {
  return (item: SitemapItem): SitemapItem | undefined => {
    const file = path.join(outDir(), decodeURI(new URL(item.url).pathname), 'index.html');
    let facts: HeadFacts;
    try {
      facts = headFacts(item.url, file);
    } catch {
      return item; // a page without index.html (none expected): listed without alternates
    }
    if (facts.noindex) return undefined;
    return facts.links.length > 1 ? { ...item, links: facts.links } : item;
  };
}
