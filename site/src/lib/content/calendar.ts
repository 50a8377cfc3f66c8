/**
 * Workshops as iCalendar (RFC 5545) via ical-generator: one file per workshop and one feed
 * of all workshops per language. Times are written in UTC ("Z"), which every calendar
 * converts to the reader's zone; the page shows the same instant in Europe/Ljubljana.
 * Undated workshops have no event to add, so they are left out.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { Locale } from '@koper-otok/content-types';
import type { WorkshopEntry } from './graph';
import { entryPath } from './routes';
import { textOf, withoutControlCharacters as icsText } from './text';

const STATUS: Record<WorkshopEntry['eventStatus'], ICalEventStatus> = {
  planned: ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};
const DEFAULT_DURATION_MS = 2 * 60 * 60 * 1000;

export interface CalendarOptions {
  site: URL;
  name: string;
  locale: Locale;
  /** When the file was made (DTSTAMP): the build's own clock, so builds of one moment agree. */
  now: Date;
}

export function workshopsCalendar(workshops: WorkshopEntry[], options: CalendarOptions): string {
  const calendar = ical({
    name: icsText(options.name),
    prodId: { company: 'Zavod Koper Otok', product: 'spletna-stran', language: options.locale.toUpperCase() },
  });
  for (const workshop of workshops) {
    if (!workshop.startsAt) continue;
    const start = new Date(workshop.startsAt);
    const url = new URL(entryPath('workshop', workshop.locale, workshop.slug), options.site).href;
    calendar.createEvent({
      // Stable across rebuilds and languages, so calendars update the event instead of duplicating it.
      id: `${workshop.documentId}-${workshop.locale}@${options.site.host}`,
      stamp: options.now,
      start,
      end: workshop.endsAt ? new Date(workshop.endsAt) : new Date(start.getTime() + DEFAULT_DURATION_MS),
      summary: icsText(workshop.title),
      description: icsText(`${textOf(workshop.descriptionHtml, 2000)}\n\n${url}`.trim()),
      location: icsText([workshop.venueName, workshop.venueAddress, workshop.city].filter(Boolean).join(', ')) || null,
      url,
      status: STATUS[workshop.eventStatus],
    });
  }
  return calendar.toString();
}
