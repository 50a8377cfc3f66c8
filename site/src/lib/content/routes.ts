/**
 * Every URL of the site is made here, so links, alternates (hreflang) and the sitemap agree.
 * Slovenian lives at the root, English under /en/; section names are in the page's language.
 * The rules themselves live in content-types/routes.js, which the CMS reads too (a redirect
 * may not take over a page).
 */
export {
  calendarPath,
  entryPath,
  entryPathOf,
  feedPath,
  homePath,
  isReservedPageSlug,
  listPath,
  pagePath,
  registrationOutcomePath,
  REGISTRATION_OUTCOMES,
  searchPath,
} from '@koper-otok/content-types';
export type { ListedType, RegistrationOutcome } from '@koper-otok/content-types';

/** Astro's rest parameter for a path: "/en/news/x/" -> "en/news/x", "/" -> undefined. */
export const toRouteParam = (path: string): string | undefined => path.replace(/^\/|\/$/g, '') || undefined;
