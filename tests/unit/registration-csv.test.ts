// The registrations CSV for Excel (cms/src/registration-admin/csv.ts): formula guard, quoting,
// the byte-order mark, CRLF, Slovenian headers, state and language names, Ljubljana times.
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, registrationsCsv } from '../../cms/src/registration-admin/csv';

describe('one CSV field', () => {
  it.each(['=1+1', '+386 5 000', '-2', '@SUM(A1)', '\tx', '\rx'])('defuses %j as a formula', (value) => {
    expect(csvField(value).replace(/^"/, '')).toMatch(/^'/);
  });

  it('leaves ordinary text alone, č, š, ž included', () => {
    expect(csvField('Občina Šentjur, Žalec')).toBe('Občina Šentjur, Žalec');
    expect(csvField(null)).toBe('');
  });

  it('quotes the separator, quotes and line breaks, after the formula guard', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=A1;B1')).toBe(`"'=A1;B1"`);
  });
});

describe('the whole file', () => {
  const file = registrationsCsv([
    {
      name: 'Špela Čebašek Žužek',
      email: 'spela@example.test',
      organisation: null,
      role: 'županja',
      state: 'waiting',
      // 13:05 UTC in summer is 15:05 in Ljubljana.
      consentAt: '2026-07-01T13:05:00.000Z',
      confirmedAt: null,
      language: 'en',
    },
  ]);

  it('starts with the byte-order mark and ends every line with CRLF', () => {
    expect(file.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(file, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file.slice(1).split('\r\n')).toEqual([
      'Ime;E-pošta;Organizacija;Občina ali vloga;Stanje;Prijavljen;Potrjen;Jezik',
      'Špela Čebašek Žužek;spela@example.test;;županja;Na čakalni listi;2026-07-01 15:05;;angleščina',
      '',
    ]);
  });
});
