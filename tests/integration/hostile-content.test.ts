/**
 * Hostile content through the whole pipeline: the payload corpus (tests/fixtures/hostile) is
 * written into every text field of every type of a real Strapi (tests/helpers/hostile-content.ts
 * defines and checks the coverage), published, built into a real site, and every built page is
 * opened in Chromium with a trap for any script that runs (tests/helpers/xss-trap.ts). The
 * outputs that are not HTML are checked too: JSON-LD, RSS, iCalendar, sitemaps. Every page must be
 * valid HTML to the W3C checker (tests/helpers/vnu.ts). Benign formatting must survive, and titles
 * must come out as the exact text staff typed.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutForbiddenCharacters } from '../../site/src/lib/content/forbidden-characters';
import { entryPathOf, homePath, listPath, searchPath } from '../../site/src/lib/content/routes';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { PAYLOADS } from '../fixtures/hostile/payloads';
import { launchChromium, loopbackContext, serveDirectory, type ServedSite } from '../helpers/browser';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { openEditor, type Plural } from '../helpers/cms-editor';
import { SITE_URL } from '../helpers/demo-site';
import {
  ENTRIES_PER_TYPE,
  hostileSlug,
  planHostileContent,
  probeUrlFields,
  seedHostileContent,
  type FieldKind,
  type HostilePlan,
  type UrlProbe,
} from '../helpers/hostile-content';
import { builtPagePaths, readPage, sitemapFiles } from '../helpers/site-output';
import { overflowingBoxes } from '../helpers/layout';
import { htmlErrors } from '../helpers/vnu';
import { armTrap, type Trap } from '../helpers/xss-trap';

const TYPES: {
  plural: Plural;
  type: 'article' | 'workshop' | 'region' | 'partner' | 'page';
  label: 'title' | 'name';
  markdown: string;
}[] = [
  { plural: 'articles', type: 'article', label: 'title', markdown: 'body' },
  { plural: 'workshops', type: 'workshop', label: 'title', markdown: 'description' },
  { plural: 'regions', type: 'region', label: 'name', markdown: 'description' },
  { plural: 'partners', type: 'partner', label: 'name', markdown: 'description' },
  { plural: 'pages', type: 'page', label: 'title', markdown: 'body' },
];
/** The URL of a hostile entry's page. */
const hostilePath = (type: (typeof TYPES)[number]['type'], plural: Plural, locale: 'sl' | 'en', i: number) =>
  entryPathOf({ type, locale, slug: hostileSlug(plural, i) });
const LOCALES = ['sl', 'en'] as const;

let cms: TestCms;
let plan: HostilePlan;
let urls: UrlProbe;
let outDir: string;
let served: ServedSite;
let browser: Browser;
let context: BrowserContext;
let trap: Trap;
let pagePaths: string[];
/** What each visited entry page showed, for the assertions below. */
const seen = new Map<string, { h1: string; benign: Record<string, boolean> }>();

/** How HTML parsing hands element text back: CR LF and CR become LF, NUL characters are dropped. */
const asParsed = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\0/g, '');
/** What staff typed, less the characters HTML forbids (the site leaves those out, so pages stay valid). */
const asShown = (value: unknown) => withoutForbiddenCharacters(value as string);
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const withoutControls = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

async function recordEntryPage(page: Page, urlPath: string): Promise<void> {
  if (new URL(page.url()).pathname !== urlPath) return; // navigated away: a breach, already recorded
  const h1 = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '(no h1)');
  const benign = await page.evaluate(() => {
    const prose = document.querySelector('.prose');
    return {
      heading: !!prose?.querySelector('h2'),
      list: (prose?.querySelectorAll('ul > li').length ?? 0) >= 2,
      link: !!prose?.querySelector('a[href="https://example.test/benign"][rel="noopener noreferrer"]'),
      image: !!prose?.querySelector('img[src="https://example.test/benign.png"][alt="a benign image"]'),
      table: prose?.querySelector('table td')?.textContent === 'cell',
      code: prose?.querySelector('pre code.language-js')?.textContent?.includes('const benign = true;') ?? false,
    };
  });
  seen.set(urlPath, { h1, benign });
}

