/**
 * A partial rebuild inside the warm renderer (integration.ts): re-read the changed entries,
 * rebuild the site model, render the pages whose fingerprint changed
 * (src/lib/content/page-fingerprint.ts) and the files that list everything (feeds, calendars,
 * path history), delete the pages that are gone, then run the build-done step of the other
 * integrations again (sitemap, redirects, media files). The output folder already holds the live
 * build as hard links (scripts/rebuild/warm-site.ts); every file written here replaces its link
 * instead of writing through it, so the live build is never touched.
 *
 * Anything it cannot do the way a full build would, it refuses with a PartialRefusal before
 * changing anything; the rebuild service then runs a full build.
 */
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AstroConfig, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { LOCALES } from '@koper-otok/content-types';
import { buildSession } from '../src/lib/build-session';
import { loadCmsRecords, loadStaffRedirects, rereadEntries } from '../src/lib/cms/load';
import { patchRecords, type PageContentType } from '../src/lib/cms/patch-records';
import type { CmsRecords } from '../src/lib/cms/records';
import { pageChanges, pageFingerprints, type PageChanges } from '../src/lib/content/page-fingerprint';
import { pageHead, type Page, type SiteModel } from '../src/lib/content/pages';
import { calendarPath, entryPathOf, feedPath } from '../src/lib/content/routes';
import { siteModelOf } from '../src/lib/site-pages';
import { makeMissingImages } from './images';
import { ImageLinks } from './image-links';
import { missingAssets, outputFile, removePage, writeOutput } from './output-files';
import { PartialRefusal } from './refusal';
import { pageNamesAfter } from './page-names';

type RouteData = Parameters<AstroPrerenderer['render']>[1]['routeData'];

export interface WarmBuild {
  prerenderer: AstroPrerenderer;
  /** The route each path of the full build was rendered with. */
  routes: Map<string, RouteData>;
  site: URL;
  /** Astro's page names of the full build ("novice/x/"), in its order, for the sitemap. */
  pages: string[];
  restoreImageHook(): void;
  /** Runs the other integrations' build-done step over `outDir`: all but those in `skip`, or only those in `only`. */
  buildDone(
    outDir: string,
    pageNames: string[],
    logger: AstroIntegrationLogger,
    skip: string[],
    only?: string[],
  ): Promise<void>;
  logger: AstroIntegrationLogger;
  /** The full build's output folder. */
  outDir: string;
  /** The build's image settings, for images a partial build makes (images.ts). */
  imageConfig: AstroConfig['image'];
}

export interface ChangedDocuments {
  type: PageContentType;
  documentIds: string[];
}

export interface PartialRequest {
  /** The new build's folder: a hard-linked copy of the live build. */
  outDir: string;
  changes: ChangedDocuments[];
  /** More pages than this to render: a full build is quicker. */
  maxPages: number;
}

export interface PartialResult {
  rendered: number;
  removed: number;
  pages: number;
  timings: Record<'readMs' | 'modelMs' | 'fingerprintMs' | 'renderMs' | 'finishMs', number>;
}

export interface PartialRenderer {
  /** Works out, right after the full build, what the first partial build would otherwise start with. */
  warmUp(): Promise<void>;
  update(request: PartialRequest): Promise<PartialResult>;
  /**
   * Writes the sitemap the last update left owed into the live build (`liveDir`), by rename: it
   * lists every page, and making it takes long enough at tens of thousands of pages to be done
   * right after the switch instead of before it. Resolves to whether there was one to write.
   */
  writeOwedSitemap(liveDir: string): Promise<boolean>;
}

const WHOLE_CALENDAR = 'all workshops';

/**
 * The calendar files of a model: the feed of each language (all workshops), and one file per
 * dated workshop, which shows what the workshop's page shows, so it changes with that page.
 */
function calendarFilesOf(model: SiteModel): Map<string, string> {
  const files = new Map<string, string>();
  for (const locale of LOCALES) {
    files.set(calendarPath(locale), WHOLE_CALENDAR);
    for (const workshop of model.graphs[locale].workshops)
      if (workshop.startsAt) files.set(calendarPath(locale, workshop.slug), entryPathOf(workshop));
  }
  return files;
}

/** Calendar files to write: the feeds, new ones, and those whose workshop's page changed. */
function calendarsToRender(before: Map<string, string>, after: Map<string, string>, pages: Set<string>): string[] {
  return [...after]
    .filter(([path, source]) => source === WHOLE_CALENDAR || before.get(path) !== source || pages.has(source))
    .map(([path]) => path);
}

/** Files every partial build writes afresh: small, and they list the whole site. */
const ALWAYS_RENDERED = ['/path-history.json', '/moved-pages.json', ...LOCALES.map((locale) => feedPath(locale))];

