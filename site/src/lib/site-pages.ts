/** The site's pages for this build: CMS records in, page models out (memoised per build). */
import { config } from '../config';
import { loadCmsRecords } from './cms/load';
import { buildPages, type Page } from './content/pages';

let pages: Promise<Page[]> | undefined;

export function getSitePages(): Promise<Page[]> {
  pages ??= loadCmsRecords().then((records) => buildPages(records, { now: new Date(), newsPageSize: config.newsPageSize }));
  return pages;
}
