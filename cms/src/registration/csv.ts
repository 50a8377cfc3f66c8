import type { RegistrationRow } from './model';

type ExportedRow = Pick<
  RegistrationRow,
  | 'name'
  | 'email'
  | 'organisation'
  | 'role'
  | 'language'
  | 'state'
  | 'consentAt'
  | 'confirmedAt'
  | 'waitingSince'
  | 'cancelledAt'
>;

const STATE = {
  confirmed: 'Potrjena',
  waiting: 'Na čakalni listi',
  pending: 'Čaka na potrditev',
  cancelled: 'Odjavljena',
};
const LANGUAGE = { sl: 'slovenščina', en: 'angleščina' };
/** The list's order: who comes first, then the waiting list in its order, then the rest. */
const STATE_ORDER = ['confirmed', 'waiting', 'pending', 'cancelled'] as const;

const COLUMNS: [string, (row: ExportedRow) => string | null][] = [
  ['Ime in priimek', (row) => row.name],
  ['E-pošta', (row) => row.email],
  ['Organizacija', (row) => row.organisation],
  ['Vloga', (row) => row.role],
  ['Jezik', (row) => LANGUAGE[row.language]],
  ['Stanje prijave', (row) => STATE[row.state]],
  ['Prijava oddana', (row) => localTime(row.consentAt)],
  ['Potrjena', (row) => localTime(row.confirmedAt)],
  ['Na čakalni listi od', (row) => localTime(row.waitingSince)],
  ['Odjavljena', (row) => localTime(row.cancelledAt)],
];

// Swedish writes dates as ISO does (2026-12-03 14:05), which every spreadsheet reads as a date.
const TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Ljubljana', dateStyle: 'short', timeStyle: 'short' });
const localTime = (value: string | null) => (value ? TIME.format(new Date(value)) : null);

/**
 * One cell: quoted when it holds a separator, quote or line break; a leading = + - @ gets an
 * apostrophe so a spreadsheet shows a visitor's text instead of running it as a formula.
 */
function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const sortKey = (row: ExportedRow) =>
  `${STATE_ORDER.indexOf(row.state)} ${row.confirmedAt ?? row.waitingSince ?? row.consentAt ?? ''}`;

/** A workshop's registrations as CSV for Excel and LibreOffice in Slovenia: UTF-8 with BOM, ";" between cells. */
export function registrationsCsv(rows: ExportedRow[]): string {
  const lines = [
    COLUMNS.map(([header]) => header),
    ...[...rows]
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
      .map((row) => COLUMNS.map(([, value]) => value(row))),
  ];
  return '\uFEFF' + lines.map((line) => line.map(cell).join(';')).join('\r\n') + '\r\n';
}
