/** The site model for this build: CMS records in, linked graphs and page list out (memoised). */
import { existsSync, readFileSync } from 'node:fs';
import { config } from '../config';
import { parsePathHistory, type PathHistory } from './content/moved-pages';
import { loadCmsRecords, loadStaffRedirects } from './cms/load';
import { buildSiteModel, type Page, type SiteModel } from './content/pages';
import { missingAltWarnings, unsafeLinkWarnings } from './content/validate';

let model: Promise<SiteModel> | undefined;

/** The previous build's path history; none on a first build. */
function readPathHistory(): PathHistory {
  const file = config.pathHistoryFile;
  if (!file || !existsSync(file)) return {};
  return parsePathHistory(readFileSync(file, 'utf8'), file);
}

export function getSiteModel(): Promise<SiteModel> {
  model ??= Promise.all([loadCmsRecords(), loadStaffRedirects()]).then(([records, staffRedirects]) => {
    for (const warning of [...unsafeLinkWarnings(records), ...missingAltWarnings(records)])
      console.warn(`[content] ${warning}`);
    return buildSiteModel(records, {
      now: new Date(),
      ...config.pageSizes,
      pathHistory: readPathHistory(),
      redirectedPaths: staffRedirects.map((redirect) => redirect.from),
    });
  });
  return model;
}

export const getSitePages = async (): Promise<Page[]> => (await getSiteModel()).pages;
