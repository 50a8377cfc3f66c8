/**
 * Structured data (schema.org JSON-LD) for articles, workshops, partners and the association.
 * serializeJsonLd escapes "<" so that a "</script>" inside any field cannot close the block.
 */
import type { ArticleEntry, PartnerEntry, WorkshopEntry } from './graph';
import { entryPath } from './routes';
import { textOf } from './text';

type JsonLd = Record<string, unknown>;
const absolute = (path: string, site: URL) => new URL(path, site).href;

export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function organizationJsonLd(partner: PartnerEntry, site: URL): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type':
      partner.kind === 'ministry' || partner.kind === 'public_agency' || partner.kind === 'municipality'
        ? 'GovernmentOrganization'
        : 'Organization',
    name: partner.name,
    ...(partner.shortName ? { alternateName: partner.shortName } : {}),
    url: partner.website ?? absolute(entryPath('partner', partner.locale, partner.slug), site),
    ...(partner.logo ? { logo: partner.logo.url } : {}),
    description: textOf(partner.descriptionHtml, 300) || undefined,
  };
}

export function articleJsonLd(article: ArticleEntry, site: URL, publisher: PartnerEntry | null): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.slice(0, 110),
    description: article.excerpt,
    datePublished: article.publishedDate,
    inLanguage: article.locale,
    mainEntityOfPage: absolute(entryPath('article', article.locale, article.slug), site),
    ...(article.cover ? { image: [article.cover.url] } : {}),
    ...(publisher
      ? { publisher: organizationJsonLd(publisher, site), author: { '@type': 'Organization', name: publisher.name } }
      : {}),
  };
}

const EVENT_STATUS: Record<WorkshopEntry['eventStatus'], string> = {
  planned: 'https://schema.org/EventScheduled',
  held: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
};

/** An Event needs a start date; undated (planned) workshops get none. */
export function workshopJsonLd(workshop: WorkshopEntry, site: URL, organizer: PartnerEntry | null): JsonLd | null {
  if (!workshop.startsAt) return null;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: workshop.title,
    description: textOf(workshop.descriptionHtml, 300) || workshop.title,
    startDate: workshop.startsAt,
    ...(workshop.endsAt ? { endDate: workshop.endsAt } : {}),
    eventStatus: EVENT_STATUS[workshop.eventStatus],
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    inLanguage: workshop.locale,
    url: absolute(entryPath('workshop', workshop.locale, workshop.slug), site),
    location: {
      '@type': 'Place',
      name: workshop.venueName ?? workshop.city ?? workshop.region?.name ?? 'Slovenija',
      address: {
        '@type': 'PostalAddress',
        ...(workshop.venueAddress ? { streetAddress: workshop.venueAddress } : {}),
        ...(workshop.city ? { addressLocality: workshop.city } : {}),
        ...(workshop.region ? { addressRegion: workshop.region.name } : {}),
        addressCountry: 'SI',
      },
    },
    ...(organizer ? { organizer: organizationJsonLd(organizer, site) } : {}),
  };
}
