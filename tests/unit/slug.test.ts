// slugify() and SLUG_PATTERN from @koper-otok/content-types: Slovenian transliteration,
// hyphen collapsing and trimming, the 96-character limit, and that every slug the function
// produces is one the pattern (and so the site's validation) accepts.
import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from '@koper-otok/content-types';

describe('slugify', () => {
  it.each([
    ['č', 'c'],
    ['š', 's'],
    ['ž', 'z'],
    ['ć', 'c'],
    ['đ', 'd'],
    ['Č', 'c'],
    ['Š', 's'],
    ['Ž', 'z'],
    ['Ć', 'c'],
    ['Đ', 'd'],
  ])('transliterates %s to %s', (letter, ascii) => {
    expect(slugify(`a${letter}b`)).toBe(`a${ascii}b`);
  });

  it('transliterates whole Slovenian titles', () => {
    expect(slugify('Živahno mestno jedro Kopra')).toBe('zivahno-mestno-jedro-kopra');
    expect(slugify('Delavnica v Šentjurju: Čiščenje in Đurđevdan')).toBe('delavnica-v-sentjurju-ciscenje-in-durdevdan');
    expect(slugify('ČŠŽĆĐ čšžćđ')).toBe('cszcd-cszcd');
  });

  it('lowercases ASCII letters and keeps digits', () => {
    expect(slugify('Koper 2017 ABC')).toBe('koper-2017-abc');
  });

  it('collapses runs of punctuation and whitespace into one hyphen', () => {
    expect(slugify('Ljubljana – Koper: 2017/18')).toBe('ljubljana-koper-2017-18');
    expect(slugify('a   b\t\nc')).toBe('a-b-c');
    expect(slugify('a -- b __ c !! d')).toBe('a-b-c-d');
    expect(slugify('a---b')).toBe('a-b');
  });

  it('never starts or ends with a hyphen', () => {
    expect(slugify('  Hello, World!! ')).toBe('hello-world');
    expect(slugify('---a---')).toBe('a');
    expect(slugify('«Novice»')).toBe('novice');
  });

  it("returns '' for a title with no letters or digits", () => {
    expect(slugify('')).toBe('');
    expect(slugify('!!!')).toBe('');
    expect(slugify(' – / : ')).toBe('');
  });

  it('cuts to at most 96 characters', () => {
    const slug = slugify('beseda '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(96);
    expect(slug.startsWith('beseda-beseda-')).toBe(true);
    expect(slugify('x'.repeat(200))).toBe('x'.repeat(96));
  });

  it('does not leave a trailing hyphen where the cut falls on a separator', () => {
    // 95 letters, then a separator at index 95: the 96-character cut ends in '-'.
    const slug = slugify(`${'a'.repeat(95)} bcd`);
    expect(slug).toBe('a'.repeat(95));
    expect(slug.endsWith('-')).toBe(false);
  });

  it('produces only slugs that SLUG_PATTERN accepts', () => {
    const titles = [
      'Živahno mestno jedro Kopra',
      'Delavnica: Upravljanje mestnih središč (TCM) – 2. del',
      'Ministrstvo za gospodarski razvoj in tehnologijo',
      'Javna agencija SPIRIT Slovenija',
      'Obalno-kraška regija',
      'Town Centre Management — Workshop #3',
      '  Đakovo & Čakovec / Ćuprija  ',
      '2017',
      'Ärger über ß und Ø',
      `${'dolg naslov '.repeat(20)}`,
      `${'a'.repeat(95)} bcd`,
    ];
    for (const title of titles) {
      const slug = slugify(title);
      expect(slug, `slug of ${JSON.stringify(title)}`).not.toBe('');
      expect(slug, `slug of ${JSON.stringify(title)}`).toMatch(SLUG_PATTERN);
      expect(slug.length).toBeLessThanOrEqual(96);
    }
  });
});

describe('SLUG_PATTERN', () => {
  it.each(['a', 'abc', 'a-b', 'koper-2017', '2017', 'a1-b2-c3'])('accepts %s', (slug) => {
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });

  it.each(['Abc', 'a--b', '-a', 'a-', 'a_b', 'č', '', 'a b', 'a/b'])('rejects %j', (slug) => {
    expect(SLUG_PATTERN.test(slug)).toBe(false);
  });
});
