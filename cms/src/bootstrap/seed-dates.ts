/**
 * Dates of the demo seed that are relative to the day it runs: a field given as
 * `{ "daysAfterSeeding": 21, "utcTime": "08:00" }` becomes that day's date and time (ISO), so an
 * example workshop is upcoming whenever someone seeds a fresh demo.
 */
type Fields = Record<string, unknown>;

interface RelativeDate {
  daysAfterSeeding: number;
  /** HH:MM in UTC. */
  utcTime: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const isRelativeDate = (value: unknown): value is RelativeDate =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RelativeDate).daysAfterSeeding === 'number' &&
  /^\d{2}:\d{2}$/.test(String((value as RelativeDate).utcTime));

function dateAfter(seededAt: Date, { daysAfterSeeding, utcTime }: RelativeDate): string {
  const day = new Date(seededAt.getTime() + daysAfterSeeding * DAY_MS).toISOString().slice(0, 10);
  return new Date(`${day}T${utcTime}:00.000Z`).toISOString();
}

/** The fields with every relative date replaced by its date after `seededAt`. */
export const withSeedDates = (fields: Fields, seededAt: Date): Fields =>
  Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, isRelativeDate(value) ? dateAfter(seededAt, value) : value]),
  );
