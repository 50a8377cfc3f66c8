/**
 * The visitor's site in a real browser (Debian Chromium via playwright-core), built from a
 * real Strapi with the demo content: every page type in both languages, language switch,
 * keyboard access, search, accessibility (axe-core), paged lists, calendars, feeds, sitemaps, structured
 * data, internal links, and screenshots for a person to look at (.test-artifacts/screenshots).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { launchChromium, loopbackContext, serveDirectory, type ServedSite } from '../helpers/browser';
import { tempDir } from '../helpers/cms';
import { buildDemoSite, DEMO_PAGE_TYPES as PAGE_TYPES, SITE_URL, type DemoSite } from '../helpers/demo-site';
import { overflowingBoxes } from '../helpers/layout';
import { allTextFiles, brokenInternalLinks, sitemapFiles } from '../helpers/site-output';
import { htmlErrors } from '../helpers/vnu';

const screenshotsDir = path.join(repoRoot, '.test-artifacts', 'screenshots');

let demo: DemoSite;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  demo = await buildDemoSite();
  browser = await launchChromium();
  context = await loopbackContext(browser);
});
afterAll(async () => {
  await browser?.close();
  await demo?.dispose();
});

async function open(urlPath: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(demo.served.url + urlPath);
  expect(response?.status(), urlPath).toBe(200);
  return page;
}

describe('pages in both languages', () => {
  it.each(Object.entries(PAGE_TYPES))('%s renders its content in Slovenian and English', async (_kind, paths) => {
    for (const [i, urlPath] of paths.entries()) {
      const page = await open(urlPath);
      expect(await page.getAttribute('html', 'lang')).toBe(i === 0 ? 'sl' : 'en');
      expect((await page.locator('h1').first().textContent())?.trim().length).toBeGreaterThan(2);
      expect(await page.locator('main').innerText()).not.toHaveLength(0);
      await page.close();
    }
  });

  it('shows the article and workshop content itself', async () => {
    const article = await open(PAGE_TYPES.article[0]);
    expect(await article.locator('h1').textContent()).toBe('Nov vodič po ponudbi mestnega jedra za tuje turiste');
    expect(await article.locator('.prose').innerText()).toContain('slaščičarne');
    expect(await article.locator('picture img').getAttribute('alt')).toMatch(/mestnega jedra/);
    const workshop = await open(PAGE_TYPES.workshop[1]);
    expect(await workshop.locator('.facts').innerText()).toMatch(/Monday, 5 June 2017 at 10:00/);
    expect(await workshop.locator('.badge').innerText()).toContain('Held');
  });

  it('switches language to the translated page', async () => {
    const page = await open(PAGE_TYPES.article[0]);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`**${PAGE_TYPES.article[1]}`);
    expect(await page.locator('h1').textContent()).toBe('A new guide to the old town for foreign visitors');
    await page.getByRole('link', { name: 'Slovenščina' }).click();
    await page.waitForURL(`**${PAGE_TYPES.article[0]}`);
  });

  it('answers unknown URLs with the bilingual 404 page', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${demo.served.url}/ni-te-strani/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Strani ni mogoče najti');
    expect(await page.locator('[lang="en"] h2').textContent()).toBe('Page not found');
  });

  it('is valid HTML on every built page, to the W3C Nu checker', async () => {
    const pages = allTextFiles(demo.outDir).filter((f) => f.file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    expect(await htmlErrors(demo.outDir)).toEqual([]);
  });

  it('ships no client JavaScript outside the search page, but the registration form’s own script', () => {
    let formPages = 0;
    for (const { file, text } of allTextFiles(demo.outDir).filter((f) => f.file.endsWith('.html'))) {
      if (file.includes(`${path.sep}iskanje${path.sep}`) || file.includes(`${path.sep}search${path.sep}`)) continue;
      const scripts = [...text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      const hasForm = text.includes('data-registration-form');
      formPages += hasForm ? 1 : 0;
      expect(
        scripts.filter((attrs) => !attrs.includes('application/ld+json')),
        file,
      ).toEqual(hasForm ? [' src="/registration-form.js" defer'] : []);
    }
    expect(formPages, "the example workshop's page in both languages").toBe(2);
  });
});

describe('keyboard', () => {
  /** Tabs through the page and returns the href (or tag) of every element that got focus. */
  async function tabStops(page: Page, max = 80): Promise<string[]> {
    const stops: string[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          return el?.getAttribute('href') ?? el?.tagName.toLowerCase() ?? '';
        }),
      );
    }
    return stops;
  }

  it('reaches every header link and every region of the map', async () => {
    const page = await open(PAGE_TYPES.regions[0]);
    const stops = await tabStops(page);
    for (const href of [
      '/',
      '/novice/',
      '/delavnice/',
      '/regije/',
      '/partnerji/',
      '/o-zavodu/',
      '/iskanje/',
      '/en/regions/',
    ]) {
      expect(stops, href).toContain(href);
    }
    const regionLinks = await page
      .locator('.region-map a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(regionLinks).toHaveLength(12);
    for (const href of regionLinks) expect(stops, String(href)).toContain(href);
  });

  it('reaches the search box', async () => {
    const page = await open(PAGE_TYPES.search[0]);
    await page.waitForSelector('#search input');
    const stops = await tabStops(page, 20);
    expect(stops).toContain('input');
  });
});