beforeAll(async () => {
  const started = Date.now();
  const lap = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const stages: string[] = [];
  cms = await startTestCms();
  plan = planHostileContent(PAYLOADS);
  const editor = await openEditor(cms);
  stages.push(`Strapi ${lap()}`);
  urls = await probeUrlFields(editor, PAYLOADS);
  stages.push(`URL probe ${lap()}`);
  await seedHostileContent(editor, plan, urls.accepted);
  stages.push(`seeded ${lap()}`);
  outDir = path.join(tempDir('hostile-site'), 'dist');
  await buildSite({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL, outDir, label: false });
  stages.push(`built ${lap()}`);
  served = await serveDirectory(outDir);
  browser = await launchChromium();
  context = await loopbackContext(browser);
  trap = await armTrap(context, served.url);
  pagePaths = [...builtPagePaths(outDir), '/404.html'];
  const entryPaths = new Set(
    TYPES.flatMap(({ plural, type }) =>
      LOCALES.flatMap((l) => Array.from({ length: ENTRIES_PER_TYPE }, (_, i) => hostilePath(type, plural, l, i))),
    ),
  );
  // Three tabs at a time: the pages are independent and Chromium waits mostly on the network.
  const queue = [...pagePaths];
  const visitors = await Promise.all([1, 2, 3].map(() => trap.newVisitor()));
  await Promise.all(
    visitors.map(async (visitor) => {
      for (let urlPath = queue.shift(); urlPath; urlPath = queue.shift()) {
        const page = await visitor.visit(urlPath);
        if (entryPaths.has(urlPath)) await recordEntryPage(page, urlPath);
      }
    }),
  );
  stages.push(`browsed ${lap()}`);
  console.log(`hostile-content: ${stages.join(', ')}`);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await cms?.dispose();
  if (outDir) rmSync(path.dirname(outDir), { recursive: true, force: true });
});

describe('the hostile corpus', () => {
  it('has at least 100 payloads, each placed in every kind of text field', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(PAYLOADS.map((p) => p.id)).size).toBe(PAYLOADS.length);
    const kinds: FieldKind[] = ['markdown', 'plain', 'alt'];
    const missing = PAYLOADS.flatMap((p) =>
      kinds.filter((k) => !plan.coverage.get(p.id)?.has(k)).map((k) => `${p.id} in ${k}`),
    );
    expect(missing).toEqual([]);
    for (const [field, count] of plan.perField) expect(count, field).toBeGreaterThan(0);
    console.log(
      `hostile-content: ${PAYLOADS.length} payloads, ${[...plan.perField.values()].reduce((a, b) => a + b, 0)} placements in ${plan.perField.size} fields, ${ENTRIES_PER_TYPE} entries per type in 2 languages`,
    );
  });

  it('was offered to both URL fields: the CMS refused everything but http(s) URLs', () => {
    console.log(
      `hostile-content: URL fields refused ${urls.refused.website} (website) and ${urls.refused.registrationUrl} (registrationUrl) payloads, accepted ${urls.accepted.length}`,
    );
    expect(urls.acceptedUnsafe).toEqual([]);
    expect(urls.accepted.length).toBeGreaterThanOrEqual(3);
    for (const field of ['website', 'registrationUrl'] as const)
      expect(urls.refused[field] + urls.accepted.length).toBeGreaterThanOrEqual(PAYLOADS.length);
  });

  it('was stored by Strapi exactly as written, so the build really received it', async () => {
    const token = readFileSync(cms.tokenFile, 'utf8').trim();
    for (const { plural, label, markdown } of TYPES) {
      for (const locale of LOCALES) {
        const { body } = await cms.graphql(
          `query($l: I18NLocaleCode) { ${plural}(locale: $l, filters: { slug: { startsWith: "hostile-" } }, pagination: { limit: 100 }, sort: "slug") { slug ${label} ${markdown} } }`,
          { l: locale },
          token,
        );
        expect(body.errors).toBeUndefined();
        expect(body.data[plural]).toHaveLength(ENTRIES_PER_TYPE);
        for (const [i, entry] of body.data[plural].entries()) {
          expect(entry[label], `${plural} ${i} ${locale}`).toBe(plan.values[plural][i][locale][label]);
          expect(entry[markdown], `${plural} ${i} ${locale}`).toBe(plan.values[plural][i][locale][markdown]);
        }
      }
    }
  });
});

