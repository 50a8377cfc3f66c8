// site/src/lib/content/dates.ts: calendar dates in the reader's language without day shifts,
// and instants shown in Europe/Ljubljana local time (CET in winter, CEST in summer).
import { describe, expect, it } from 'vitest';
import { formatDate, formatRange } from '../../site/src/lib/content/dates';

const SUMMER = '2017-06-05T08:00:00.000Z'; // 10:00 CEST (UTC+2)
const WINTER = '2017-01-10T08:00:00.000Z'; // 09:00 CET (UTC+1)
// A workshop with no end time is shown as its start: weekday, date and time in Ljubljana.
const startOnly = (isoInstant: string, locale: 'sl' | 'en') => formatRange(isoInstant, null, locale);
const endOf = (text: string) => text.split('–')[1];

describe('formatDate', () => {
  it('formats a Slovenian long date', () => {
    const text = formatDate('2017-03-23', 'sl');
    expect(text).toContain('23.');
    expect(text).toContain('marec');
    expect(text).toContain('2017');
  });

  it('formats an English long date', () => {
    const text = formatDate('2017-03-23', 'en');
    expect(text).toContain('23');
    expect(text).toContain('March');
    expect(text).toContain('2017');
  });

  it.each([
    ['2017-01-01', '1.', 'januar', '2017'],
    ['2016-12-31', '31.', 'december', '2016'],
    ['2017-03-26', '26.', 'marec', '2017'], // the night clocks go forward in Ljubljana
    ['2017-10-29', '29.', 'oktober', '2017'], // the night clocks go back
  ])('never shifts the date-only value %s by a day', (iso, day, month, year) => {
    const text = formatDate(iso, 'sl');
    expect(text.startsWith(day)).toBe(true);
    expect(text).toContain(month);
    expect(text).toContain(year);
  });

  it('ignores a time part and uses only the calendar date', () => {
    expect(formatDate('2017-03-23T23:30:00Z', 'en')).toBe(formatDate('2017-03-23', 'en'));
    expect(formatDate('2017-03-23T23:30:00Z', 'en')).toMatch(/^23 March 2017$/);
  });
});

describe('formatRange: the start', () => {
  it('shows a summer instant in CEST (UTC+2)', () => {
    const sl = startOnly(SUMMER, 'sl');
    expect(sl).toMatch(/\b10[.:]00\b/);
    expect(sl).not.toMatch(/\b0?8[.:]00\b/);
    expect(sl).toContain('junij');
    expect(sl).toContain('2017');
    const en = startOnly(SUMMER, 'en');
    expect(en).toMatch(/\b10[.:]00\b/);
    expect(en).toContain('June');
    expect(en).toContain('Monday');
  });

  it('shows a winter instant in CET (UTC+1)', () => {
    const sl = startOnly(WINTER, 'sl');
    expect(sl).toMatch(/\b0?9[.:]00\b/);
    expect(sl).not.toMatch(/\b0?8[.:]00\b/);
    expect(sl).toContain('januar');
    const en = startOnly(WINTER, 'en');
    expect(en).toMatch(/\b0?9[.:]00\b/);
    expect(en).toContain('Tuesday');
  });

  it('shows the Ljubljana calendar day, not the UTC one', () => {
    // 22:30 UTC on 5 June is 00:30 on 6 June in Ljubljana.
    const en = startOnly('2017-06-05T22:30:00Z', 'en');
    expect(en).toContain('6 June');
    expect(en).toMatch(/\b0?0[.:]30\b/);
  });
});

describe('formatRange: the end on the same Ljubljana day', () => {
  it('is only the Ljubljana time of day', () => {
    expect(endOf(formatRange(SUMMER, '2017-06-05T10:00:00.000Z', 'en'))).toMatch(/^12[.:]00$/);
    expect(endOf(formatRange(WINTER, '2017-01-10T08:30:00.000Z', 'sl'))).toMatch(/^0?9[.:]30$/);
  });

  it('is decided by the calendar day in Ljubljana, across midnight in summer and in winter', () => {
    // 21:59 UTC on 5 June is 23:59 in Ljubljana, still 5 June; 22:30 UTC is 00:30 on 6 June.
    expect(endOf(formatRange('2017-06-05T20:00:00Z', '2017-06-05T21:59:00Z', 'en'))).toMatch(/^23[.:]59$/);
    expect(endOf(formatRange('2017-06-05T20:00:00Z', '2017-06-05T22:30:00Z', 'en'))).toContain('6 June');
    // 22:59 UTC on 10 January is 23:59 in Ljubljana; 23:00 UTC is already 11 January.
    expect(endOf(formatRange('2017-01-10T20:00:00Z', '2017-01-10T22:59:00Z', 'en'))).toMatch(/^23[.:]59$/);
    expect(endOf(formatRange('2017-01-10T20:00:00Z', '2017-01-10T23:00:00Z', 'en'))).toContain('11 January');
  });
});

describe('formatRange', () => {
  it('without an end shows only the start', () => {
    const text = formatRange(SUMMER, null, 'en');
    expect(text).not.toContain('–');
    expect(text).toMatch(/^Monday.*5 June 2017.*\b10[.:]00$/);
  });

  it('shows only the end time when the end is on the same Ljubljana day', () => {
    const text = formatRange(SUMMER, '2017-06-05T10:00:00.000Z', 'en');
    expect(text.startsWith(`${startOnly(SUMMER, 'en')}–`)).toBe(true);
    expect(endOf(text)).toMatch(/^12[.:]00$/);
    expect(text).toMatch(/\b10[.:]00\b/);
    // The date appears once, for the start only.
    expect(text.match(/June/g)).toHaveLength(1);
  });

  it('shows the end date as well when the end is on another Ljubljana day', () => {
    const text = formatRange(SUMMER, '2017-06-06T09:00:00.000Z', 'en');
    expect(text).toBe(`${startOnly(SUMMER, 'en')}–${startOnly('2017-06-06T09:00:00.000Z', 'en')}`);
    expect(text).toContain('5 June');
    expect(text).toContain('6 June');
    expect(text).toMatch(/\b11[.:]00\b/);
  });

  it('compares days in Ljubljana, not in UTC', () => {
    // Same UTC day (5 June), but the end is already 6 June 00:30 in Ljubljana.
    const crossing = formatRange('2017-06-05T20:00:00Z', '2017-06-05T22:30:00Z', 'en');
    expect(crossing).toContain('6 June');
    // Different UTC days, but both on 6 June in Ljubljana: the end is a bare time.
    const sameDay = formatRange('2017-06-05T22:30:00Z', '2017-06-06T08:00:00Z', 'en');
    expect(sameDay.split('–')[1]).toMatch(/^10[.:]00$/);
  });

  it('shows winter ranges in CET', () => {
    const text = formatRange(WINTER, '2017-01-10T10:00:00.000Z', 'sl');
    expect(text).toMatch(/\b0?9[.:]00\b/);
    expect(text.split('–')[1]).toMatch(/^11[.:]00$/);
  });
});
