// Workshops as iCalendar (RFC 5545) via ical-generator: the site's .ics files and the file
// attached to a confirmed registration's mail are made here, so both describe an event alike.
// Times are written in UTC ("Z"), which every calendar converts to the reader's zone.
// Undated workshops have no event to add, so they are left out.
import ical, { ICalEventStatus } from 'ical-generator';
import { entryPath } from './routes.js';

const STATUS = {
  planned: ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};
const DEFAULT_DURATION_MS = 2 * 60 * 60 * 1000;

/** Text without the control characters iCalendar (and XML) cannot carry; tabs and line breaks stay. */
export const withoutControlCharacters = (text) =>
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

export function workshopsCalendar(workshops, options) {
  const icsText = withoutControlCharacters;
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
      description: icsText(`${workshop.description}\n\n${url}`.trim()),
      location: icsText([workshop.venueName, workshop.venueAddress, workshop.city].filter(Boolean).join(', ')) || null,
      url,
      status: STATUS[workshop.eventStatus],
    });
  }
  return calendar.toString();
}
