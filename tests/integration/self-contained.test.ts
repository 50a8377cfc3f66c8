/**
 * The built site stands alone: built from a real Strapi whose article bodies show a media-library
 * image and link a PDF, then served with Strapi stopped, every page type in both languages opens
 * in Chromium without one request to the CMS and without a missing image. The English bodies name
 * the files by Strapi's public address (as the admin's editor writes them), which the build cannot
 * reach: it downloads them from STRAPI_URL. Body images are
 * optimised like covers, the PDF is a file of the build, shared images (og:image, JSON-LD, RSS)
 * are on the site's own URL, and a second build re-encodes nothing. A body naming a file the media
 * library no longer has fails the build with the file's URL.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteDir } from '../../scripts/lib/paths.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { adminSession, collection, type AdminSession, type UploadedFile } from '../helpers/admin-api';
import { launchChromium, serveDirectory, type ServedSite } from '../helpers/browser';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { DEMO_PAGE_TYPES, SITE_URL } from '../helpers/demo-site';
import { allTextFiles, readPage } from '../helpers/site-output';

const ARTICLE = { sl: DEMO_PAGE_TYPES.article[0], en: DEMO_PAGE_TYPES.article[1] };
// A small but complete PDF document, as an editor's upload would be.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
// Strapi's public address in the English bodies: a reserved name that resolves nowhere.
const CMS_PUBLIC_URL = 'https://cms.koper-otok.test';
const assetsCache = path.join(siteDir, 'node_modules', '.astro', 'assets');
const mediaFilesCache = path.join(siteDir, 'node_modules', '.astro', 'media-files');

let cms: TestCms;
let cmsHost: string;
let outDir: string;
let secondOutDir: string;
let bodyImage: UploadedFile & { width: number; height: number };
let pdf: UploadedFile;
let served: ServedSite;
let browser: Browser;
let context: BrowserContext;
/** Astro's cached encodings of the body image after the first build: file name -> mtime. */
let encodedAfterFirstBuild: Map<string, number>;
/** The PDF's download in the media-files cache after the first build: path and mtime. */
let pdfDownload: { file: string; mtimeMs: number };