export function createPartialRenderer(warm: WarmBuild): PartialRenderer {
  let records: CmsRecords | undefined;
  let fingerprints: Map<string, string> | undefined;
  let pageNames = warm.pages;
  let imageLinks: ImageLinks | undefined;
  /** Set when the live build's sitemap no longer lists its pages: until writeOwedSitemap succeeds. */
  let sitemapOwed = false;

  /** The route a path is rendered with, told it is a fixed path so Astro asks for no props (pages look themselves up). */
  function routeFor(path: string): RouteData {
    const known = warm.routes.get(path);
    const route = known ?? [...warm.routes.values()].find((candidate) => candidate.pattern.test(path));
    if (!route) throw new PartialRefusal(`no route renders ${path}`);
    return { ...route, pathname: path };
  }

  /** Renders one path into outDir; resolves to the file written (relative to outDir) and its text. */
  async function render(sitePath: string, outDir: string): Promise<[string, string]> {
    const route = routeFor(sitePath);
    const rendered = await warm.prerenderer.render(new Request(new URL(sitePath, warm.site)), { routeData: route });
    const response = rendered instanceof Response ? rendered : rendered.response;
    if (response.status !== 200) throw new Error(`rendering ${sitePath} answered ${response.status}`);
    const body = await response.text();
    writeOutput(outDir, sitePath, route.type === 'page', body);
    return [outputFileIn(outDir, sitePath, route.type === 'page'), body];
  }

  return {
    async warmUp() {
      records ??= await loadCmsRecords();
      fingerprints ??= pageFingerprints((await buildSession().siteModel!).pages);
      imageLinks ??= await ImageLinks.scan(warm.outDir);
    },

    async update({ outDir, changes, maxPages }) {
      const session = buildSession();
      const started = Date.now();
      records ??= await loadCmsRecords();
      // Before anything is written, outDir still holds exactly the live build.
      imageLinks ??= await ImageLinks.scan(outDir);
      const staffRedirects = await loadStaffRedirects();
      const before = await session.siteModel!;
      const nextRecords = patchRecords(records, await rereadEntries(changes, records));
      const read = Date.now();

      const after = siteModelOf(nextRecords, staffRedirects, before.pathHistory);
      const modelBuilt = Date.now();
      fingerprints ??= pageFingerprints(before.pages);
      const nextFingerprints = pageFingerprints(after.pages);
      const pagesChanged = pageChanges(fingerprints, nextFingerprints);
      const calendarsBefore = calendarFilesOf(before);
      const calendarsAfter = calendarFilesOf(after);
      const calendars = calendarsToRender(calendarsBefore, calendarsAfter, new Set(pagesChanged.render));
      const toRender = [...pagesChanged.render, ...calendars, ...ALWAYS_RENDERED];
      if (pagesChanged.render.length > maxPages)
        throw new PartialRefusal(`${pagesChanged.render.length} pages changed, more than ${maxPages}`);
      const modelled = Date.now();

      session.siteModel = Promise.resolve(after);
      session.outDir = outDir;
      try {
        warm.restoreImageHook();
        const written = new Map(await renderAll(toRender, (sitePath) => render(sitePath, outDir)));
        await makeMissingImages(outDir, missingAssets(outDir, [...written.values()]), warm.imageConfig, warm.logger);
        const removed = [
          ...pagesChanged.remove,
          ...[...calendarsBefore.keys()].filter((sitePath) => !calendarsAfter.has(sitePath)),
        ];
        for (const sitePath of removed) removePage(outDir, sitePath);
        const links = imageLinks.plan(
          written,
          removed.map((sitePath) => outputFileIn(outDir, sitePath, sitePath.endsWith('/'))),
        );
        for (const image of links.unlinked) removePage(outDir, image);
        const rendered = Date.now();

        const nextPageNames = pageNamesAfter(pageNames, before.pages, after.pages);
        // The sitemap lists every page with its alternates: owed only when that list changed.
        await warm.buildDone(outDir, nextPageNames, warm.logger, [SITEMAP_INTEGRATION]);
        records = nextRecords;
        fingerprints = nextFingerprints;
        links.commit();
        pageNames = nextPageNames;
        sitemapOwed ||= !sitemapUnchanged(before, after, pagesChanged);
        return {
          rendered: pagesChanged.render.length,
          removed: pagesChanged.remove.length,
          pages: after.pages.length,
          timings: {
            readMs: read - started,
            modelMs: modelBuilt - read,
            fingerprintMs: modelled - modelBuilt,
            renderMs: rendered - modelled,
            finishMs: Date.now() - rendered,
          },
        };
      } catch (error) {
        session.siteModel = Promise.resolve(before);
        throw error;
      } finally {
        session.outDir = undefined;
      }
    },

    async writeOwedSitemap(liveDir) {
      if (!sitemapOwed) return false;
      const session = buildSession();
      // Written beside the live files, then moved over them: readers get the old sitemap or the new one.
      const scratch = mkdtempSync(path.join(liveDir, '.sitemap-'));
      session.outDir = liveDir;
      try {
        await warm.buildDone(scratch, pageNames, warm.logger, [], [SITEMAP_INTEGRATION]);
        for (const file of readdirSync(scratch)) renameSync(path.join(scratch, file), path.join(liveDir, file));
        sitemapOwed = false;
        return true;
      } finally {
        session.outDir = undefined;
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}

const SITEMAP_INTEGRATION = '@astrojs/sitemap';

/** What the sitemap says of a page: that it is listed (not noindex), and its alternates. */
const sitemapEntry = (page: Page) =>
  JSON.stringify([page.kind === 'redirect' || pageHead(page).noindex, page.alternates]);

/** Whether the sitemap stays the same: no page added or removed, none listed differently. */
function sitemapUnchanged(before: SiteModel, after: SiteModel, changes: PageChanges): boolean {
  if (changes.remove.length > 0) return false;
  const earlier = new Map(before.pages.map((page) => [page.path, page]));
  const later = new Map(after.pages.map((page) => [page.path, page]));
  return changes.render.every((path) => {
    const [was, is] = [earlier.get(path), later.get(path)];
    return was !== undefined && is !== undefined && sitemapEntry(was) === sitemapEntry(is);
  });
}

/** A file of the output folder as image-links.ts names it: relative to the folder. */
const outputFileIn = (outDir: string, sitePath: string, isPage: boolean) =>
  path.relative(outDir, outputFile(outDir, sitePath, isPage));

/** Renders a handful at a time: the renderer awaits data now and then, the disk always. */
async function renderAll<T>(paths: string[], renderOne: (path: string) => Promise<T>): Promise<T[]> {
  const queue = [...new Set(paths)];
  const bodies: T[] = [];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) bodies.push(await renderOne(path));
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return bodies;
}
