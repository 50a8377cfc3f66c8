// scripts/import-wordpress/map-post.ts and plan.ts: which posts become articles and how (title,
// slug, date, excerpt, status, regions, cover), which are skipped and why, and how duplicate
// slugs are resolved, on the fixture export and on small made-up posts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from '@koper-otok/content-types';
import { readWxrFile, type WxrExport, type WxrItem } from '../../scripts/import-wordpress/parse-wxr.ts';
import articleSchema from '../../content-types/schemas/article.json' with { type: 'json' };
import { mapPost, type Region } from '../../scripts/import-wordpress/map-post.ts';
import { planImport } from '../../scripts/import-wordpress/plan.ts';

const REGION_NAMES = [
  'Pomurska',
  'Podravska',
  'Koroška',
  'Savinjska',
  'Zasavska',
  'Posavska',
  'Jugovzhodna Slovenija',
  'Primorsko-notranjska',
  'Osrednjeslovenska',
  'Gorenjska',
  'Goriška',
  'Obalno-kraška',
];
const regions: Region[] = REGION_NAMES.map((name) => ({
  documentId: `doc-${name}`,
  name,
  slug: name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '-'),
}));
const regionIds = (...names: string[]) => names.map((n) => `doc-${n}`).sort();

const wxr = readWxrFile(path.join(import.meta.dirname, '..', 'fixtures', 'wordpress', 'export.xml'));
const plan = planImport(wxr, regions);
const article = (id: number) => plan.articles.find((a) => a.wordpressId === id)!;

function post(overrides: Partial<WxrItem>): WxrItem {
  return {
    id: 1,
    type: 'post',
    title: 'Novica',
    link: 'https://www.koper-otok.si/2017/01/01/novica/',
    content: 'Besedilo.',
    excerpt: '',
    date: '2017-01-01 10:00:00',
    dateGmt: '2017-01-01 09:00:00',
    postName: 'novica',
    status: 'publish',
    parentId: 0,
    menuOrder: 0,
    password: '',
    terms: [],
    meta: {},
    attachmentUrl: '',
    ...overrides,
  };
}
const mapOne = (overrides: Partial<WxrItem>) => mapPost(post(overrides), { attachments: new Map(), regions });
const exportOf = (items: WxrItem[]): WxrExport => ({ file: 'x.xml', siteUrl: 'https://www.koper-otok.si', items });

