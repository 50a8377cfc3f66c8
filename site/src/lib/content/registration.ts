/**
 * What a workshop's page offers for signing up, decided when the site is built. The site's own
 * form (the CMS's registration API) wins over an outside form's address: staff switch it on for
 * one workshop on purpose, and two ways to register would leave visitors unsure which counts.
 */
import { registrationClosedReason, type Locale, type RegistrationClosedReason } from '@koper-otok/content-types';
import type { SiteGraph, WorkshopEntry } from './graph';
import { pagePath } from './routes';

/** The privacy page's slug in each language, as the demo seeds it; the consent links to it. */
export const PRIVACY_PAGE_SLUGS: Record<Locale, string> = { sl: 'varstvo-osebnih-podatkov', en: 'privacy' };

/** The privacy page of this language, or null when it is not published. */
export function privacyPagePath(graph: Pick<SiteGraph, 'locale' | 'pages'>): string | null {
  const slug = PRIVACY_PAGE_SLUGS[graph.locale];
  return graph.pages.some((page) => page.slug === slug) ? pagePath(graph.locale, slug) : null;
}

export type RegistrationOffer =
  /** The form; `placesLeft` is null when the workshop has no capacity (no limit). */
  | { kind: 'form'; placesLeft: number | null }
  /** Staff closed the site's form but gave an outside form's address. */
  | { kind: 'outside'; url: string }
  /** The form was switched on, but the workshop cannot take registrations. */
  | { kind: 'closed'; reason: RegistrationClosedReason }
  | { kind: 'none' };

type RegistrationFields = Pick<
  WorkshopEntry,
  'registrationOpen' | 'registrationUrl' | 'eventStatus' | 'startsAt' | 'capacity' | 'confirmedRegistrations'
>;

/** Places not yet taken by confirmed registrations; null without a capacity. */
export const placesLeft = (workshop: Pick<RegistrationFields, 'capacity' | 'confirmedRegistrations'>) =>
  workshop.capacity === null ? null : Math.max(0, workshop.capacity - workshop.confirmedRegistrations);

export function registrationOffer(workshop: RegistrationFields, now: Date): RegistrationOffer {
  if (!workshop.registrationOpen)
    return workshop.registrationUrl && workshop.eventStatus === 'planned'
      ? { kind: 'outside', url: workshop.registrationUrl }
      : { kind: 'none' };
  const closed = registrationClosedReason(workshop, now);
  return closed ? { kind: 'closed', reason: closed } : { kind: 'form', placesLeft: placesLeft(workshop) };
}
