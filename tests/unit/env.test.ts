// site/src/lib/env.ts: the checked settings the site build, the rebuild service and the
// WordPress importer read from the environment.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STRAPI_URL, readBoolean, readInteger, readStrapiUrl } from '../../site/src/lib/env.ts';

describe('readStrapiUrl', () => {
  it("falls back to the local demo's Strapi when STRAPI_URL is unset or empty", () => {
    expect(readStrapiUrl({})).toBe(DEFAULT_STRAPI_URL);
    expect(readStrapiUrl({ STRAPI_URL: '' })).toBe(DEFAULT_STRAPI_URL);
  });

  it('drops trailing slashes so paths can be appended', () => {
    expect(readStrapiUrl({ STRAPI_URL: 'https://cms.example//' })).toBe('https://cms.example');
  });
});

describe('readInteger', () => {
  it('takes the fallback when unset or empty, and whole numbers of at least the minimum', () => {
    expect(readInteger({}, 'N', 7, 1)).toBe(7);
    expect(readInteger({ N: '' }, 'N', 7, 1)).toBe(7);
    expect(readInteger({ N: '0' }, 'N', 7, 0)).toBe(0);
  });

  it.each(['1.5', 'ten', '-1', '0'])('refuses %s with the variable name', (raw) => {
    expect(() => readInteger({ N: raw }, 'N', 7, 1)).toThrow(`N must be a whole number of at least 1, got "${raw}"`);
  });
});

describe('readBoolean', () => {
  it('reads true and false, and refuses anything else', () => {
    expect(readBoolean({}, 'B', true)).toBe(true);
    expect(readBoolean({ B: 'false' }, 'B', true)).toBe(false);
    expect(readBoolean({ B: 'true' }, 'B', false)).toBe(true);
    expect(() => readBoolean({ B: 'yes' }, 'B', true)).toThrow('B must be true or false, got "yes"');
  });
});
