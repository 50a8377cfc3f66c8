/**
 * A built site shaped like Astro's output, generated without Strapi, for the bucket deploy's
 * tests: pages that reference content-hashed CSS, scripts and images under /_astro/, media
 * files, feeds, a sitemap, a Pagefind-like index whose entry file names its meta file by hash,
 * and redirect pages with `_redirects`. A later version renames the hashed assets (their content
 * changed), changes some pages, removes some, adds others and adds a redirect.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GeneratedSiteOptions {
  /** 1, 2, ...: what changes between versions. */
  version: number;
  articles: number;
}

const hashOf = (content: string | Buffer) => createHash('sha256').update(content).digest('hex').slice(0, 8);

function write(dir: string, file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), content);
}

/** Writes `content` under a name carrying its hash, like Astro does, and returns the site path. */
function hashedAsset(dir: string, name: string, extension: string, content: string | Buffer): string {
  const file = `_astro/${name}.${hashOf(content)}.${extension}`;
  write(dir, file, content);
  return `/${file}`;
}

const image = (seed: string) => Buffer.concat([Buffer.from('RIFF'), createHash('sha512').update(seed).digest()]);

function page(title: string, assets: { css: string; js: string; images: string[] }, body: string): string {
  const images = assets.images.map((src) => `<img src="${src}" alt="">`).join('');
  return (
    `<!doctype html><html lang="sl"><head><meta charset="utf-8"><title>${title}</title>` +
    `<link rel="stylesheet" href="${assets.css}"><script type="module" src="${assets.js}"></script></head>` +
    `<body><h1>${title}</h1>${images}<p>${body}</p></body></html>`
  );
}

/** Articles 0..n-1 in version 1; later versions drop every 15th and add as many at the end. */
export function articleNumbers({ version, articles }: GeneratedSiteOptions): number[] {
  const all = Array.from({ length: articles }, (_, i) => i);
  if (version === 1) return all;
  const kept = all.filter((i) => i % 15 !== 7);
  return kept.concat(Array.from({ length: articles - kept.length }, (_, i) => articles + i));
}

/** The article whose slug changes in version 2: its old path redirects. */
export const MOVED_ARTICLE = 3;

export function generateSite(dir: string, options: GeneratedSiteOptions): void {
  const { version } = options;
  const css = hashedAsset(dir, 'site', 'css', `body{margin:0}h1{color:#${version}${version}3}`);
  const js = hashedAsset(dir, 'page', 'js', `console.log("site version ${version}");`);
  // Half of the images change with the version (renamed), half stay.
  const photos = Array.from({ length: 20 }, (_, i) =>
    hashedAsset(dir, `photo-${i}`, 'webp', image(`photo ${i} ${i % 2 === 0 ? version : 1}`)),
  );
  const media = Array.from({ length: 5 }, (_, i) => {
    write(dir, `media/cover-${i}.jpg`, image(`cover ${i}`));
    return `/media/cover-${i}.jpg`;
  });
  const links: string[] = [];
  for (const i of articleNumbers(options)) {
    const slug = version > 1 && i === MOVED_ARTICLE ? `clanek-${i}-nov` : `clanek-${i}`;
    const changed = version > 1 && i % 3 === 0;
    const images = [photos[i % photos.length], photos[(i + 7) % photos.length], media[i % media.length]];
    write(
      dir,
      `novice/${slug}/index.html`,
      page(`Članek ${i}`, { css, js, images }, `Besedilo ${i}, različica ${changed ? version : 1}.`),
    );
    links.push(`/novice/${slug}/`);
  }
  write(dir, 'index.html', page('Koper Otok', { css, js, images: [photos[0]] }, links.map((l) => l).join(' ')));
  write(dir, '404.html', page('Ni strani', { css, js, images: [] }, 'Strani ni.'));
  write(dir, 'rss.xml', `<rss><channel>${links.map((l) => `<link>${l}</link>`).join('')}</channel></rss>`);
  write(dir, 'sitemap-0.xml', `<urlset>${links.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`);
  write(dir, 'favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writePagefind(dir, version, links.length);
  if (version > 1) {
    const from = `/novice/clanek-${MOVED_ARTICLE}/`;
    const to = `/novice/clanek-${MOVED_ARTICLE}-nov/`;
    write(dir, `${from.slice(1)}index.html`, `<!doctype html><meta http-equiv="refresh" content="0;url=${to}">`);
    write(dir, '_redirects', `${from} ${to} 301\n`);
  }
}

/** Fragments and a meta file named by hash, and the entry file naming the meta file. */
function writePagefind(dir: string, version: number, pages: number): void {
  const fragments = Array.from({ length: 10 }, (_, i) => `fragment ${i} of ${pages} pages, version ${version}`);
  const fragmentNames = fragments.map((content) => `sl_${hashOf(content)}`);
  fragments.forEach((content, i) => write(dir, `pagefind/fragment/${fragmentNames[i]}.pf_fragment`, content));
  const meta = JSON.stringify({ fragments: fragmentNames });
  const metaHash = `sl_${hashOf(meta)}`;
  write(dir, `pagefind/pagefind.${metaHash}.pf_meta`, meta);
  write(dir, 'pagefind/pagefind.js', 'export const search = () => [];');
  write(
    dir,
    'pagefind/pagefind-entry.json',
    JSON.stringify({ version: '1.6.0', languages: { sl: { hash: metaHash } } }),
  );
}

/** The site paths a page (or Pagefind's entry or meta file) makes a visitor's browser fetch next. */
export function referencedPaths(key: string, body: string): string[] {
  if (key.endsWith('pagefind-entry.json')) {
    const entry = JSON.parse(body) as { languages: Record<string, { hash: string }> };
    return Object.values(entry.languages).map(({ hash }) => `/pagefind/pagefind.${hash}.pf_meta`);
  }
  if (key.endsWith('.pf_meta')) {
    const meta = JSON.parse(body) as { fragments: string[] };
    return meta.fragments.map((name) => `/pagefind/fragment/${name}.pf_fragment`);
  }
  return [...body.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)].map((match) => match[1]).filter((p) => !p.endsWith('/'));
}
