/** The site model for this build: CMS records in, linked graphs and page list out (memoised). */
import { existsSync, readFileSync } from 'node:fs';
import { config } from '../config';
import { buildSession } from './build-session';
import { parsePathHistory, type PathHistory } from './content/moved-pages';
import { loadCmsRecords, loadStaffRedirects } from './cms/load';
import { buildSiteModel, type Page, type SiteModel } from './content/pages';
import type { CmsRecords, RedirectRecord } from './cms/records';
import { missingAltWarnings, unsafeLinkWarnings } from './content/validate';
import { keepingRenderedMarkdown } from './content/markdown';

/** The previous build's path history; none on a first build. */
function readPathHistory(): PathHistory {
  const file = config.pathHistoryFile;
  if (!file || !existsSync(file)) return {};
  return parsePathHistory(readFileSync(file, 'utf8'), file);
}

/**
 * The model of the public site from its records. A full build reads the path history of the
 * build before it; a partial rebuild passes the live build's, the same file a full build would read.
 */
export function siteModelOf(
  records: CmsRecords,
  staffRedirects: RedirectRecord[],
  pathHistory: PathHistory,
  now = config.now(),
): SiteModel {
  for (const warning of [...unsafeLinkWarnings(records), ...missingAltWarnings(records)])
    console.warn(`[content] ${warning}`);
  return keepingRenderedMarkdown(() =>
    buildSiteModel(records, {
      now,
      ...config.pageSizes,
      pathHistory,
      redirectedPaths: staffRedirects.map((redirect) => redirect.from),
    }),
  );
}

export function getSiteModel(): Promise<SiteModel> {
  const session = buildSession();
  session.siteModel ??= Promise.all([loadCmsRecords(), loadStaffRedirects()]).then(([records, staffRedirects]) =>
    siteModelOf(records, staffRedirects, readPathHistory()),
  );
  return session.siteModel;
}

export const getSitePages = async (): Promise<Page[]> => (await getSiteModel()).pages;

const pagesByPath = new WeakMap<SiteModel, Map<string, Page>>();

/** The page at a path ("/novice/x/") in the current model, if there is one. */
export async function sitePageAt(path: string): Promise<Page | undefined> {
  const model = await getSiteModel();
  let index = pagesByPath.get(model);
  if (!index) {
    index = new Map(model.pages.map((page) => [page.path, page]));
    pagesByPath.set(model, index);
  }
  return index.get(path);
}
