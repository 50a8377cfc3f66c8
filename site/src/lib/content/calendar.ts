/**
 * Workshops as iCalendar: the site's entries handed to the shared calendar of
 * @koper-otok/content-types (which also makes the .ics a confirmed registration's mail carries),
 * with the description as plain text. The page shows the same instant in Europe/Ljubljana.
 */
import { workshopsCalendar as calendarOf, type CalendarOptions } from '@koper-otok/content-types';
import type { WorkshopEntry } from './graph';
import { textOf } from './text';

export type { CalendarOptions };

export const workshopsCalendar = (workshops: WorkshopEntry[], options: CalendarOptions): string =>
  calendarOf(
    workshops.map((workshop) => ({ ...workshop, description: textOf(workshop.descriptionHtml, 2000) })),
    options,
  );
