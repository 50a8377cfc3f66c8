/**
 * Staff think in Ljubljana wall-clock time; the database stores instants in UTC. These pure
 * functions convert between the two with the platform's time-zone data (Intl), so summer time
 * is handled by the same rules the browser and Node use, in the admin and on the server alike.
 */

export const TIME_ZONE = 'Europe/Ljubljana';

const MINUTE_MS = 60_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** A wall-clock date and time in Ljubljana, as the admin's inputs hold them. */
export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, 24-hour */
  time: string;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function wallParts(instant: Date): Record<string, string> {
  return Object.fromEntries(partsFormat.formatToParts(instant).map((part) => [part.type, part.value]));
}

/** The Ljubljana wall time of an instant. */
export function ljubljanaWallTime(instant: Date): WallTime {
  const { year, month, day, hour, minute } = wallParts(instant);
  return { date: `${year}-${month}-${day}`, time: `${hour}:${minute}` };
}

/**
 * The instant a Ljubljana wall time names, or null when it names none: a malformed or impossible
 * date or time, or the hour skipped when clocks go forward. In the hour repeated when clocks go
 * back, the earlier (summer-time) instant is meant.
 */
export function ljubljanaToUtc(wall: WallTime): Date | null {
  const date = DATE_PATTERN.exec(wall.date);
  const time = TIME_PATTERN.exec(wall.time);
  if (!date || !time) return null;
  const naive = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2]));
  // Ljubljana is UTC+1 in winter and UTC+2 in summer: of the instants those offsets give, the
  // ones that read back as this wall time are right (none in the skipped hour, two in the repeated one).
  const candidates = [120, 60]
    .map((offset) => new Date(naive - offset * MINUTE_MS))
    .filter((instant) => sameWallTime(ljubljanaWallTime(instant), wall));
  return candidates[0] ?? null;
}

const sameWallTime = (a: WallTime, b: WallTime) => a.date === b.date && a.time === b.time;

const displayFormats = {
  sl: new Intl.DateTimeFormat('sl-SI', { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
};

/** An instant as staff read it, e.g. "5. dec. 2026, 14:30 (Europe/Ljubljana)". */
export function formatLjubljana(instant: Date | string, language: string): string {
  const format = language.startsWith('sl') ? displayFormats.sl : displayFormats.en;
  return `${format.format(new Date(instant))} (${TIME_ZONE})`;
}