describe('the built site in Chromium', () => {
  it('builds a page for every hostile entry in both languages', () => {
    const pages = new Set(pagePaths);
    for (const { plural, type } of TYPES) {
      for (const locale of LOCALES) {
        for (let i = 0; i < ENTRIES_PER_TYPE; i++)
          expect(pages.has(hostilePath(type, plural, locale, i)), `${type} ${i} ${locale}`).toBe(true);
      }
    }
  });

  it('runs no payload on any page: no script, dialog, navigation, frame, handler or dangerous URL', () => {
    console.log(`hostile-content: opened ${pagePaths.length} pages in Chromium, ${trap.breaches.length} breaches`);
    expect(pagePaths.length).toBeGreaterThan(4 * ENTRIES_PER_TYPE * 2);
    expect(trap.breaches).toEqual([]);
  });

  it('is valid HTML on every page, to the W3C Nu checker', async () => {
    const errors = await htmlErrors(outDir);
    console.log(`hostile-content: the W3C checker found ${errors.length} errors`);
    expect(errors).toEqual([]);
  }, 300_000);

  it('shows every title and name as the exact text staff typed, less characters HTML forbids', () => {
    for (const { plural, type, label } of TYPES) {
      for (const locale of LOCALES) {
        for (let i = 0; i < ENTRIES_PER_TYPE; i++) {
          const urlPath = hostilePath(type, plural, locale, i);
          expect(seen.get(urlPath)?.h1, urlPath).toBe(asParsed(asShown(plan.values[plural][i][locale][label])));
        }
      }
    }
  });

  it('keeps benign formatting next to the payloads: headings, lists, links, images, tables, code', () => {
    const lost = [...seen].flatMap(([urlPath, { benign }]) =>
      Object.entries(benign)
        .filter(([, ok]) => !ok)
        .map(([what]) => `${what} on ${urlPath}`),
    );
    expect(seen.size).toBe(TYPES.length * LOCALES.length * ENTRIES_PER_TYPE);
    expect(lost).toEqual([]);
  });

  it('wraps long words and URLs inside their card or column at 375 and 1280 px, on every page type', async () => {
    // Every list, the home and search pages, and per type the entry whose label has the longest
    // unbroken token (the corpus cuts a 100,000-letter word to each field's maximum length):
    // 40 characters are already wider than a title's line on a phone.
    const longestToken = (text: unknown) =>
      Math.max(
        ...String(text)
          .split(/\s+/)
          .map((token) => token.length),
      );
    const entryPages = TYPES.flatMap(({ plural, type, label }) => {
      const lengths = plan.values[plural].map((v) => longestToken(v.sl[label]));
      const widest = lengths.indexOf(Math.max(...lengths));
      expect(lengths[widest], `${plural} ${label}`).toBeGreaterThanOrEqual(40);
      return LOCALES.map((l) => hostilePath(type, plural, l, widest));
    });
    const built = new Set(pagePaths);
    const listPages = LOCALES.flatMap((l) => [
      homePath(l),
      searchPath(l),
      // Pages have no list of their own.
      ...TYPES.flatMap(({ type }) => {
        if (type === 'page') return [];
        const pages: string[] = [];
        for (let n = 1; built.has(listPath(type, l, n)); n++) pages.push(listPath(type, l, n));
        return pages;
      }),
    ]);
    expect(listPages.every((p) => built.has(p))).toBe(true);
    const overflowing: string[] = [];
    for (const width of [375, 1280]) {
      const sized = await loopbackContext(browser, { viewport: { width, height: 800 } });
      const page = await sized.newPage();
      for (const urlPath of [...listPages, ...entryPages, '/404.html']) {
        await page.goto(served.url + urlPath);
        for (const box of await overflowingBoxes(page)) overflowing.push(`${urlPath} at ${width} px: ${box}`);
      }
      await sized.close();
    }
    console.log(`hostile-content: measured ${listPages.length + entryPages.length} pages at 375 and 1280 px`);
    expect(overflowing).toEqual([]);
  }, 300_000);

  it('finds hostile entries in search and shows the results without running them', async () => {
    const before = trap.breaches.length;
    const visitor = await trap.newVisitor();
    for (const [searchPath, query] of [
      ['/iskanje/', 'alert'],
      ['/en/search/', 'onerror'],
    ]) {
      const page = await visitor.visit(searchPath);
      await page.locator('#search input').fill(query);
      await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('.pagefind-ui__result-link').count()).toBeGreaterThan(0);
      await page.waitForTimeout(300);
    }
    expect(trap.breaches.slice(before)).toEqual([]);
  });
});

