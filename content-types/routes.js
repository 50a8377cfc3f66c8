// The site's URL rules, shared by the site (which makes every URL from them) and the CMS (which
// must know which paths are pages, e.g. before a redirect takes one over). Plain JavaScript for
// the same reason as index.js: Strapi loads this package at run time.

/** The first path segment of each listed type's section (lists and entries), in the page's language. */
export const SECTIONS = {
  article: { sl: 'novice', en: 'news' },
  workshop: { sl: 'delavnice', en: 'workshops' },
  region: { sl: 'regije', en: 'regions' },
  partner: { sl: 'partnerji', en: 'partners' },
};
const PAGE_SEGMENT = { sl: 'stran', en: 'page' };
const SEARCH = { sl: 'iskanje', en: 'search' };
const REGISTRATION = { sl: 'prijava', en: 'registration' };
const DEFAULT_LOCALE = 'sl';
const LOCALES = ['sl', 'en'];

/**
 * Slugs no page may have, in either language: pages live at the root (/o-zavodu/, /en/about/),
 * so every section's and search's segment in both languages (an English page "novice" would be
 * harmless, but one list is easier to explain to staff), the language prefixes (/en/), and the
 * folders the build writes itself (/media/, /pagefind/, /404/).
 */
export const RESERVED_PAGE_SLUGS = [
  ...[...Object.values(SECTIONS), SEARCH, REGISTRATION].flatMap((segments) => Object.values(segments)),
  ...LOCALES,
  'media',
  'pagefind',
  '404',
];

/** Whether a page's slug would shadow a section, a language or a folder of the build. */
export const isReservedPageSlug = (slug) => RESERVED_PAGE_SLUGS.includes(slug);

const prefix = (locale) => (locale === DEFAULT_LOCALE ? '' : `/${locale}`);

export const homePath = (locale) => `${prefix(locale)}/`;

export const listPath = (type, locale, page = 1) =>
  `${prefix(locale)}/${SECTIONS[type][locale]}/${page > 1 ? `${PAGE_SEGMENT[locale]}/${page}/` : ''}`;

export const entryPath = (type, locale, slug) => `${prefix(locale)}/${SECTIONS[type][locale]}/${slug}/`;

export const searchPath = (locale) => `${prefix(locale)}/${SEARCH[locale]}/`;

/** A page (About us, Privacy) lives at the root of its language: /o-zavodu/, /en/about/. */
export const pagePath = (locale, slug) => `${prefix(locale)}/${slug}/`;

/**
 * Where a workshop registration's outcome is told (the static pages the registration API
 * redirects to after a form POST or an e-mailed link), by outcome, in each language.
 * Refusals have one page per reason, so a visitor without JavaScript still reads why.
 */
export const REGISTRATION_OUTCOMES = {
  sent: { sl: 'poslano', en: 'sent' },
  confirmed: { sl: 'potrjena', en: 'confirmed' },
  waiting: { sl: 'cakalna-vrsta', en: 'waiting-list' },
  cancelled: { sl: 'odjavljena', en: 'cancelled' },
  deleted: { sl: 'izbrisana', en: 'deleted' },
  expired: { sl: 'povezava-ni-vec-veljavna', en: 'link-expired' },
  invalid: { sl: 'manjkajoci-podatki', en: 'missing-details' },
  consent: { sl: 'brez-soglasja', en: 'no-consent' },
  closed: { sl: 'zaprta', en: 'closed' },
  proof: { sl: 'preverjanje-ni-uspelo', en: 'check-failed' },
  'rate-limited': { sl: 'prevec-poskusov', en: 'too-many-attempts' },
  unavailable: { sl: 'trenutno-ni-mogoce', en: 'unavailable' },
};

export const registrationOutcomePath = (locale, outcome) =>
  `${prefix(locale)}/${REGISTRATION[locale]}/${REGISTRATION_OUTCOMES[outcome][locale]}/`;

/** The URL of any entry with a page of its own: pages at the root of their language, the others in their section. */
export const entryPathOf = (entry) =>
  entry.type === 'page' ? pagePath(entry.locale, entry.slug) : entryPath(entry.type, entry.locale, entry.slug);

export const feedPath = (locale) => `${prefix(locale)}/rss.xml`;

export const calendarPath = (locale, slug) =>
  slug
    ? `${prefix(locale)}/${SECTIONS.workshop[locale]}/${slug}.ics`
    : `${prefix(locale)}/${SECTIONS.workshop[locale]}.ics`;

/** Folders every build writes for itself (assets, the search index, media files). */
const BUILD_FOLDERS = ['/_astro/', '/pagefind/', '/media/'];

/** A path with a file extension ("/a/b.pdf") is a file; every other path ends with "/" like the site's pages. */
export function withTrailingSlash(path) {
  if (path.endsWith('/')) return path;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.lastIndexOf('.') > 0 ? path : `${path}/`;
}

/** Which of the site's own routes a path is (see index.d.ts for the shapes), or null for none. */
export function siteRouteOf(path) {
  if (BUILD_FOLDERS.some((folder) => path.startsWith(folder))) return { kind: 'build-file' };
  for (const locale of LOCALES) {
    const base = prefix(locale);
    if (path === homePath(locale) || path === feedPath(locale) || path === searchPath(locale)) {
      return { kind: 'page', locale };
    }
    if (path === `${base}/sitemap-index.xml` || path === `${base}/robots.txt`) return { kind: 'build-file' };
    if (path.startsWith(`${base}/${REGISTRATION[locale]}/`)) return { kind: 'page', locale };
    for (const type of Object.keys(SECTIONS)) {
      const section = `${base}/${SECTIONS[type][locale]}/`;
      if (path === section || path === calendarPath(locale)) return { kind: 'page', locale };
      if (!path.startsWith(section)) continue;
      const rest = path.slice(section.length);
      if (new RegExp(`^${PAGE_SEGMENT[locale]}/\\d+/$`).test(rest)) return { kind: 'page', locale };
      const entry = /^([^/]+)(\/|\.ics)$/.exec(rest);
      if (entry && (entry[2] === '/' || type === 'workshop')) return { kind: 'entry', type, locale, slug: entry[1] };
    }
    const page = new RegExp(`^${base}/([^/]+)/$`).exec(path);
    if (page && !isReservedPageSlug(page[1])) return { kind: 'entry', type: 'page', locale, slug: page[1] };
  }
  return null;
}
