/**
 * Draft preview: the same pages and components as the public site, rendered on request from
 * the latest (draft) content. Runs only in the preview server (SITE_MODE=preview, see
 * astro.config.mjs); the public static build never contains a draft.
 *
 * Access: the admin opens /preview/?type=..&documentId=..&locale=..&secret=PREVIEW_SECRET;
 * a valid secret sets a session cookie (an HMAC of the secret, so the secret itself is not
 * stored in the browser) and redirects to the entry's page. Without it: 401.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LOCALES, type Locale } from '@koper-otok/content-types';
import { config } from '../config';
import { fetchCmsRecords } from './cms/load';
import { buildSiteModel, type Page, type SiteModel } from './content/pages';
import { entryPathOf, homePath } from './content/routes';

export const PREVIEW_COOKIE = 'koper_otok_preview';
export const isPreviewMode = (): boolean => process.env.SITE_MODE === 'preview';

function previewSecret(): string {
  const secret = process.env.PREVIEW_SECRET ?? '';
  if (secret.length < 16) throw new Error('PREVIEW_SECRET must be set (16 characters or more) for the preview server');
  return secret;
}

const sameText = (a: string, b: string) => {
  const x = createHmac('sha256', 'compare').update(a).digest();
  const y = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(x, y);
};

export const sessionValue = (): string =>
  createHmac('sha256', previewSecret()).update('preview-session-v1').digest('hex');
export const isValidSecret = (candidate: string): boolean => sameText(candidate, previewSecret());
export const isValidSession = (cookie: string | undefined): boolean =>
  cookie !== undefined && sameText(cookie, sessionValue());

// Fetched fresh on every request: staff press "Save" and then look, so a cache would show the
// previous version. Fine for previews (a handful of people), never used by the public site.
function draftModel(): Promise<SiteModel> {
  return fetchCmsRecords('DRAFT').then((records) => buildSiteModel(records, { now: new Date(), ...config.pageSizes }));
}

/** The page at `path` ("/novice/x/") as it would look with every draft published. */
export async function findPreviewPage(path: string): Promise<Page | undefined> {
  return (await draftModel()).pages.find((page) => page.path === path);
}

/** Where the preview of one document lives, from the admin's (type, documentId, locale). */
export async function previewPathFor(type: string, documentId: string, locale: string): Promise<string | undefined> {
  if (!LOCALES.includes(locale as Locale)) return undefined;
  // The menus show on every page: their preview is the home page with the draft menus.
  if (type === 'navigation') return homePath(locale as Locale);
  const { graphs } = await draftModel();
  const graph = graphs[locale as Locale];
  const entry = [...graph.articles, ...graph.workshops, ...graph.regions, ...graph.partners, ...graph.pages].find(
    (e) => e.type === type && e.documentId === documentId,
  );
  return entry && entryPathOf(entry);
}