describe('structured data, feeds, calendars and sitemaps', () => {
  const jsonLdOf = (urlPath: string) =>
    [...readPage(outDir, urlPath).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
      JSON.parse(m[1]),
    );

  it('keeps JSON-LD whole and exact, whatever the title holds', () => {
    for (let i = 0; i < ENTRIES_PER_TYPE; i++) {
      for (const locale of LOCALES) {
        const [article] = jsonLdOf(hostilePath('article', 'articles', locale, i));
        expect(article.headline).toBe(asShown(plan.values.articles[i][locale].title).slice(0, 110));
        expect(article.description).toBe(asShown(plan.values.articles[i][locale].excerpt));
        const [event] = jsonLdOf(hostilePath('workshop', 'workshops', locale, i));
        expect(event.name).toBe(asShown(plan.values.workshops[i][locale].title));
        expect(event.location.address.streetAddress).toBe(asShown(plan.values.workshops[i][locale].venueAddress));
        const [organisation] = jsonLdOf(hostilePath('partner', 'partners', locale, i));
        expect(organisation.name).toBe(asShown(plan.values.partners[i][locale].name));
        expect(organisation.url).toMatch(/^https?:\/\//);
      }
    }
  });

  async function parseXmlInBrowser(xml: string): Promise<{ error: string | null; titles: string[] }> {
    const page = await context.newPage();
    try {
      // Chromium's XML parser is strict: a stray control character or broken markup is an error.
      return await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const error = doc.querySelector('parsererror');
        return {
          error: error ? error.textContent : null,
          titles: Array.from(doc.querySelectorAll('item > title')).map((t) => t.textContent ?? ''),
        };
      }, xml);
    } finally {
      await page.close();
    }
  }

  it('publishes RSS feeds and sitemaps that are well-formed XML, with titles as text', async () => {
    for (const [feed, locale] of [
      ['rss.xml', 'sl'],
      ['en/rss.xml', 'en'],
    ] as const) {
      const { error, titles } = await parseXmlInBrowser(readFileSync(path.join(outDir, feed), 'utf8'));
      expect(error, feed).toBeNull();
      const expected = plan.values.articles.map((v) => withoutControls(v[locale].title as string));
      for (const title of expected) expect(titles.map(asParsed), feed).toContain(asParsed(title));
    }
    for (const sitemap of ['sitemap-index.xml', ...sitemapFiles(outDir)]) {
      expect((await parseXmlInBrowser(readFileSync(path.join(outDir, sitemap), 'utf8'))).error, sitemap).toBeNull();
    }
  });

  it('writes calendars where no title can add or end an event', () => {
    for (const [feed, locale] of [
      ['delavnice.ics', 'sl'],
      ['en/workshops.ics', 'en'],
    ] as const) {
      const text = readFileSync(path.join(outDir, feed), 'utf8');
      // RFC 5545 allows no control characters in values but tab (lines end in CR LF).
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(text.replace(/\r\n/g, '').match(/[\u0000-\u0008\u000A-\u001F]/g), feed).toBeNull();
      const calendar = new ICAL.Component(ICAL.parse(text));
      const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      const hostile = events.filter((e) =>
        String(e.component.getFirstPropertyValue('url')).includes('/hostile-workshop-'),
      );
      expect(hostile, feed).toHaveLength(ENTRIES_PER_TYPE);
      const normalise = (s: string) => withoutControls(s).replace(/\s+/g, ' ').trim();
      const expected = plan.values.workshops.map((v) => normalise(v[locale].title as string)).sort();
      expect(hostile.map((e) => normalise(e.summary)).sort(), feed).toEqual(expected);
    }
  });
});

describe('links typed into plain fields', () => {
  const decode = (attribute: string) =>
    attribute.replace(
      /&(amp|quot|#39|#x27|lt|gt);/g,
      (_, e: string) => ({ amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' })[e]!,
    );

  it('render hostile http(s) URLs as one harmless, normalised attribute value', () => {
    for (let i = 0; i < ENTRIES_PER_TYPE; i++) {
      for (const [locale, website, register] of [
        ['sl', 'Spletna stran', 'Prijava na delavnico'],
        ['en', 'Website', 'Register for the workshop'],
      ] as const) {
        const partner = readPage(outDir, hostilePath('partner', 'partners', locale, i));
        const link = partner.match(new RegExp(`<a href="([^"]*)" rel="noopener noreferrer">${website}</a>`));
        expect(link, `partner ${i} ${locale}`).not.toBeNull();
        expect(decode(link![1])).toBe(new URL(urls.accepted[i % urls.accepted.length].trim()).href);

        const workshop = readPage(outDir, hostilePath('workshop', 'workshops', locale, i));
        const button = workshop.match(
          new RegExp(`<a class="button" href="([^"]*)" rel="noopener noreferrer">${register}</a>`),
        );
        expect(button, `workshop ${i} ${locale}`).not.toBeNull();
        expect(decode(button![1])).toBe(new URL(urls.accepted[(i + 1) % urls.accepted.length].trim()).href);
      }
    }
  });
});
