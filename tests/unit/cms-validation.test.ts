// cms/src/validation/: the editorial rules of the content types as pure functions (save
// rules on drafts, publish rules on what readers see), the slugs made from titles, and a check
// that the demo content obeys every rule, so seeding a fresh database keeps working.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_PAGE_SLUGS, SECTIONS, SLUG_PATTERN } from '@koper-otok/content-types';
import {
  EXCERPT_MAX_LENGTH,
  isHttpUrl,
  pageInMenu,
  publishProblems,
  saveProblems,
  slugNotDerivable,
  slugTaken,
  type Entry,
} from '../../cms/src/validation/rules.ts';
import { slugFromTitle, TITLE_FIELD, uniqueSlug } from '../../cms/src/validation/slugs.ts';
import { readTypeLayouts, type ContentTypeName } from '../../cms/src/validation/labels.ts';
import { withSeedDates } from '../../cms/src/bootstrap/seed-dates.ts';
import { cmsDir } from '../../scripts/lib/paths.ts';

const layouts = readTypeLayouts(cmsDir);
const fields = (problems: { field: string }[]) => problems.map((found) => found.field);
const text = (length: number) => 'a'.repeat(length);

describe('isHttpUrl', () => {
  it.each([
    'https://www.koper.si/',
    'http://www.gzs.si',
    'https://moc.celje.si/obrazec?x=1#prijava',
    'https://www.gov.si/zbirke/',
  ])('accepts %s', (url) => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each([
    ['no scheme', 'www.koper.si'],
    ['another scheme', 'ftp://www.koper.si/'],
    ['javascript', 'javascript:alert(1)'],
    ['mail', 'mailto:info@koper-otok.si'],
    ['a host without a domain', 'https://localhost/prijava'],
    ['spaces', 'https://www.koper .si/'],
    ['credentials', 'https://user:geslo@www.koper.si/'],
    ['plain words', 'prijave na spletni strani'],
  ])('refuses %s', (_, url) => {
    expect(isHttpUrl(url)).toBe(false);
  });
});

describe('save rules', () => {
  it('refuses a workshop that ends before it starts, naming the field in Slovenian and English', () => {
    const problems = saveProblems(layouts, 'workshop', {
      slug: 'x',
      startsAt: '2017-06-20T08:00:00.000Z',
      endsAt: '2017-06-20T07:59:00.000Z',
    });
    expect(fields(problems)).toEqual(['endsAt']);
    expect(problems[0].message).toMatch(
      /^Konec: delavnica se ne more končati pred začetkom \(Začetek: 20\. jun\. 2017, 10:00\)\. \/ endsAt: /,
    );
  });

  it('accepts a workshop that ends when or after it starts, or has no dates yet', () => {
    expect(
      saveProblems(layouts, 'workshop', { startsAt: '2017-06-20T08:00:00.000Z', endsAt: '2017-06-20T12:00:00.000Z' }),
    ).toEqual([]);
    expect(
      saveProblems(layouts, 'workshop', { startsAt: '2017-06-20T08:00:00.000Z', endsAt: '2017-06-20T08:00:00.000Z' }),
    ).toEqual([]);
    expect(saveProblems(layouts, 'workshop', { startsAt: null, endsAt: null })).toEqual([]);
    expect(saveProblems(layouts, 'workshop', { startsAt: '2017-06-20T08:00:00.000Z' })).toEqual([]);
  });

  it('compares dates however the database returns them (Date, milliseconds, ISO text)', () => {
    const start = new Date('2017-06-05T08:00:00.000Z');
    expect(fields(saveProblems(layouts, 'workshop', { startsAt: start, endsAt: start.getTime() - 60_000 }))).toEqual([
      'endsAt',
    ]);
    expect(
      fields(saveProblems(layouts, 'workshop', { startsAt: start.getTime(), endsAt: '2017-06-05T07:00:00.000Z' })),
    ).toEqual(['endsAt']);
  });

  it('refuses a registration link or website that is not a full http(s) URL', () => {
    const workshop = saveProblems(layouts, 'workshop', { registrationUrl: 'www.koper.si/prijava' });
    expect(fields(workshop)).toEqual(['registrationUrl']);
    expect(workshop[0].message).toContain('Povezava za prijavo: vpišite celoten spletni naslov');
    expect(fields(saveProblems(layouts, 'partner', { website: 'koper.si' }))).toEqual(['website']);
    expect(saveProblems(layouts, 'partner', { website: 'https://www.koper.si/' })).toEqual([]);
    expect(saveProblems(layouts, 'partner', { website: null })).toEqual([]);
    expect(saveProblems(layouts, 'partner', { website: '' })).toEqual([]);
  });

  it.each(['Delavnica-v-Postojni', 'delavnica v postojni', 'delavnica--v-postojni', 'delavnica-', 'središče', 'a_b'])(
    'refuses the slug %s',
    (slug) => {
      const problems = saveProblems(layouts, 'article', { slug });
      expect(fields(problems)).toEqual(['slug']);
      expect(problems[0].message).toMatch(/^Spletni naslov \(URL\): uporabite le male črke/);
    },
  );

  it('accepts slugs in our format, and leaves a missing slug to be generated', () => {
    for (const type of ['article', 'workshop', 'region', 'partner'] as const) {
      expect(saveProblems(layouts, type, { slug: 'delavnica-v-postojni-2017' })).toEqual([]);
      expect(saveProblems(layouts, type, { slug: '' })).toEqual([]);
    }
  });

  it(`limits an excerpt to ${EXCERPT_MAX_LENGTH} characters, the length of a meta description`, () => {
    expect(saveProblems(layouts, 'article', { excerpt: text(EXCERPT_MAX_LENGTH) })).toEqual([]);
    expect(saveProblems(layouts, 'article', { excerpt: 'č'.repeat(EXCERPT_MAX_LENGTH) })).toEqual([]);
    const problems = saveProblems(layouts, 'article', { excerpt: text(EXCERPT_MAX_LENGTH + 1) });
    expect(fields(problems)).toEqual(['excerpt']);
    expect(problems[0].message).toContain(
      `Povzetek: ima ${EXCERPT_MAX_LENGTH + 1} znakov, dovoljenih je največ ${EXCERPT_MAX_LENGTH}`,
    );
  });

  it('lets a draft be incomplete: a short excerpt and a dated workshop without a region save fine', () => {
    expect(saveProblems(layouts, 'article', { excerpt: 'Kratko.' })).toEqual([]);
    expect(saveProblems(layouts, 'workshop', { startsAt: '2017-06-20T08:00:00.000Z', region: null })).toEqual([]);
  });

  it('describes slug problems found in the database', () => {
    expect(slugTaken(layouts, 'workshop', 'delavnica', 'en').message).toContain(
      '»delavnica« že uporablja drug vnos v tem jeziku (en)',
    );
    expect(slugNotDerivable(layouts, 'partner', 'name').message).toContain(
      'iz polja »Ime organizacije« ni mogoče sestaviti spletnega naslova',
    );
  });
});

describe('publish rules', () => {
  const region = { id: 1, name: 'Primorsko-notranjska' };

  it('requires a region for a workshop with a date, not for a planned one without', () => {
    const problems = publishProblems(layouts, 'workshop', { startsAt: '2017-06-20T08:00:00.000Z', region: null });
    expect(fields(problems)).toEqual(['region']);
    expect(problems[0].message).toBe(
      'Regija: delavnica z datumom potrebuje regijo, preden jo objavite. / region: a workshop with a date needs a region before it is published.',
    );
    expect(publishProblems(layouts, 'workshop', { startsAt: '2017-06-20T08:00:00.000Z', region })).toEqual([]);
    expect(publishProblems(layouts, 'workshop', { startsAt: null, region: null })).toEqual([]);
  });

  it('requires alternative text on an article cover, a workshop image and a partner logo', () => {
    const excerpt = text(80);
    expect(publishProblems(layouts, 'article', { excerpt, cover: null })).toEqual([]);
    for (const alternativeText of [null, '', '   ']) {
      const problems = publishProblems(layouts, 'article', {
        excerpt,
        cover: { name: 'mestno-jedro.jpg', alternativeText },
        coverAlt: '  ',
      });
      expect(fields(problems)).toEqual(['coverAlt']);
      expect(problems[0].message).toMatch(
        /^Nadomestno besedilo naslovne slike: izbrana slika \(Naslovna slika\) nima nadomestnega besedila/,
      );
    }
    expect(fields(publishProblems(layouts, 'partner', { logo: { name: 'logo.png', alternativeText: null } }))).toEqual([
      'logoAlt',
    ]);
    expect(
      fields(publishProblems(layouts, 'workshop', { image: { name: 'delavnica.jpg', alternativeText: null } })),
    ).toEqual(['imageAlt']);
    expect(
      publishProblems(layouts, 'partner', {
        logo: { name: 'logo.png', alternativeText: 'Logotip Mestne občine Koper' },
      }),
    ).toEqual([]);
  });

  it("takes the entry's own alternative text in its language before the media library's", () => {
    const cover = { name: 'mestno-jedro.jpg', alternativeText: null };
    expect(publishProblems(layouts, 'article', { excerpt: text(80), cover, coverAlt: 'Old town of Koper' })).toEqual(
      [],
    );
    const logo = { name: 'logo.png', alternativeText: 'Logotip' };
    expect(fields(publishProblems(layouts, 'partner', { logo, logoAlt: 'logo.png' }))).toEqual(['logoAlt']);
  });

  it('does not take a file name for a description of the image', () => {
    for (const alternativeText of ['IMG_1234.jpg', 'mestno-jedro', 'Slika.PNG']) {
      const problems = publishProblems(layouts, 'article', {
        excerpt: text(80),
        cover: { name: 'mestno-jedro.jpg', alternativeText },
      });
      expect(fields(problems), alternativeText).toEqual(['coverAlt']);
      expect(problems[0].message).toContain('nadomestno besedilo slike je ime datoteke');
    }
  });

  it('has no publish rules for regions', () => {
    expect(publishProblems(layouts, 'region', {})).toEqual([]);
  });
});

describe('slugs from titles', () => {
  it('transliterates Slovenian letters with the project slug rule', () => {
    expect(slugFromTitle('Delavnica v Šentjurju: čevlji, žabe, Ćiril in Đurđa')).toBe(
      'delavnica-v-sentjurju-cevlji-zabe-ciril-in-durda',
    );
    expect(SLUG_PATTERN.test(slugFromTitle('Živahno mestno jedro – Koper 2017!'))).toBe(true);
  });

  it('gives nothing for a title without letters or digits, or no title', () => {
    expect(slugFromTitle('–?!')).toBe('');
    expect(slugFromTitle(undefined)).toBe('');
    expect(slugFromTitle(42)).toBe('');
  });

  it('adds the first free numeric suffix to a slug in use', () => {
    expect(uniqueSlug('delavnica', [])).toBe('delavnica');
    expect(uniqueSlug('delavnica', ['delavnica-v-kopru'])).toBe('delavnica');
    expect(uniqueSlug('delavnica', ['delavnica'])).toBe('delavnica-2');
    expect(uniqueSlug('delavnica', ['delavnica', 'delavnica-2', 'delavnica-4'])).toBe('delavnica-3');
  });

  it('makes slugs from the title of articles, workshops and pages and the name of regions and partners', () => {
    expect(TITLE_FIELD).toEqual({
      article: 'title',
      workshop: 'title',
      region: 'name',
      partner: 'name',
      page: 'title',
      navigation: null,
    });
  });
});

describe('pages and menus', () => {
  it('reserves the address of every section and search, in both languages, and the language prefix', () => {
    for (const segments of Object.values(SECTIONS)) {
      for (const segment of Object.values(segments)) expect(RESERVED_PAGE_SLUGS).toContain(segment);
    }
    expect(RESERVED_PAGE_SLUGS).toEqual(expect.arrayContaining(['iskanje', 'search', 'en', 'media', 'pagefind']));
  });

  it('refuses a page slug that would shadow a section, naming it in Slovenian and English', () => {
    const problems = saveProblems(layouts, 'page', { title: 'Novice', slug: 'novice' });
    expect(fields(problems)).toEqual(['slug']);
    expect(problems[0].message).toMatch(/^Spletni naslov \(URL\): »novice« je naslov razdelka .* \/ slug: "novice"/);
    expect(saveProblems(layouts, 'page', { title: 'O zavodu', slug: 'o-zavodu' })).toEqual([]);
  });

  it('publishes only menu links that go to exactly one place, and outside links with a label', () => {
    const problems = publishProblems(layouts, 'navigation', {
      header: [
        { section: 'news' },
        { page: { documentId: 'p1' } },
        {},
        { section: 'news', url: 'https://www.koper.si/' },
        { url: 'https://www.koper.si/' },
        { label: 'Koper', url: 'https://www.koper.si/' },
      ],
      footer: [{ label: 'GZS', page: null, section: null, url: 'https://www.gzs.si/' }],
    });
    expect(fields(problems)).toEqual(['header.2', 'header.3', 'header.4']);
    expect(problems[0].message).toMatch(/^Glava \(glavni meni\), 3\. povezava: izberite stran ali razdelek/);
  });

  it('refuses a menu link to an address that is not http(s) when saving', () => {
    const problems = saveProblems(layouts, 'navigation', { footer: [{ label: 'Pošta', url: 'www.koper.si' }] });
    expect(fields(problems)).toEqual(['footer.0']);
    expect(problems[0].message).toMatch(/^Noga, 1\. povezava: vpišite celoten spletni naslov/);
  });

  it('names the menu and where it links in the refusal to delete a page', () => {
    const message = pageInMenu({ sl: 'Meni', en: 'Navigation' }, ['glava / header, sl']);
    expect(message).toContain('meni »Meni« (glava / header, sl)');
    expect(message).toContain('the menu "Navigation" links to it');
  });
});

/** An entry of cms/data/demo-content.json (see cms/src/bootstrap/seed-demo.ts). */
interface DemoEntry {
  key: string;
  draft?: boolean;
  shared: Entry;
  sl: Entry;
  en: Entry;
  relations?: Record<string, string | string[] | null>;
  media?: Record<string, string>;
}

describe('the demo content', () => {
  const demo: Record<string, DemoEntry[]> & { media: (Entry & { key: string })[] } = JSON.parse(
    readFileSync(path.join(cmsDir, 'data', 'demo-content.json'), 'utf8'),
  );
  const media = new Map<string, Entry>(
    demo.media.map((item: Entry & { key: string }) => [item.key, { name: path.basename(String(item.file)), ...item }]),
  );
  const sections: [string, ContentTypeName][] = [
    ['articles', 'article'],
    ['workshops', 'workshop'],
    ['regions', 'region'],
    ['partners', 'partner'],
    ['pages', 'page'],
  ];

  /** A locale of a seed entry as the database holds it: relations as objects, media as files. */
  const asStored = (entry: DemoEntry, locale: 'sl' | 'en'): Entry => ({
    ...withSeedDates(entry.shared, new Date()),
    ...entry[locale],
    ...Object.fromEntries(
      Object.entries(entry.relations ?? {}).map(([field, target]) => [field, target === null ? null : { key: target }]),
    ),
    ...Object.fromEntries(Object.entries(entry.media ?? {}).map(([field, key]) => [field, media.get(key)])),
  });

  it('obeys every save rule, and every publish rule where it is published', () => {
    const problems: string[] = [];
    for (const [section, type] of sections) {
      for (const entry of demo[section]) {
        for (const locale of ['sl', 'en'] as const) {
          const stored = asStored(entry, locale);
          const found = [
            ...saveProblems(layouts, type, stored),
            ...(entry.draft ? [] : publishProblems(layouts, type, stored)),
          ];
          problems.push(...found.map((problem) => `${entry.key} (${locale}): ${problem.message}`));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('seeds menus whose links each go to a seeded page or a section, with About and Privacy', () => {
    const navigation = (demo as unknown as { navigation: Record<'sl' | 'en', Entry> }).navigation;
    const pageKeys = new Set(demo.pages.map((page) => page.key));
    for (const locale of ['sl', 'en'] as const) {
      const menus = navigation[locale] as Record<'header' | 'footer', { page?: string }[]>;
      expect([...saveProblems(layouts, 'navigation', menus), ...publishProblems(layouts, 'navigation', menus)]).toEqual(
        [],
      );
      for (const link of [...menus.header, ...menus.footer]) if (link.page) expect(pageKeys).toContain(link.page);
      expect(menus.header.map((link) => link.page)).toContain('o-zavodu');
      expect(menus.footer.map((link) => link.page)).toContain('varstvo-osebnih-podatkov');
    }
  });

  it('keeps the four planned 2017 workshops without date, city and region, which may be published', () => {
    const planned = demo.workshops.filter((workshop) => workshop.shared.startsAt === null);
    expect(planned).toHaveLength(4);
    for (const workshop of planned) {
      expect(workshop.relations?.region).toBeNull();
      expect(workshop.draft).toBeUndefined();
    }
  });
});
