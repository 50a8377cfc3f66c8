/**
 * Degenerate content, each with a defined outcome, through a real Strapi and real builds:
 * a page that renders (with its content, never silently empty), a save that the CMS refuses
 * naming the field, or a build that fails naming the entry and the field.
 *
 *   empty body                    page renders: title and excerpt, no empty prose block
 *   1 MB body (1,000,000 bytes)   page renders all of it
 *   body over Strapi's 1 MiB JSON limit   refused at save (HTTP 413); nothing half-saved
 *   10,000-item list              page renders all 10,000 items
 *   č š ž, emoji, right-to-left   titles come out exactly; slugs are made ASCII by the CMS
 *   same slug in sl and en        both pages render and link to each other
 *   same slug twice in a locale   refused at save, naming the slug
 *   slug changed                  the new URL renders; the old URL is a redirect page to it (the
 *                                 next build reads the live build's path history), and nothing
 *                                 links to it (docs/security.md, "Degenerate content")
 *   related workshop deleted      the article renders without the link; no broken links anywhere
 *   no English translation        the Slovenian page renders; the English page shows it in
 *                                 Slovenian with an "not translated yet" notice (lib/content/fallback.ts)
 *   title of only spaces          the build fails naming the entry and the field; no output
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { openEditor, type CmsEditor, type Fields } from '../helpers/cms-editor';
import { SITE_URL } from '../helpers/demo-site';
import { t } from '../../site/src/lib/i18n/ui';
import {
  brokenInternalLinks,
  builtPagePaths,
  indexablePagePaths,
  readPage,
  sitemapPaths,
} from '../helpers/site-output';

const EXCERPT = 'Povzetek, ki je dovolj dolg za objavo: vsaj petdeset znakov, največ sto šestdeset.';
const UNICODE_TITLE = 'Čudežni šopek žafrana 🌼 — שלום עולם — مرحبا بالعالم';
const MEGABYTE = 1_000_000;

let cms: TestCms;
let editor: CmsEditor;
const outDirs: string[] = [];
let first: string; // the build with every degenerate entry
let second: string; // after the slug change and the deletion
const ids: Record<string, string> = {};

async function article(slug: string, fields: Fields = {}, locales: ('sl' | 'en')[] = ['sl', 'en']): Promise<string> {
  const data = (locale: string) => ({
    title: `${slug} (${locale})`,
    slug,
    excerpt: EXCERPT,
    publishedDate: '2026-05-01',
    ...fields,
  });
  const { documentId } = await editor.create('articles', locales[0], data(locales[0]), { publish: true });
  for (const locale of locales.slice(1))
    await editor.translate('articles', documentId, locale, data(locale), { publish: true });
  return documentId;
}

async function build(previous?: string): Promise<string> {
  const outDir = path.join(tempDir('degenerate-site'), 'dist');
  outDirs.push(path.dirname(outDir));
  const pathHistoryFile = previous && path.join(previous, 'path-history.json');
  await buildSite({
    strapiUrl: cms.url,
    tokenFile: cms.tokenFile,
    siteUrl: SITE_URL,
    outDir,
    label: false,
    pathHistoryFile,
  });
  return outDir;
}

/** A paragraph of Slovenian text with a few marks, repeated to the wanted UTF-8 size. */
function bodyOfBytes(bytes: number): string {
  const paragraph = 'Mestno jedro Kopra živi: čevljar, šivilja in žganjekuha so odprli vrata. ';
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes - 200; i++) {
    const text = `${i % 40 === 0 ? `## Poglavje ${i / 40 + 1}\n\n` : ''}${paragraph.repeat(3)}\n\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return parts.join('');
}

