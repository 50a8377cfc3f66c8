/**
 * The header and footer links of one language, from the navigation staff edit in the CMS: links
 * to pages, to the sections of the site, or to outside addresses, in their order. Without a
 * navigation, or with an empty header, the header shows the site's sections as it always has, so
 * an empty CMS still gives a usable site. A link whose page is not published in this language, or
 * whose address is not a safe http(s) link, is left out and the build log says so.
 */
import type { Locale, NavigationLinkSection } from '@koper-otok/content-types';
import type { NavigationLinkRecord, NavigationRecord } from '../cms/records';
import { t } from '../i18n/ui';
import type { PageEntry } from './graph';
import { safeLinkUrl } from './links';
import { listPath, pagePath, searchPath } from './routes';

export interface MenuLink {
  label: string;
  href: string;
  /** Outside the site: no aria-current, and the view may mark it. */
  external: boolean;
}

export interface Menus {
  header: MenuLink[];
  footer: MenuLink[];
}

type Ui = ReturnType<typeof t>;
const SECTION_LINKS: Record<NavigationLinkSection, { path: (locale: Locale) => string; label: (ui: Ui) => string }> = {
  news: { path: (l) => listPath('article', l), label: (ui) => ui.news },
  workshops: { path: (l) => listPath('workshop', l), label: (ui) => ui.workshops },
  regions: { path: (l) => listPath('region', l), label: (ui) => ui.regions },
  partners: { path: (l) => listPath('partner', l), label: (ui) => ui.partners },
  search: { path: searchPath, label: (ui) => ui.search },
};

/** The header of a site without a navigation: every section, in this order. */
export const DEFAULT_HEADER_SECTIONS: readonly NavigationLinkSection[] = [
  'news',
  'workshops',
  'regions',
  'partners',
  'search',
];

const sectionLink = (section: NavigationLinkSection, locale: Locale, label?: string | null): MenuLink => ({
  label: label?.trim() || SECTION_LINKS[section].label(t(locale)),
  href: SECTION_LINKS[section].path(locale),
  external: false,
});

export const defaultMenus = (locale: Locale): Menus => ({
  header: DEFAULT_HEADER_SECTIONS.map((section) => sectionLink(section, locale)),
  footer: [],
});

function resolveLink(link: NavigationLinkRecord, locale: Locale, pages: Map<string, PageEntry>): MenuLink | null {
  const label = link.label?.trim();
  if (link.page) {
    const page = pages.get(link.page.documentId);
    if (!page) {
      console.warn(
        `[content] navigation [${locale}]: the page ${link.page.documentId} is not published, its link is left out`,
      );
      return null;
    }
    return { label: label || page.title, href: pagePath(locale, page.slug), external: false };
  }
  if (link.section) return sectionLink(link.section, locale, label);
  const url = safeLinkUrl(link.url);
  if (url && label) return { label, href: url, external: true };
  console.warn(
    `[content] navigation [${locale}]: the link "${label ?? ''}" has no page, section or safe address, it is left out`,
  );
  return null;
}

const resolveLinks = (links: NavigationLinkRecord[], locale: Locale, pages: Map<string, PageEntry>): MenuLink[] =>
  links.map((link) => resolveLink(link, locale, pages)).filter((link): link is MenuLink => link !== null);

/** The menus of one language; `pages` are the pages shown in it (with untranslated fallbacks). */
export function buildMenus(navigation: NavigationRecord | null, locale: Locale, pages: PageEntry[]): Menus {
  const fallback = defaultMenus(locale);
  if (!navigation) return fallback;
  const byId = new Map(pages.map((page) => [page.documentId, page]));
  const header = resolveLinks(navigation.header, locale, byId);
  return {
    header: header.length > 0 ? header : fallback.header,
    footer: resolveLinks(navigation.footer, locale, byId),
  };
}

/** Whether a menu link points at the section or page being shown (aria-current). */
export const isCurrentLink = (link: MenuLink, path: string): boolean => !link.external && path.startsWith(link.href);
