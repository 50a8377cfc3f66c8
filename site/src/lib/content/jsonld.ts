/**
 * Structured data (schema.org JSON-LD) for articles, workshops, partners and the association.
 * serializeJsonLd escapes "<" so that a "</script>" inside any field cannot close the block.
 * Images and logos come from `images` (media URL -> the site's own copy, media/site-media.ts),
 * so structured data never points at the CMS; one without a copy is left out.
 */
import type { ArticleEntry, PartnerEntry, WorkshopEntry } from './graph';
import { entryPath } from './routes';
import { textOf } from './text';

type JsonLd = Record<string, unknown>;
/** Media-library URL -> absolute URL of the image on the site. */
export type SharedImages = ReadonlyMap<string, string>;
const absolute = (path: string, site: URL) => new URL(path, site).href;

export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function organizationJsonLd(partner: PartnerEntry, site: URL, images: SharedImages): JsonLd {
  const logo = partner.logo && images.get(partner.logo.url);
  return {
    '@context': 'https://schema.org',
    '@type':
      partner.kind === 'ministry' || partner.kind === 'public_agency' || partner.kind === 'municipality'
        ? 'GovernmentOrganization'
        : 'Organization',
    name: partner.name,
    ...(partner.shortName ? { alternateName: partner.shortName } : {}),
    url: partner.website ?? absolute(entryPath('partner', partner.locale, partner.slug), site),
    ...(logo ? { logo } : {}),
    description: textOf(partner.descriptionHtml, 300) || undefined,
  };
}

export function articleJsonLd(
  article: ArticleEntry,
  site: URL,
  publisher: PartnerEntry | null,
  images: SharedImages,
): JsonLd {
  const image = article.cover && images.get(article.cover.url);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.slice(0, 110),
    description: article.excerpt,
    datePublished: article.publishedDate,
    inLanguage: article.locale,
    mainEntityOfPage: absolute(entryPath('article', article.locale, article.slug), site),
    ...(image ? { image: [image] } : {}),
    ...(publisher
      ? {
          publisher: organizationJsonLd(publisher, site, images),
          author: { '@type': 'Organization', name: publisher.name },
        }
      : {}),
  };
}

const EVENT_STATUS: Record<WorkshopEntry['eventStatus'], string> = {
  planned: 'https://schema.org/EventScheduled',
  held: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
};

/** An Event needs a start date; undated (planned) workshops get none. */
export function workshopJsonLd(
  workshop: WorkshopEntry,
  site: URL,
  organizer: PartnerEntry | null,
  images: SharedImages,
): JsonLd | null {
  if (!workshop.startsAt) return null;
  const image = workshop.image && images.get(workshop.image.url);
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
    ...(image ? { image: [image] } : {}),
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
    ...(organizer ? { organizer: organizationJsonLd(organizer, site, images) } : {}),
  };
}