describe('planImport on the fixture', () => {
  it('imports 22 of the 24 posts and says why the others and the page are skipped', () => {
    expect(plan.articles).toHaveLength(22);
    expect(plan.skipped).toEqual([
      { wordpressId: 109, title: '', type: 'post', reason: 'no title and no content' },
      { wordpressId: 116, title: 'Stara novica v smeteh', type: 'post', reason: 'in the WordPress trash' },
      {
        wordpressId: 301,
        title: 'O nas',
        type: 'page',
        reason: 'a WordPress page, not a post: not imported as an article',
      },
    ]);
    expect(plan.ignored).toEqual({ nav_menu_item: 1 });
  });

  it('keeps drafts as drafts: draft, pending, private and password-protected posts are not published', () => {
    const drafts = plan.articles.filter((a) => !a.publish).map((a) => a.wordpressId);
    expect(drafts).toEqual([106, 107, 121, 122]);
    expect(article(121).warnings).toContain('private on the old site: imported as a draft');
    expect(article(122).warnings).toContain(
      'password-protected on the old site: imported as a draft so it does not become public',
    );
  });

  it('gives every article a unique valid slug', () => {
    const slugs = plan.articles.map((a) => a.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
  });

  it('keeps a valid wp:post_name, otherwise derives the slug from the title', () => {
    expect(article(101).slug).toBe('zivahno-mestno-jedro-kopra');
    expect(article(106).slug).toBe('osnutek-nacrt-za-poletje'); // draft without post_name
    expect(article(117).slug).toBe('cokoladni-dan-v-ljubljani'); // percent-encoded post_name
    expect(article(108).slug).toBe('108');
  });

  it('suffixes the later of two posts with the same slug and reports it', () => {
    expect(article(110).slug).toBe('poletna-delavnica');
    expect(article(111).slug).toBe('poletna-delavnica-2');
    expect(article(111).warnings).toContain(
      'slug "poletna-delavnica" is also used by WordPress post #110: this one became "poletna-delavnica-2"',
    );
    expect(article(110).warnings).toEqual([]);
  });

  it('titles a post without a title from its date, and reports it', () => {
    expect(article(108).title).toBe('Brez naslova – 14. 6. 2017');
    expect(article(108).warnings).toContain('no title on the old site: titled "Brez naslova – 14. 6. 2017"');
    expect(article(108).body).toBe('Kratko obvestilo: pisarna bo v petek, 16. junija, zaprta.');
  });

  it('keeps Slovenian titles and the original publication day', () => {
    expect(article(101)).toMatchObject({ title: 'Živahno mestno jedro Kopra', publishedDate: '2017-06-14' });
    expect(article(119).title).toBe('Koper & Izola – skupaj za mestna središča');
    expect(article(124)).toMatchObject({ title: 'Prešernov trg in čebelnjak', slug: 'presernov-trg-in-cebelnjak' });
    expect(article(124).body).toBe('Na Prešernovem trgu so predstavili čebelnjak s kranjske tržnice.');
    expect(article(118).publishedDate).toBe('2016-03-23');
    expect(article(106).publishedDate).toBe('2017-07-01'); // a draft: post_date_gmt is 0000-00-00
  });

  it('takes the excerpt from excerpt:encoded as plain text, else from the first paragraph', () => {
    expect(article(115).excerpt).toBe(
      'Tudi obalni občini Izola in Piran se pridružujeta projektu – več kot 20 novih ponudnikov.',
    );
    expect(article(101).excerpt).toBe(
      'Zavod Koper Otok združuje več kot 55 lokalnih ponudnikov: čevljarje, šivilje, slaščičarje in kavarnarje v starem mestnem jedru.',
    );
    expect(article(102).excerpt).toBe(
      'Gorenjski trgovci so se zbrali v Kranju in skupaj uredili izložbe na Prešernovi ulici.',
    );
  });

  it("shortens a long first paragraph to the model's limit (160 characters) at a word boundary", () => {
    const { excerpt } = article(118);
    const EXCERPT_MAX = articleSchema.attributes.excerpt.maxLength;
    expect(EXCERPT_MAX).toBe(160);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(excerpt.length).toBeGreaterThan(EXCERPT_MAX - 30);
    expect(excerpt.startsWith('Leta 2010 so Mestna občina Koper')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).not.toMatch(/\s…$/);
  });

  it('links regions named by categories and tags, whatever their case, spacing and diacritics', () => {
    expect(article(101).regionDocumentIds).toEqual(regionIds('Obalno-kraška'));
    expect(article(102).regionDocumentIds).toEqual(regionIds('Gorenjska')); // tag
    expect(article(115).regionDocumentIds).toEqual(regionIds('Obalno-kraška')); // tag "obalno kraška"
    expect(article(123).regionDocumentIds).toEqual(regionIds('Goriška')); // category "GORIŠKA"
    expect(article(118).regionDocumentIds).toEqual(regionIds('Obalno-kraška', 'Osrednjeslovenska'));
    expect(article(103).regionDocumentIds).toEqual([]);
    expect([...plan.unmatchedTerms]).toEqual([
      ['Novice', 4],
      ['delavnice', 1],
    ]);
  });

  it('takes the featured image from the attachment, with its alt text', () => {
    expect(article(101).cover).toEqual({
      url: 'https://www.koper-otok.si/wp-content/uploads/2017/06/koper-otok-trg.jpg',
      alt: 'Titov trg v Kopru z Loggio',
      caption: 'Titov trg ob sobotnem sejmu',
    });
    expect(article(112).cover?.url).toBe('https://www.koper-otok.si/wp-content/uploads/2017/04/manjkajoca-slika.jpg');
    expect(article(103).cover).toBeNull();
  });

  it('converts bodies to markdown', () => {
    expect(article(103).body).toContain('| Kraj | Datum | Regija |');
    expect(article(104).body).toContain(
      '![Obiskovalci pred trgovino](https://www.koper-otok.si/wp-content/uploads/2017/05/galerija-1.png)',
    );
    expect(article(105).warnings).toEqual([
      'unknown shortcode [su_note]…[/su_note] removed, the text inside it kept',
      'unknown shortcode [contact-form-7] removed',
    ]);
  });
});

describe('duplicate slugs', () => {
  it('assigns the same slugs whatever the order of items in the file', () => {
    const reversed = planImport({ ...wxr, items: [...wxr.items].reverse() }, regions);
    expect(reversed.articles.map((a) => [a.wordpressId, a.slug])).toEqual(
      plan.articles.map((a) => [a.wordpressId, a.slug]),
    );
  });

  it('gives published posts their slugs before drafts, skipping suffixes already taken', () => {
    const { articles } = planImport(
      exportOf([
        post({ id: 5, status: 'draft', postName: '', title: 'Tržnica' }),
        post({ id: 6, postName: 'trznica' }),
        post({ id: 7, postName: 'trznica-2' }),
        post({ id: 8, postName: 'trznica' }),
      ]),
      regions,
    );
    expect(articles.map((a) => [a.wordpressId, a.slug])).toEqual([
      [5, 'trznica-4'],
      [6, 'trznica'],
      [7, 'trznica-2'],
      [8, 'trznica-3'],
    ]);
  });
});

describe('mapPost', () => {
  it('skips trash and auto-drafts, and posts without a usable date', () => {
    expect(mapOne({ status: 'trash' })).toEqual({ kind: 'skip', reason: 'in the WordPress trash' });
    expect(mapOne({ status: 'auto-draft' })).toEqual({ kind: 'skip', reason: 'an auto-draft that was never saved' });
    expect(mapOne({ status: 'inherit' })).toEqual({
      kind: 'skip',
      reason: 'WordPress status "inherit" is not imported',
    });
    expect(mapOne({ date: '0000-00-00 00:00:00', dateGmt: '' })).toEqual({
      kind: 'skip',
      reason: 'no valid date (wp:post_date "0000-00-00 00:00:00")',
    });
  });

  it('imports a scheduled post as a draft and says when it was due', () => {
    const mapped = mapOne({ status: 'future', date: '2017-12-01 08:00:00' });
    expect(mapped.kind === 'article' && mapped.article.publish).toBe(false);
    expect(mapped.kind === 'article' && mapped.article.warnings).toEqual([
      'scheduled for 2017-12-01 08:00:00 on the old site: imported as a draft',
    ]);
  });

  it('shortens a title longer than Strapi allows', () => {
    const mapped = mapOne({ title: 'Zelo dolg naslov '.repeat(20) });
    expect(mapped.kind).toBe('article');
    if (mapped.kind !== 'article') return;
    expect(mapped.article.title.length).toBeLessThanOrEqual(200);
    expect(mapped.article.warnings).toContain('title longer than 200 characters: shortened');
  });

  it('falls back to the title as excerpt for a post with only an image', () => {
    const mapped = mapOne({
      content: '<img src="https://www.koper-otok.si/wp-content/uploads/a.jpg" alt="">',
      title: 'Samo slika',
    });
    expect(mapped.kind === 'article' && mapped.article.excerpt).toBe('Samo slika');
  });

  it('makes a slug from the post id when neither title nor post name has letters', () => {
    const mapped = mapOne({ id: 77, title: '!!!', postName: '' });
    expect(mapped.kind === 'article' && mapped.article.slug).toBe('novica-77');
  });

  it('reports a featured image that is not in the export', () => {
    const mapped = mapOne({ meta: { _thumbnail_id: '999' } });
    expect(mapped.kind === 'article' && mapped.article.cover).toBeNull();
    expect(mapped.kind === 'article' && mapped.article.warnings).toEqual(['featured image #999 is not in the export']);
  });
});

describe('mapPost details', () => {
  it('links regions by categories and tags only, and lists the names it could not match', () => {
    const mapped = mapOne({
      terms: [
        { domain: 'category', nicename: 'x', name: 'OSREDNJESLOVENSKA' },
        { domain: 'post_tag', nicename: 'y', name: 'jugovzhodna  slovenija' },
        { domain: 'post_format', nicename: 'post-format-gallery', name: 'Gorenjska' },
        { domain: 'category', nicename: 'z', name: 'Dogodki' },
      ],
    });
    expect(mapped.kind === 'article' && mapped.article).toMatchObject({
      regionDocumentIds: regionIds('Jugovzhodna Slovenija', 'Osrednjeslovenska'),
      unmatchedTerms: ['Dogodki'],
    });
  });

  it('takes the calendar day of wp:post_date, else of wp:post_date_gmt, and only real dates', () => {
    const day = (date: string, dateGmt = '') => {
      const mapped = mapOne({ date, dateGmt });
      return mapped.kind === 'article' ? mapped.article.publishedDate : mapped.reason;
    };
    expect(day('2017-06-14 09:30:00')).toBe('2017-06-14');
    expect(day('0000-00-00 00:00:00', '2017-06-13 22:30:00')).toBe('2017-06-13');
    expect(day('2017-02-30 10:00:00')).toBe('no valid date (wp:post_date "2017-02-30 10:00:00")');
    expect(day('')).toBe('no valid date (wp:post_date "")');
  });

  it('titles an untitled post with the Slovenian numeric date', () => {
    const mapped = mapOne({ title: '', date: '2017-06-04 10:00:00' });
    expect(mapped.kind === 'article' && mapped.article.title).toBe('Brez naslova – 4. 6. 2017');
  });
});
