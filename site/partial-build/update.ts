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
import type { AstroConfig, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { LOCALES } from '@koper-otok/content-types';
import { buildSession } from '../src/lib/build-session';
import { loadCmsRecords, loadStaffRedirects, rereadEntries } from '../src/lib/cms/load';
import { patchRecords, type PageContentType } from '../src/lib/cms/patch-records';
import type { CmsRecords } from '../src/lib/cms/records';
import { pageChanges, pageFingerprints } from '../src/lib/content/page-fingerprint';
import type { SiteModel } from '../src/lib/content/pages';
import { calendarPath, entryPathOf, feedPath } from '../src/lib/content/routes';
import { siteModelOf } from '../src/lib/site-pages';
import { makeMissingImages } from './images';
import { missingAssets, removePage, writeOutput } from './output-files';
import { PartialRefusal } from './refusal';

export { PartialRefusal };
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
  buildDone(outDir: string, pageNames: string[], logger: AstroIntegrationLogger): Promise<void>;
  logger: AstroIntegrationLogger;
  fullBuildDir: string;
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
  update(request: PartialRequest): Promise<PartialResult>;
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

  /** The route a path is rendered with, told it is a fixed path so Astro asks for no props (pages look themselves up). */
  function routeFor(path: string): RouteData {
    const known = warm.routes.get(path);
    const route = known ?? [...warm.routes.values()].find((candidate) => candidate.pattern.test(path));
    if (!route) throw new PartialRefusal(`no route renders ${path}`);
    return { ...route, pathname: path };
  }

  async function render(path: string, outDir: string): Promise<string> {
    const route = routeFor(path);
    const rendered = await warm.prerenderer.render(new Request(new URL(path, warm.site)), { routeData: route });
    const response = rendered instanceof Response ? rendered : rendered.response;
    if (response.status !== 200) throw new Error(`rendering ${path} answered ${response.status}`);
    const body = await response.text();
    writeOutput(outDir, path, route.type === 'page', body);
    return body;
  }

  return {
    async update({ outDir, changes, maxPages }) {
      const session = buildSession();
      const started = Date.now();
      records ??= await loadCmsRecords();
      const staffRedirects = await loadStaffRedirects();
      const before = await session.siteModel!;
      const nextRecords = patchRecords(records, await rereadEntries(changes));
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
        const bodies = await renderAll(toRender, (path) => render(path, outDir));
        await makeMissingImages(outDir, missingAssets(outDir, bodies), warm.imageConfig, warm.logger);
        for (const path of pagesChanged.remove) removePage(outDir, path);
        for (const path of [...calendarsBefore.keys()].filter((path) => !calendarsAfter.has(path)))
          removePage(outDir, path);
        const rendered = Date.now();

        const nextPageNames = pageNamesAfter(pageNames, before.pages, after.pages);
        await warm.buildDone(outDir, nextPageNames, warm.logger);
        records = nextRecords;
        fingerprints = nextFingerprints;
        pageNames = nextPageNames;
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
  };
}

/** Renders a handful at a time: the renderer awaits data now and then, the disk always. */
async function renderAll(paths: string[], renderOne: (path: string) => Promise<string>): Promise<string[]> {
  const queue = [...new Set(paths)];
  const bodies: string[] = [];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) bodies.push(await renderOne(path));
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return bodies;
}
