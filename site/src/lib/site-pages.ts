/** The site model for this build: CMS records in, linked graphs and page list out (memoised). */
import { config } from '../config';
import { loadCmsRecords } from './cms/load';
import { buildSiteModel, type Page, type SiteModel } from './content/pages';
import { unsafeLinkWarnings } from './content/validate';

let model: Promise<SiteModel> | undefined;

export function getSiteModel(): Promise<SiteModel> {
  model ??= loadCmsRecords().then((records) => {
    for (const warning of unsafeLinkWarnings(records)) console.warn(`[content] ${warning}`);
    return buildSiteModel(records, { now: new Date(), newsPageSize: config.newsPageSize });
  });
  return model;
}

export const getSitePages = async (): Promise<Page[]> => (await getSiteModel()).pages;
