import type { Core } from '@strapi/strapi';
import { LOCALES, registrationClosedReason, type Locale, type WorkshopEventStatus } from '@koper-otok/content-types';
import { WORKSHOP_UID } from './model';

/** One language of a published workshop, as the registration mails name it. */
export interface WorkshopText {
  title: string;
  slug: string;
  venueName: string | null;
  city: string | null;
  description: string | null;
}

/** A published workshop as registrations see it: its places, its dates and its texts per language. */
export interface RegistrationWorkshop {
  documentId: string;
  capacity: number | null;
  registrationOpen: boolean;
  eventStatus: WorkshopEventStatus;
  startsAt: string | null;
  endsAt: string | null;
  venueAddress: string | null;
  texts: Partial<Record<Locale, WorkshopText>>;
}

interface WorkshopRow extends WorkshopText {
  locale: Locale;
  capacity: number | null;
  registrationOpen: boolean | null;
  eventStatus: WorkshopEventStatus;
  startsAt: string | null;
  endsAt: string | null;
  venueAddress: string | null;
}

/** The published workshop (any language), or null when it is unknown or not published. */
export async function publishedWorkshop(strapi: Core.Strapi, documentId: string): Promise<RegistrationWorkshop | null> {
  const rows: WorkshopRow[] = await strapi.db
    .query(WORKSHOP_UID)
    .findMany({ where: { documentId, publishedAt: { $notNull: true } } });
  const first = rows[0];
  if (!first) return null;
  return {
    documentId,
    capacity: first.capacity ?? null,
    registrationOpen: first.registrationOpen === true,
    eventStatus: first.eventStatus,
    startsAt: first.startsAt,
    endsAt: first.endsAt,
    venueAddress: first.venueAddress,
    texts: Object.fromEntries(
      rows.map((row) => [
        row.locale,
        { title: row.title, slug: row.slug, venueName: row.venueName, city: row.city, description: row.description },
      ]),
    ),
  };
}

/** Whether the workshop takes registrations now: staff opened them, and by the rule the site's form follows. */
export const takesRegistrations = (
  workshop: RegistrationWorkshop | null,
  now: Date,
): workshop is RegistrationWorkshop =>
  workshop !== null && workshop.registrationOpen && registrationClosedReason(workshop, now) === null;

/** The workshop's text in the visitor's language, or in the first language it has. */
export const workshopText = (workshop: RegistrationWorkshop, language: Locale): WorkshopText =>
  workshop.texts[language] ?? LOCALES.map((locale) => workshop.texts[locale]).find(Boolean)!;
