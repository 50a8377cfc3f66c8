/**
 * A workshop's registrations as a CSV file for Excel in Slovenia: UTF-8 with a byte-order mark
 * (without it Excel reads č, š, ž as two characters each), `;` between fields (Slovenian Excel
 * uses the comma as its decimal sign), CRLF line ends, Slovenian headers and state names, times
 * in Ljubljana. A value that Excel would run as a formula gets a leading apostrophe.
 */
import type { Locale, RegistrationState } from '@koper-otok/content-types';
import { ljubljanaWallTime } from '../scheduling/ljubljana-time';
import type { RegistrationRow } from '../registration/model';

export const CSV_BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

export const STATE_NAMES_SL: Record<RegistrationState, string> = {
  pending: 'Čaka na potrditev',
  confirmed: 'Potrjena',
  waiting: 'Na čakalni listi',
  cancelled: 'Odjavljena',
};

const LANGUAGE_NAMES_SL: Record<Locale, string> = { sl: 'slovenščina', en: 'angleščina' };

type ExportedRow = Pick<
  RegistrationRow,
  'name' | 'email' | 'organisation' | 'role' | 'state' | 'consentAt' | 'confirmedAt' | 'language'
>;

const COLUMNS: [header: string, value: (row: ExportedRow) => string | null][] = [
  ['Ime', (row) => row.name],
  ['E-pošta', (row) => row.email],
  ['Organizacija', (row) => row.organisation],
  ['Občina ali vloga', (row) => row.role],
  ['Stanje', (row) => STATE_NAMES_SL[row.state]],
  ['Prijavljen', (row) => ljubljanaTime(row.consentAt)],
  ['Potrjen', (row) => ljubljanaTime(row.confirmedAt)],
  ['Jezik', (row) => LANGUAGE_NAMES_SL[row.language]],
];

// Excel (and LibreOffice) treat a cell starting with these as a formula; tab and CR too (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]/;

function ljubljanaTime(instant: string | null): string | null {
  if (!instant) return null;
  const { date, time } = ljubljanaWallTime(new Date(instant));
  return `${date} ${time}`;
}

/** One field: formulas defused, quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string | null): string {
  const text = value ?? '';
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvLine = (fields: (string | null)[]) => fields.map(csvField).join(SEPARATOR) + LINE_END;

/** The whole file, starting with the byte-order mark. */
export function registrationsCsv(rows: ExportedRow[]): string {
  return (
    CSV_BOM +
    csvLine(COLUMNS.map(([header]) => header)) +
    rows.map((row) => csvLine(COLUMNS.map(([, value]) => value(row)))).join('')
  );
}
