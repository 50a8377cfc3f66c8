/** Dates as readers see them: in Europe/Ljubljana, in the reader's language. */
import type { Locale } from '@koper-otok/content-types';

const TIME_ZONE = 'Europe/Ljubljana';
const INTL_LOCALE: Record<Locale, string> = { sl: 'sl-SI', en: 'en-GB' };

// Creating an Intl.DateTimeFormat costs far more than formatting with one, so each kind is made
// once per locale.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(intlLocale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${intlLocale} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(intlLocale, options)));
  return format;
}

// Lists repeat the same dates (a region page lists hundreds of articles), and formatting
// through ICU is still the cost, so each calendar day is formatted once per locale. Bounded
// by the calendar: a few thousand days in a decades-long archive.
const formattedDates = new Map<string, string>();

/** A calendar date ("2017-03-23", no time) -> "23. marec 2017" / "23 March 2017". */
export function formatDate(isoDate: string, locale: Locale): string {
  const day = isoDate.slice(0, 10);
  const key = `${locale} ${day}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    // A date has no time zone; format it in UTC so it never shifts by a day.
    text = formatter(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    formattedDates.set(key, text);
  }
  return text;
}

/** An instant -> weekday, date and time in Ljubljana, e.g. "ponedeljek, 5. junij 2017 ob 10:00". */
function formatDateTime(isoInstant: string, locale: Locale): string {
  return formatter(INTL_LOCALE[locale], { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE }).format(
    new Date(isoInstant),
  );
}

/** Only the time of day in Ljubljana, for the end of a same-day event. */
function formatTime(isoInstant: string, locale: Locale): string {
  return formatter(INTL_LOCALE[locale], { timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(isoInstant));
}

/** The calendar day of an instant in Ljubljana, as YYYY-MM-DD. */
function ljubljanaDay(isoInstant: string): string {
  return formatter('en-CA', { timeZone: TIME_ZONE }).format(new Date(isoInstant));
}

/** "5. junij 2017, 10:00–12:00" style range; the end is shown as a time when on the same day. */
export function formatRange(startsAt: string, endsAt: string | null, locale: Locale): string {
  const start = formatDateTime(startsAt, locale);
  if (!endsAt) return start;
  const end =
    ljubljanaDay(endsAt) === ljubljanaDay(startsAt) ? formatTime(endsAt, locale) : formatDateTime(endsAt, locale);
  return `${start}–${end}`;
}