describe('search', () => {
  it.each([
    ['sl', '/iskanje/', 'slaščičarne', 'Nov vodič po ponudbi mestnega jedra za tuje turiste'],
    ['en', '/en/search/', 'pastry', 'A new guide to the old town for foreign visitors'],
  ])('finds an article by a word of its body (%s)', async (_locale, searchPath, word, title) => {
    const page = await open(searchPath);
    await page.locator('#search input').fill(word);
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toBe(title);
  });
});

describe('accessibility', () => {
  it.each(Object.entries(PAGE_TYPES))('%s has no axe-core violations (WCAG 2.1 AA)', async (_kind, paths) => {
    for (const urlPath of paths) {
      const page = await open(urlPath);
      if (urlPath.includes('search') || urlPath.includes('iskanje')) await page.waitForSelector('#search input');
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        urlPath,
      ).toEqual([]);
      await page.close();
    }
  });
});

describe('paged lists', () => {
  // The demo has three articles and two past workshops a language: at two articles and one past
  // workshop a page, the news and the workshop archive both get a second page.
  let paged: ServedSite;
  let outRoot: string;
  beforeAll(async () => {
    outRoot = tempDir('paged-site');
    const outDir = path.join(outRoot, 'dist');
    const env = { NEWS_PAGE_SIZE: '1', PAST_WORKSHOPS_PAGE_SIZE: '1' };
    await buildSite({
      strapiUrl: demo.cms.url,
      tokenFile: demo.cms.tokenFile,
      siteUrl: SITE_URL,
      outDir,
      label: false,
      env,
    });
    paged = await serveDirectory(outDir);
  });
  afterAll(async () => {
    await paged?.close();
    if (outRoot) rmSync(outRoot, { recursive: true, force: true });
  });

  it.each([
    ['/novice/', '/novice/stran/'],
    ['/en/news/', '/en/news/page/'],
    ['/delavnice/', '/delavnice/stran/'],
    ['/en/workshops/', '/en/workshops/page/'],
  ])('%s links to its newest archive page and back, and the archive page passes axe-core', async (first, archive) => {
    const page = await context.newPage();
    await page.goto(paged.url + first);
    await page.locator('nav.pager a[rel="next"]').click();
    await page.waitForURL((url) => url.pathname.startsWith(archive));
    const second = new URL(page.url()).pathname;
    expect(second).toMatch(/\/\d+\/$/);
    // An archive page is named by the dates it spans, in its heading and its pager.
    const span = await page.locator('nav.pager span').textContent();
    expect(span).toMatch(/\d{4}/);
    expect(await page.locator('h1').textContent()).toContain(span);
    expect(await page.locator('main .card').count()).toBeGreaterThan(0);
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      violations.map((v) => v.id),
      second,
    ).toEqual([]);
    await page.locator('nav.pager a[rel="prev"]').click();
    await page.waitForURL(paged.url + first);
    await page.close();
  });
});