beforeAll(async () => {
  cms = await startTestCms();
  editor = await openEditor(cms);

  ids.empty = await article('prazno-telo', { body: '' });
  ids.huge = await article('megabajt-besedila', { body: bodyOfBytes(MEGABYTE) });
  ids.list = await article('deset-tisoc-alinej', {
    body: Array.from({ length: 10_000 }, (_, i) => `- alineja ${i + 1}`).join('\n'),
  });
  ids.unicode = await article('unicode', { title: UNICODE_TITLE, slug: undefined }, ['sl']);
  ids.emoji = await article('samo-emoji', { title: '🌼🎉🐝' }, ['sl']);
  ids.sameSlug = await article('isti-slug');
  ids.renamed = await article('stari-naslov');
  ids.untranslated = await article('samo-slovensko', {}, ['sl']);

  const workshop = await editor.create(
    'workshops',
    'sl',
    { title: 'Delavnica, ki bo izbrisana', slug: 'izbrisana-delavnica', eventStatus: 'planned' },
    { publish: true },
  );
  await editor.translate(
    'workshops',
    workshop.documentId,
    'en',
    { title: 'A workshop to be deleted', slug: 'deleted-workshop', eventStatus: 'planned' },
    { publish: true },
  );
  ids.workshop = workshop.documentId;
  ids.withWorkshop = await article('z-delavnico', { workshops: [workshop.documentId] });

  first = await build();

  await editor.translate('articles', ids.renamed, 'sl', { slug: 'novi-naslov' }, { publish: true });
  await editor.remove('workshops', ids.workshop, '*');
  second = await build(first);
}, 600_000);

afterAll(async () => {
  await cms?.dispose();
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

const heading = (html: string) => html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1];
const proseOf = (html: string) =>
  html.match(/<div class="prose">([\s\S]*?)<\/div>\s*(?:<section|<nav|<\/article>)/)?.[1] ?? '';

describe('pages that render', () => {
  it('an empty body: title and excerpt, and no empty prose block', () => {
    const html = readPage(first, '/novice/prazno-telo/');
    expect(heading(html)).toBe('prazno-telo (sl)');
    expect(html).toContain(EXCERPT);
    expect(html).not.toContain('class="prose"');
  });

  it('a 1 MB body: every paragraph is on the page', () => {
    const html = readPage(first, '/novice/megabajt-besedila/');
    expect(Buffer.byteLength(html)).toBeGreaterThan(MEGABYTE);
    const expected = bodyOfBytes(MEGABYTE)
      .split('\n\n')
      .filter((p) => p && !p.startsWith('##')).length;
    expect(proseOf(html).match(/<p>/g)?.length).toBe(expected);
    expect(html).toContain('<h2>Poglavje 1</h2>');
  });

  it('a 10,000-item list: all items', () => {
    const html = readPage(first, '/novice/deset-tisoc-alinej/');
    expect(html.match(/<li>alineja \d+<\/li>/g)).toHaveLength(10_000);
    expect(html).toContain('<li>alineja 10000</li>');
  });

  it('č, š, ž, emoji and right-to-left text: exact titles, ASCII slugs made by the CMS', async () => {
    const { body } = await cms.graphql(`{ article(documentId: "${ids.unicode}", locale: "sl") { slug } }`);
    const slug = body.data.article.slug;
    expect(slug).toMatch(/^[a-z0-9-]+$/);
    expect(slug).toContain('cudezni-sopek-zafrana');
    const html = readPage(first, `/novice/${slug}/`);
    expect(heading(html)).toBe(UNICODE_TITLE);
    expect(html).toContain(`<title>${UNICODE_TITLE} | Zavod Koper Otok</title>`);
    const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]);
    expect(jsonLd.headline).toBe(UNICODE_TITLE);
    expect(readFileSync(path.join(first, 'rss.xml'), 'utf8')).toContain(`<title>${UNICODE_TITLE}</title>`);
    expect(heading(readPage(first, '/novice/samo-emoji/'))).toBe('🌼🎉🐝');
  });

  it('the same slug in Slovenian and English: two pages that link to each other', () => {
    const sl = readPage(first, '/novice/isti-slug/');
    const en = readPage(first, '/en/news/isti-slug/');
    expect(heading(sl)).toBe('isti-slug (sl)');
    expect(heading(en)).toBe('isti-slug (en)');
    expect(sl).toContain(`hreflang="en" href="${SITE_URL}/en/news/isti-slug/"`);
    expect(en).toContain(`hreflang="sl" href="${SITE_URL}/novice/isti-slug/"`);
  });

  it('an entry without a translation: its English page shows the Slovenian text with a notice', () => {
    const sl = readPage(first, '/novice/samo-slovensko/');
    expect(heading(sl)).toBe('samo-slovensko (sl)');
    expect(sl).toContain(`hreflang="en" href="${SITE_URL}/en/news/samo-slovensko/"`);
    // The fallback of lib/content/fallback.ts: the page exists, marked as Slovenian and untranslated.
    const en = readPage(first, '/en/news/samo-slovensko/');
    expect(en).toContain('<html lang="en"');
    expect(heading(en)).toBe('samo-slovensko (sl)');
    expect(en).toMatch(/<article class="container narrow" lang="sl">/);
    expect(en).toContain(t('en').untranslated);
  });

  it('every page of both builds is listed in the sitemap and has a heading', () => {
    for (const outDir of [first, second]) {
      expect(sitemapPaths(outDir, SITE_URL)).toEqual(indexablePagePaths(outDir));
      for (const urlPath of builtPagePaths(outDir))
        expect(heading(readPage(outDir, urlPath))?.trim(), urlPath).toBeTruthy();
    }
  });
});