async function uploadPdf(): Promise<UploadedFile> {
  const form = new FormData();
  form.append('files', new Blob([PDF], { type: 'application/pdf' }), 'letno-porocilo.pdf');
  form.append('fileInfo', JSON.stringify({ name: 'letno-porocilo.pdf' }));
  const admin = await adminSession(cms.url, DEMO_ADMIN);
  const response = await fetch(`${cms.url}/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as UploadedFile[])[0];
}

/** ARTICLE's seeded body in one language, and its documentId. */
async function seededArticle(admin: AdminSession, locale: keyof typeof ARTICLE) {
  const slug = ARTICLE[locale].split('/').at(-2);
  const list = await admin.request<{ results: { documentId: string; body: string }[] }>(
    'GET',
    `${collection('article')}?locale=${locale}&filters[slug][$eq]=${slug}`,
  );
  const [entry] = list.body.results;
  expect(entry, `${locale} article ${slug}`).toBeDefined();
  return entry;
}

async function publishBody(admin: AdminSession, locale: string, documentId: string, body: string): Promise<void> {
  const saved = await admin.request('PUT', `${collection('article')}/${documentId}?locale=${locale}`, { body });
  expect(saved.status).toBe(200);
  const published = await admin.request(
    'POST',
    `${collection('article')}/${documentId}/actions/publish?locale=${locale}`,
    {},
  );
  expect(published.status).toBe(200);
}

/** Gives both language versions of ARTICLE a body with the image and the PDF, and publishes it. */
async function addMediaToArticle(admin: AdminSession): Promise<void> {
  for (const locale of ['sl', 'en'] as const) {
    const entry = await seededArticle(admin, locale);
    const base = locale === 'en' ? CMS_PUBLIC_URL : cms.url;
    const body =
      `${entry.body}\n\n![Mestno jedro s trga](${base}${bodyImage.url})\n\n` +
      `[Letno poročilo (PDF)](${base}${pdf.url})\n`;
    await publishBody(admin, locale, entry.documentId, body);
  }
}

const build = (dir: string) =>
  buildSite({
    strapiUrl: cms.url,
    tokenFile: cms.tokenFile,
    siteUrl: SITE_URL,
    outDir: dir,
    label: false,
    // As in production (deploy/env/rebuild.env.example): the site's web server passes the
    // registration routes to Strapi, so the form posts to the site's own address.
    env: { STRAPI_PUBLIC_URL: CMS_PUBLIC_URL, REGISTRATION_API_URL: '/' },
  });

/** Files in Astro's image cache that hold encodings of the body image. */
function bodyImageEncodings(): Map<string, number> {
  const stem = path.basename(bodyImage.url).replace(/\.[^.]+$/, '');
  return new Map(
    readdirSync(assetsCache)
      .filter((name) => name.startsWith(`${stem}_`) && !name.endsWith('.json'))
      .map((name) => [name, statSync(path.join(assetsCache, name)).mtimeMs]),
  );
}

beforeAll(async () => {
  cms = await startTestCms();
  cmsHost = new URL(cms.url).host;
  const admin = await adminSession(cms.url, DEMO_ADMIN);
  const uploaded = await admin.upload('mestno-jedro-koper.jpg', { alternativeText: 'Mestno jedro' });
  expect(uploaded.status).toBe(201);
  bodyImage = uploaded.body[0] as typeof bodyImage;
  pdf = await uploadPdf();
  await addMediaToArticle(admin);

  outDir = path.join(tempDir('self-contained'), 'dist');
  await build(outDir);
  encodedAfterFirstBuild = bodyImageEncodings();
  const pdfCacheName = createHash('sha256').update(`${cms.url}${pdf.url}`).digest('hex').slice(0, 32);
  const pdfCacheFile = path.join(mediaFilesCache, pdfCacheName);
  pdfDownload = { file: pdfCacheFile, mtimeMs: statSync(pdfCacheFile).mtimeMs };
  secondOutDir = path.join(tempDir('self-contained-again'), 'dist');
  await build(secondOutDir);

  await cms.stop();
  served = await serveDirectory(outDir);
  browser = await launchChromium();
  context = await browser.newContext();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await cms?.dispose();
});

describe('the built site without its CMS', () => {
  it('opens every page type in both languages with no request to the CMS and every image loaded', async () => {
    for (const pagePath of [...Object.values(DEMO_PAGE_TYPES).flat(), '/404.html']) {
      {
        const page = await context.newPage();
        const requests: string[] = [];
        const failed: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText})`));
        const response = await page.goto(served.url + pagePath);
        expect(response?.status(), pagePath).toBe(200);
        // Lazy images load once scrolled to; each is then decoded, or its promise rejects.
        const images = await page.evaluate(async () => {
          const all = Array.from(document.images);
          for (const image of all) {
            image.scrollIntoView();
            await image.decode().catch(() => undefined);
          }
          return all.map((image) => ({ src: image.currentSrc, loaded: image.complete && image.naturalWidth > 0 }));
        });
        await page.waitForLoadState('networkidle');
        for (const image of images) expect(image.loaded, `${image.src} on ${pagePath}`).toBe(true);
        expect(failed, pagePath).toEqual([]);
        expect(requests.length, pagePath).toBeGreaterThan(0);
        for (const url of requests) {
          expect(new URL(url).host, `${url} from ${pagePath}`).toBe(new URL(served.url).host);
        }
        await page.close();
      }
    }
  });

  it('shows body images optimised like covers: AVIF and WebP, srcset, width and height, lazy', async () => {
    for (const pagePath of Object.values(ARTICLE)) {
      const page = await context.newPage();
      await page.goto(served.url + pagePath);
      const picture = page.locator('.prose picture');
      expect(await picture.count(), pagePath).toBe(1);
      const sources = await picture
        .locator('source')
        .evaluateAll((nodes) =>
          nodes.map((node) => ({ type: node.getAttribute('type'), srcset: node.getAttribute('srcset') })),
        );
      expect(sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
      for (const source of sources) expect(source.srcset).toMatch(/^\/_astro\/\S+ \d+w/);
      const img = picture.locator('img');
      expect(await img.getAttribute('alt')).toBe('Mestno jedro s trga');
      expect(await img.getAttribute('src')).toMatch(/^\/_astro\/.+\.jpg$/);
      expect(await img.getAttribute('srcset')).toMatch(/ 400w, .+ \d+w$/);
      expect(await img.getAttribute('loading')).toBe('lazy');
      expect(await img.getAttribute('decoding')).toBe('async');
      expect(Number(await img.getAttribute('width'))).toBe(bodyImage.width);
      expect(Number(await img.getAttribute('height'))).toBe(bodyImage.height);
      await page.close();
    }
  });

  it('links the PDF as a file of the build, under a stable path with its media-library name', async () => {
    const href = `/media/${path.basename(pdf.url)}`;
    for (const pagePath of Object.values(ARTICLE)) {
      expect(readPage(outDir, pagePath)).toContain(`href="${href}"`);
    }
    const response = await fetch(served.url + href);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect(readFileSync(path.join(secondOutDir, href)).equals(PDF)).toBe(true);
  });

  it('shares images from the site itself: og:image, JSON-LD images and logos, RSS', () => {
    const article = readPage(outDir, ARTICLE.sl);
    const ogImage = article.match(/<meta property="og:image" content="([^"]+)"/)?.[1];
    expect(ogImage).toMatch(new RegExp(`^${SITE_URL}/_astro/`));
    expect(existsSync(path.join(outDir, new URL(ogImage!).pathname))).toBe(true);

    const jsonLd = [ARTICLE.sl, DEMO_PAGE_TYPES.partner[0], '/']
      .flatMap((p) => [...readPage(outDir, p).matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)])
      .map(([, json]) => json);
    const images = jsonLd.flatMap((json) => [...json.matchAll(/"(?:image|logo)":\[?"([^"]+)"/g)].map((m) => m[1]));
    expect(images.length).toBeGreaterThan(1);
    for (const url of images) {
      expect(url.startsWith(`${SITE_URL}/_astro/`), url).toBe(true);
      expect(existsSync(path.join(outDir, new URL(url).pathname)), url).toBe(true);
    }

    for (const feed of ['rss.xml', 'en/rss.xml']) {
      const xml = readFileSync(path.join(outDir, feed), 'utf8');
      expect(xml, feed).toMatch(new RegExp(`img src=(&quot;|")${SITE_URL}/_astro/[^"&]+\\.jpg`));
      expect(xml, feed).toContain(`${SITE_URL}/media/${path.basename(pdf.url)}`);
    }
  });

  it('names the CMS in no built file; the registration form posts to the site itself', () => {
    const files = allTextFiles(outDir);
    for (const { file, text } of files) {
      expect(text.includes(cmsHost), file).toBe(false);
      expect(text.includes(new URL(CMS_PUBLIC_URL).host), file).toBe(false);
    }
    const forms = files.filter(({ file, text }) => file.endsWith('.html') && text.includes('data-registration-form'));
    expect(forms.length).toBeGreaterThan(0);
    for (const { text } of forms) expect(text).toContain('action="/api/registrations"');
  });

  it('re-encodes nothing on a second build: the cached encodings are reused as they are', () => {
    expect(encodedAfterFirstBuild.size).toBeGreaterThanOrEqual(3);
    expect(bodyImageEncodings()).toEqual(encodedAfterFirstBuild);
    const encoded = (dir: string) =>
      readdirSync(path.join(dir, '_astro'))
        .filter((name) => name.startsWith(path.basename(bodyImage.url).replace(/\.[^.]+$/, '')))
        .sort();
    expect(encoded(secondOutDir)).toEqual(encoded(outDir));
  });

  it('downloads an unchanged media file once: the second build revalidates its cached copy', () => {
    expect(readFileSync(pdfDownload.file).equals(PDF)).toBe(true);
    expect(statSync(pdfDownload.file).mtimeMs).toBe(pdfDownload.mtimeMs);
  });
});