describe('calendars, feeds, sitemaps and structured data', () => {
  const fileOf = (url: string) => {
    const { pathname } = new URL(url, SITE_URL);
    const direct = path.join(demo.outDir, decodeURI(pathname));
    return pathname.endsWith('/') ? path.join(direct, 'index.html') : direct;
  };

  it('gives each dated workshop an .ics file with its start in Europe/Ljubljana', async () => {
    const response = await fetch(
      `${demo.served.url}/delavnice/delavnica-o-managementu-mestnih-sredisc-na-jesenicah.ics`,
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Delavnica o managementu mestnih središč na Jesenicah');
    const start = event.startDate.toJSDate();
    const local = new Intl.DateTimeFormat('sl-SI', {
      timeZone: 'Europe/Ljubljana',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(start);
    expect(local).toMatch(/5\. 6\. (20)?17,? 10:00/);
  });

  it('offers a calendar feed of all dated workshops per language', async () => {
    for (const feed of ['/delavnice.ics', '/en/workshops.ics']) {
      const calendar = new ICAL.Component(ICAL.parse(readFileSync(fileOf(feed), 'utf8')));
      // Jesenice and Postojna, and the example workshop with registration open.
      expect(calendar.getAllSubcomponents('vevent'), feed).toHaveLength(3);
    }
  });

  it('publishes well-formed RSS feeds and sitemaps whose links all resolve to built pages', () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const files = ['rss.xml', 'en/rss.xml', 'sitemap-index.xml', ...sitemapFiles(demo.outDir)];
    for (const file of files) {
      const xml = readFileSync(path.join(demo.outDir, file), 'utf8');
      expect(XMLValidator.validate(xml), file).toBe(true);
      const links = [...xml.matchAll(/<(?:loc|link)>([^<]+)<\/(?:loc|link)>|href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
      expect(links.length, file).toBeGreaterThan(0);
      for (const link of links) {
        expect(link.startsWith(SITE_URL), `${link} in ${file}`).toBe(true);
        expect(existsSync(fileOf(link)), `${link} in ${file}`).toBe(true);
      }
      parser.parse(xml);
    }
    const rss = parser.parse(readFileSync(path.join(demo.outDir, 'rss.xml'), 'utf8'));
    expect(rss.rss.channel.item.length).toBeGreaterThanOrEqual(3);
    expect(rss.rss.channel.item[0]['content:encoded']).toContain('<p>');
    expect(readFileSync(path.join(demo.outDir, 'robots.txt'), 'utf8')).toContain(
      `Sitemap: ${SITE_URL}/sitemap-index.xml`,
    );
  });

  it('describes articles, workshops and organisations with valid JSON-LD', () => {
    const required: Record<string, string[]> = {
      NewsArticle: ['headline', 'datePublished', 'mainEntityOfPage', 'publisher'],
      Event: ['name', 'startDate', 'location', 'organizer', 'eventStatus'],
      Organization: ['name', 'url'],
      GovernmentOrganization: ['name', 'url'],
    };
    const seen = new Set<string>();
    for (const { file, text } of allTextFiles(demo.outDir).filter((f) => f.file.endsWith('.html'))) {
      for (const [, json] of text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        const data = JSON.parse(json);
        expect(Object.keys(required), file).toContain(data['@type']);
        for (const key of required[data['@type']]) expect(data[key], `${data['@type']}.${key} in ${file}`).toBeTruthy();
        seen.add(data['@type']);
      }
    }
    expect([...seen].sort()).toEqual(['Event', 'GovernmentOrganization', 'NewsArticle', 'Organization']);
  });

  it('has no broken internal links anywhere in the build', () => {
    expect(brokenInternalLinks(demo.outDir)).toEqual([]);
  });
});

describe('layout at phone and desktop widths', () => {
  // Long words pasted by staff are checked the same way on the hostile corpus (tests/integration/hostile-content.test.ts).
  it('fits every page type into a 375 px and a 1280 px viewport without horizontal scrolling or a box overflowing its card or column, and saves a screenshot of each', async () => {
    mkdirSync(screenshotsDir, { recursive: true });
    const tooWide: string[] = [];
    let measured = 0;
    for (const width of [375, 1280]) {
      const shots = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await shots.newPage();
      for (const [kind, [sl, en]] of Object.entries(PAGE_TYPES)) {
        for (const [locale, urlPath] of [
          ['sl', sl],
          ['en', en],
        ]) {
          const response = await page.goto(demo.served.url + urlPath, { waitUntil: 'networkidle' });
          expect(response?.status(), urlPath).toBe(200);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > width) tooWide.push(`${urlPath} is ${scrollWidth} px wide in a ${width} px viewport`);
          for (const box of await overflowingBoxes(page)) tooWide.push(`${urlPath} at ${width} px: ${box}`);
          measured += 1;
          await page.screenshot({ path: path.join(screenshotsDir, `${kind}-${locale}-${width}.png`), fullPage: true });
        }
      }
      await shots.close();
    }
    expect(measured).toBe(Object.keys(PAGE_TYPES).length * 2 * 2);
    expect(tooWide).toEqual([]);
  });
});
