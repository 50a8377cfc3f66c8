import type { Locale } from './generated/types.js';

export type * from './generated/types.js';

export declare const LOCALES: readonly Locale[];
export declare const DEFAULT_LOCALE: Locale;
export declare const MEDIA_FIELDS: readonly (keyof import('./generated/types.js').Media)[];
export declare function imageTextFields<F extends string>(mediaField: F): { alt: `${F}Alt`; caption: `${F}Caption` };
export declare const SLUG_PATTERN: RegExp;
export declare function slugify(title: string): string;

/** Page types: the content types whose entries have pages of their own. */
export type PageTypeName = Exclude<
  import('./generated/types.js').ContentTypeName,
  'redirect' | 'navigation' | 'registration'
>;
/** The types with a list and entry pages under their own section (/novice/x/); pages live at the root. */
export type ListedType = Exclude<PageTypeName, 'page'>;

export declare const SECTIONS: Record<ListedType, Record<Locale, string>>;
export declare const RESERVED_PAGE_SLUGS: readonly string[];
export declare function isReservedPageSlug(slug: string): boolean;
export declare function homePath(locale: Locale): string;
export declare function listPath(type: ListedType, locale: Locale, page?: number): string;
export declare function entryPath(type: ListedType, locale: Locale, slug: string): string;
export declare function pagePath(locale: Locale, slug: string): string;
export declare function entryPathOf(entry: { type: PageTypeName; locale: Locale; slug: string }): string;
export declare function searchPath(locale: Locale): string;
/** What a workshop registration can end in: each has a static page per language. */
export type RegistrationOutcome =
  | 'sent'
  | 'confirmed'
  | 'waiting'
  | 'cancelled'
  | 'deleted'
  | 'expired'
  | 'invalid'
  | 'consent'
  | 'closed'
  | 'proof'
  | 'rate-limited'
  | 'unavailable';
export declare const REGISTRATION_OUTCOMES: Record<RegistrationOutcome, Record<Locale, string>>;
/** The static page telling a registration's outcome (/prijava/potrjena/, /en/registration/confirmed/). */
export declare function registrationOutcomePath(locale: Locale, outcome: RegistrationOutcome): string;
/** The consent a registration form shows next to its checkbox; the CMS stores this wording with the registration. */
export declare const REGISTRATION_CONSENT: Record<Locale, string>;
/** Why a workshop cannot take registrations although staff switched them on. */
export type RegistrationClosedReason = 'cancelled' | 'past' | 'unscheduled';
/** Why the workshop cannot take a registration at `now`, or null when it can (site and CMS share this rule). */
export declare function registrationClosedReason(
  workshop: { eventStatus: import('./generated/types.js').WorkshopEventStatus; startsAt: string | null },
  now: Date,
): RegistrationClosedReason | null;
/** RSS feed of the news in one language. */
export declare function feedPath(locale: Locale): string;
/** One workshop as an .ics file, or (without a slug) the calendar feed of all workshops. */
export declare function calendarPath(locale: Locale, slug?: string): string;
/** Folder paths end with "/" like every page of the site (trailingSlash: 'always'); file paths keep their name. */
export declare function withTrailingSlash(path: string): string;
/**
 * Which of the site's routes a (decoded, normalised) path is: a fixed page (home, lists and their
 * pages, search, feeds, calendars), a file every build writes, an entry's page (live only if such
 * an entry is published), or null when the site has no route there.
 */
export type SiteRoute =
  | { kind: 'page'; locale: Locale }
  | { kind: 'build-file' }
  | { kind: 'entry'; type: PageTypeName; locale: Locale; slug: string };
export declare function siteRouteOf(path: string): SiteRoute | null;

/** A workshop in one language, as a calendar event needs it (description as plain text). */
export interface CalendarWorkshop {
  documentId: string;
  locale: Locale;
  slug: string;
  title: string;
  description: string;
  startsAt: string | null;
  endsAt: string | null;
  venueName: string | null;
  venueAddress: string | null;
  city: string | null;
  eventStatus: import('./generated/types.js').WorkshopEventStatus;
}
export interface CalendarOptions {
  /** The public site: event links and identifiers are made from it. */
  site: URL;
  name: string;
  locale: Locale;
  /** When the file was made (DTSTAMP). */
  now: Date;
}
/** Dated workshops as one iCalendar file (the site's .ics files, a registration mail's attachment). */
export declare function workshopsCalendar(workshops: CalendarWorkshop[], options: CalendarOptions): string;
/** Text without the control characters iCalendar and XML cannot carry; tabs and line breaks stay. */
export declare function withoutControlCharacters(text: string): string;
