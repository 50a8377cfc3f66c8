/**
 * Shapes of entries as the site's queries return them: the content model's types from
 * content-types/, with relations reduced to references. Relations are resolved, in both
 * directions, by lib/content/graph.ts, so every list is complete however long it grows.
 */
import type {
  Article,
  Locale,
  Navigation,
  NavigationLink,
  Page,
  Partner,
  Redirect,
  Region,
  Workshop,
} from '@koper-otok/content-types';

export interface Ref {
  documentId: string;
}

export type ArticleRecord = Omit<Article, 'regions' | 'partners' | 'workshops'> & {
  regions: Ref[];
  partners: Ref[];
  workshops: Ref[];
};
export type WorkshopRecord = Omit<Workshop, 'region' | 'partners' | 'articles'> & {
  region: Ref | null;
  partners: Ref[];
  /** Places taken: the workshop's confirmed registrations when the CMS exported it (never who). */
  confirmedRegistrations: number;
};
export type RegionRecord = Omit<Region, 'workshops' | 'partners' | 'articles'>;
export type PartnerRecord = Omit<Partner, 'regions' | 'workshops' | 'articles'> & { regions: Ref[] };
export type PageRecord = Page;
export type NavigationLinkRecord = Omit<NavigationLink, 'page'> & { page: Ref | null };
export type NavigationRecord = Omit<Navigation, 'header' | 'footer'> & {
  header: NavigationLinkRecord[];
  footer: NavigationLinkRecord[];
};

/** Everything the site shows in one locale. */
export interface LocaleRecords {
  articles: ArticleRecord[];
  workshops: WorkshopRecord[];
  regions: RegionRecord[];
  partners: PartnerRecord[];
  pages: PageRecord[];
  /** The menus of this language; null when staff have not saved them (the site shows its default links). */
  navigation: NavigationRecord | null;
}

/** Everything one build (or one preview request) reads from Strapi, per locale. */
export type CmsRecords = Record<Locale, LocaleRecords>;

/** A redirect staff manage in the CMS (not localized; its note is private to the admin). */
export type RedirectRecord = Pick<Redirect, 'documentId' | 'from' | 'to' | 'kind' | 'origin'>;