describe('changes between builds', () => {
  it('a changed slug: the new URL renders, the old one redirects to it, and nothing links to the old one', () => {
    expect(heading(readPage(first, '/novice/stari-naslov/'))).toBe('stari-naslov (sl)');
    expect(heading(readPage(second, '/novice/novi-naslov/'))).toBe('stari-naslov (sl)');
    const moved = readPage(second, '/novice/stari-naslov/');
    expect(moved).toContain('<meta http-equiv="refresh" content="0;url=/novice/novi-naslov/">');
    expect(moved).toContain(`<link rel="canonical" href="${SITE_URL}/novice/novi-naslov/">`);
    expect(
      JSON.parse(readFileSync(path.join(second, 'path-history.json'), 'utf8'))[`article:${ids.renamed}:sl`],
    ).toEqual(['/novice/stari-naslov/', '/novice/novi-naslov/']);
    expect(sitemapPaths(second, SITE_URL)).not.toContain('/novice/stari-naslov/');
    expect(readPage(second, '/en/news/stari-naslov/')).toContain(
      `hreflang="sl" href="${SITE_URL}/novice/novi-naslov/"`,
    );
    expect(brokenInternalLinks(second)).toEqual([]);
  });

  it('a deleted related workshop: the article renders without the link, and no link is broken', () => {
    expect(readPage(first, '/novice/z-delavnico/')).toContain('href="/delavnice/izbrisana-delavnica/"');
    const after = readPage(second, '/novice/z-delavnico/');
    expect(heading(after)).toBe('z-delavnico (sl)');
    expect(after).not.toContain('izbrisana-delavnica');
    expect(existsSync(path.join(second, 'delavnice', 'izbrisana-delavnica'))).toBe(false);
    expect(brokenInternalLinks(first)).toEqual([]);
  });
});

describe('refused at save', () => {
  it("a body over Strapi's 1 MiB request limit is refused with 413 and nothing is saved", async () => {
    const response = await fetch(`${cms.url}/api/articles?locale=sl&status=published`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor.token}` },
      body: JSON.stringify({
        data: {
          title: 'Prevelik',
          slug: 'prevelik',
          excerpt: EXCERPT,
          publishedDate: '2026-05-01',
          body: bodyOfBytes(2 * MEGABYTE),
        },
      }),
    });
    expect(response.status).toBe(413);
    const { body } = await cms.graphql('{ articles(filters: { slug: { eq: "prevelik" } }) { title } }');
    expect(body.data.articles).toEqual([]);
  });

  it('a slug used twice in one language is refused, naming the slug', async () => {
    const { status, body } = await editor.tryUpdate('articles', ids.empty, 'sl', { slug: 'isti-slug' });
    expect(status).toBe(400);
    expect(body?.error?.details?.errors?.[0]?.path).toEqual(['slug']);
  });
});

describe('a build that fails', () => {
  it('a title of only spaces fails the build naming the entry and the field, and leaves no output', async () => {
    const blank = await article('prazen-naslov', { title: '   ' }, ['sl']);
    const outDir = path.join(tempDir('degenerate-failing'), 'dist');
    outDirs.push(path.dirname(outDir));
    const error = await buildSite({
      strapiUrl: cms.url,
      tokenFile: cms.tokenFile,
      siteUrl: SITE_URL,
      outDir,
      label: false,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`articles [sl] ${blank}`);
    expect((error as Error).message).toContain('field "title" is empty');
    expect(existsSync(outDir)).toBe(false);
  });
});