// Last: Strapi runs again, and the demo article's body names files the media library no longer has.
describe('a build whose body names a missing media file', () => {
  let admin: AdminSession;
  let entry: { documentId: string; body: string };
  beforeAll(async () => {
    await cms.restart();
    admin = await adminSession(cms.url, DEMO_ADMIN);
    entry = await seededArticle(admin, 'sl');
  });

  it('fails, naming the image', async () => {
    const gone = `${cms.url}/uploads/izbrisana_slika_0a1b2c.jpg`;
    await publishBody(admin, 'sl', entry.documentId, `${entry.body}\n\n![Izbrisana](${gone})\n`);
    const failed = build(path.join(tempDir('self-contained-gone'), 'dist'));
    await expect(failed).rejects.toThrow(`image ${gone} cannot be read from the media library`);
  });

  it('fails, naming the linked file', async () => {
    const gone = `${cms.url}/uploads/izbrisano_porocilo_0a1b2c.pdf`;
    await publishBody(admin, 'sl', entry.documentId, `${entry.body}\n\n[Poročilo](${gone})\n`);
    const failed = build(path.join(tempDir('self-contained-gone'), 'dist'));
    await expect(failed).rejects.toThrow(`media file ${gone}, linked from the content, cannot be downloaded: HTTP 404`);
  });
});
