/**
 * Alternative text, captions and SEO per language, through a real Strapi and a real site build:
 *   - an image's alt text and caption come from the entry's field of the page's language
 *     (coverAlt, coverCaption), else from the media library; publishing an image without
 *     either is refused in that language, naming the field;
 *   - an entry's SEO fields (shared.seo, per language) become the page's <title>, meta
 *     description and og:image (a copy on the site's origin), with today's fallbacks when empty;
 *   - "do not index" gives <meta name="robots" content="noindex"> and keeps the page out of the
 *     sitemap and out of the site's own search index, in that language only;
 *   - a meta title over 60 characters is refused at save.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { openEditor, solidPng, type CmsEditor } from '../helpers/cms-editor';
import { SITE_URL } from '../helpers/demo-site';
import { readPage, sitemapPaths } from '../helpers/site-output';

const EXCERPT_SL = 'Povzetek novice o mestnem jedru, dovolj dolg za objavo in za opis v iskalnikih.';
const EXCERPT_EN = 'Summary of the news about the old town, long enough to publish and to describe it.';

let cms: TestCms;
let editor: CmsEditor;
let outDir: string;
const images: Record<'unlabelled' | 'labelled' | 'share', number> = { unlabelled: 0, labelled: 0, share: 0 };

const png = (name: string, rgb: [number, number, number]) => ({
  name,
  bytes: solidPng(1200, 630, rgb),
  mime: 'image/png',
});

beforeAll(async () => {
  cms = await startTestCms();
  editor = await openEditor(cms);
  images.unlabelled = await editor.upload(png('brez-opisa.png', [200, 80, 40]));
  images.labelled = await editor.upload(png('trg.png', [40, 120, 200]), {
    alternativeText: 'Trg v Kopru (iz knjižnice)',
    caption: 'Napis iz knjižnice',
  });
  images.share = await editor.upload(png('deljenje.png', [20, 160, 90]), { alternativeText: 'Slika za deljenje' });

  const { documentId: article } = await editor.create(
    'articles',
    'sl',
    {
      title: 'Prenovljeno mestno jedro',
      slug: 'prenovljeno-mestno-jedro',
      excerpt: EXCERPT_SL,
      publishedDate: '2026-05-01',
      cover: images.unlabelled,
      coverAlt: 'Prenovljene hiše ob Titovem trgu',
      coverCaption: 'Foto: Zavod Koper Otok',
      seo: {
        metaTitle: 'Mestno jedro Kopra po prenovi',
        metaDescription: 'Kaj je novega v jedru.',
        shareImage: images.share,
      },
    },
    { publish: true },
  );
  await editor.translate(
    'articles',
    article,
    'en',
    {
      title: 'The renovated old town',
      slug: 'renovated-old-town',
      excerpt: EXCERPT_EN,
      coverAlt: 'Renovated houses on Tito Square',
      coverCaption: 'Photo: Koper Otok institute',
      seo: { metaTitle: "Koper's old town after the renovation" },
    },
    { publish: true },
  );

  const { documentId: partner } = await editor.create(
    'partners',
    'sl',
    { name: 'Trgovci starega mesta', slug: 'trgovci-starega-mesta', kind: 'business', logo: images.labelled },
    { publish: true },
  );
  await editor.translate(
    'partners',
    partner,
    'en',
    { name: 'Old town traders', slug: 'old-town-traders' },
    { publish: true },
  );

  const { documentId: workshop } = await editor.create(
    'workshops',
    'sl',
    {
      title: 'Interna delavnica',
      slug: 'interna-delavnica',
      eventStatus: 'planned',
      image: images.labelled,
      imageAlt: 'Udeleženci za mizo',
      seo: { noIndex: true },
    },
    { publish: true },
  );
  await editor.translate(
    'workshops',
    workshop,
    'en',
    { title: 'Internal workshop', slug: 'internal-workshop', imageAlt: 'Participants at a table' },
    { publish: true },
  );

  outDir = path.join(tempDir('seo-site'), 'dist');
  await buildSite({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL, outDir, label: false });
});
afterAll(async () => {
  if (outDir) rmSync(path.dirname(outDir), { recursive: true, force: true });
  await cms?.dispose();
});

/** The content of the first <meta> with this name or property. */
const meta = (html: string, key: string) =>
  html.match(new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`))?.[1];
const title = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];
const altOf = (html: string, cls: string) => html.match(new RegExp(`<img[^>]*class="${cls}"[^>]*>`))?.[0];

/** The URLs the Pagefind index holds: every fragment is gzip'd JSON after a signature. */
function searchIndexUrls(): string[] {
  const folder = path.join(outDir, 'pagefind', 'fragment');
  return readdirSync(folder).map((file) => {
    const text = gunzipSync(readFileSync(path.join(folder, file))).toString('utf8');
    return JSON.parse(text.slice(text.indexOf('{'))).url as string;
  });
}

describe('alternative text and captions per language', () => {
  it('shows the Slovenian text on the Slovenian page and the English text on the English page', () => {
    const sl = readPage(outDir, '/novice/prenovljeno-mestno-jedro/');
    const en = readPage(outDir, '/en/news/renovated-old-town/');
    expect(altOf(sl, 'cover')).toContain('alt="Prenovljene hiše ob Titovem trgu"');
    expect(sl).toContain('<figcaption>Foto: Zavod Koper Otok</figcaption>');
    expect(altOf(en, 'cover')).toContain('alt="Renovated houses on Tito Square"');
    expect(en).toContain('<figcaption>Photo: Koper Otok institute</figcaption>');
    expect(en).not.toContain('Prenovljene hiše');

    const workshopEn = readPage(outDir, '/en/workshops/internal-workshop/');
    expect(altOf(workshopEn, 'cover')).toContain('alt="Participants at a table"');
  });

  it("falls back to the media library's alt text and caption in every language", () => {
    for (const page of ['/partnerji/trgovci-starega-mesta/', '/en/partners/old-town-traders/']) {
      const html = readPage(outDir, page);
      expect(altOf(html, 'logo'), page).toContain('alt="Trg v Kopru (iz knjižnice)"');
      expect(html, page).toContain('<figcaption>Napis iz knjižnice</figcaption>');
    }
  });

  it('refuses to publish an image without alt text in the language being published, naming the field', async () => {
    const data = { title: 'Brez opisa', slug: 'brez-opisa', excerpt: EXCERPT_SL, publishedDate: '2026-05-02' };
    await expect(
      editor.create('articles', 'sl', { ...data, cover: images.unlabelled }, { publish: true }),
    ).rejects.toThrow(/HTTP 400.*Nadomestno besedilo naslovne slike: izbrana slika \(Naslovna slika\) nima/);

    const { documentId } = await editor.create(
      'articles',
      'sl',
      { ...data, cover: images.unlabelled, coverAlt: 'Prazna ulica' },
      { publish: true },
    );
    await expect(
      editor.translate(
        'articles',
        documentId,
        'en',
        { title: 'No description', slug: 'no-description', excerpt: EXCERPT_EN },
        { publish: true },
      ),
    ).rejects.toThrow(/HTTP 400.*coverAlt/);
  });
});

describe('SEO fields per language', () => {
  it('uses the meta title, description and share image of the page language when set', () => {
    const sl = readPage(outDir, '/novice/prenovljeno-mestno-jedro/');
    expect(title(sl)).toBe('Mestno jedro Kopra po prenovi');
    expect(meta(sl, 'og:title')).toBe('Mestno jedro Kopra po prenovi');
    expect(meta(sl, 'description')).toBe('Kaj je novega v jedru.');
    const en = readPage(outDir, '/en/news/renovated-old-town/');
    expect(title(en)).toBe('Koper&#39;s old town after the renovation');
    // No English description or share image: the excerpt and the cover, as before.
    expect(meta(en, 'description')).toBe(EXCERPT_EN);

    const shared = [meta(sl, 'og:image'), meta(en, 'og:image')];
    for (const url of shared) {
      expect(url?.startsWith(`${SITE_URL}/`), url).toBe(true);
      expect(existsSync(path.join(outDir, new URL(url!).pathname)), `${url} copied into the build`).toBe(true);
    }
    expect(shared[0]).not.toBe(shared[1]);
    expect(meta(sl, 'og:image:alt')).toBe('Slika za deljenje');
    expect(meta(en, 'og:image:alt')).toBe('Renovated houses on Tito Square');
  });

  it("keeps today's title and description on pages without SEO fields", () => {
    const html = readPage(outDir, '/partnerji/trgovci-starega-mesta/');
    expect(title(html)).toMatch(/^Trgovci starega mesta \| /);
    expect(meta(html, 'og:image')).toMatch(new RegExp(`^${SITE_URL}/`));
  });

  it('keeps a "do not index" page out of search engines, the sitemap and the site search, in its language only', () => {
    const sl = readPage(outDir, '/delavnice/interna-delavnica/');
    const en = readPage(outDir, '/en/workshops/internal-workshop/');
    expect(sl).toContain('<meta name="robots" content="noindex">');
    expect(sl).not.toContain('data-pagefind-body');
    expect(en).not.toContain('<meta name="robots"');
    expect(en).toContain('data-pagefind-body');

    const sitemap = sitemapPaths(outDir, SITE_URL);
    expect(sitemap).not.toContain('/delavnice/interna-delavnica/');
    expect(sitemap).toContain('/en/workshops/internal-workshop/');

    const searchable = searchIndexUrls();
    expect(searchable).toContain('/en/workshops/internal-workshop/');
    expect(searchable).not.toContain('/delavnice/interna-delavnica/');
  });

  it('labels the SEO fields in Slovenian in the Content Manager, wherever a type embeds them', async () => {
    const { status, body } = await cms.rest<{
      data: { component: { metadatas: Record<string, { edit: { label: string; description: string } }> } };
    }>('GET', '/content-manager/components/shared.seo/configuration', undefined, editor.adminJwt);
    expect(status).toBe(200);
    const { metadatas } = body.data.component;
    expect(metadatas.metaTitle.edit.label).toBe('Naslov za iskalnike');
    expect(metadatas.noIndex.edit.label).toBe('Ne indeksiraj');
    expect(metadatas.metaDescription.edit.description).toMatch(/največ 160 znakov/);
  });

  it('refuses a meta title over 60 characters at save', async () => {
    const { documentId } = await editor.create('regions', 'sl', {
      name: 'Testna regija',
      slug: 'testna-regija',
      code: 'SI031',
    });
    const { status, body } = await editor.tryUpdate('regions', documentId, 'sl', {
      seo: { metaTitle: 'x'.repeat(61) },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body?.error)).toContain('metaTitle');
  });
});
