/**
 * Deterministic benchmark content, shared by every benchmark (bench/publish-to-live.ts,
 * bench/performance.ts): the same seed gives the same content on every machine and run.
 *
 *   generateArticles(n)   n articles in Slovenian and English, markdown bodies of 300-1,500
 *                         words (headings, lists, links, quotes, images), relations by index
 *   generateDataset(...)  articles + workshops (n/10 by default) + partners, for a full load
 *   loadArticles(admin)   loads articles through the admin API, the path staff take (used by
 *                         publish-to-live); bench/lib/load-strapi.ts loads a whole dataset
 *                         in-process through the Document Service, which is much faster
 *
 * Relations are indexes (into the seeded regions, the generated partners and workshops, the
 * uploaded images), so the loader can resolve them to whatever ids Strapi gives.
 */
import { inParallel } from '../../scripts/lib/in-parallel.ts';
import type { AdminClient } from '../../scripts/lib/strapi-admin.ts';
import { DEFAULT_STRAPI_URL } from '../../site/src/lib/env.ts';

type Lang = 'sl' | 'en';

export interface LocalizedArticle {
  title: string;
  slug: string;
  excerpt: string;
  body: string;
}

export interface GeneratedArticle {
  key: number;
  publishedDate: string;
  /** The main region (index into the 12 regions sorted by code); also in regionIndexes. */
  regionIndex: number;
  regionIndexes: number[];
  partnerIndexes: number[];
  workshopIndexes: number[];
  /** Index into the uploaded images, or null for an article without a cover. */
  coverIndex: number | null;
  sl: LocalizedArticle;
  en: LocalizedArticle;
}

export interface GeneratedWorkshop {
  key: number;
  startsAt: string | null;
  endsAt: string | null;
  capacity: number | null;
  eventStatus: 'planned' | 'held' | 'cancelled';
  registrationUrl: string | null;
  regionIndex: number;
  partnerIndexes: number[];
  sl: { title: string; slug: string; venueName: string; venueAddress: string; city: string; description: string };
  en: { title: string; slug: string; venueName: string; venueAddress: string; city: string; description: string };
}

export interface GeneratedPartner {
  key: number;
  kind: 'ministry' | 'public_agency' | 'municipality' | 'chamber' | 'association' | 'business';
  website: string;
  regionIndexes: number[];
  sl: { name: string; shortName: string | null; slug: string; description: string };
  en: { name: string; shortName: string | null; slug: string; description: string };
}

export interface Dataset {
  articles: GeneratedArticle[];
  workshops: GeneratedWorkshop[];
  partners: GeneratedPartner[];
}

export interface DatasetOptions {
  articles: number;
  /** Default: articles / 10, at least 1. */
  workshops?: number;
  /** Default: 50. */
  partners?: number;
  /** Absolute URLs of images that bodies may show (markdown images). */
  imageUrls?: string[];
  /** How many covers there are to choose from (coverIndex < imageCount); 0 = no covers. */
  imageCount?: number;
  seed?: number;
}

export const REGION_COUNT = 12;
const DEFAULT_IMAGE_URLS = [`${DEFAULT_STRAPI_URL}/uploads/mestno-jedro-koper.jpg`];

/** mulberry32: a tiny seeded PRNG, enough for reproducible text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (next: Rng, min: number, max: number) => min + Math.floor(next() * (max - min + 1));
const pick = <T>(next: Rng, items: readonly T[]): T => items[Math.floor(next() * items.length)];
const distinct = (next: Rng, count: number, range: number) => {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, range)) chosen.add(Math.floor(next() * range));
  return [...chosen].sort((a, b) => a - b);
};

const WORDS: Record<Lang, string[]> = {
  sl: [
    'mestno',
    'središče',
    'delavnica',
    'trgovci',
    'občina',
    'obnova',
    'tržnica',
    'prenova',
    'ulica',
    'kavarna',
    'partnerji',
    'razvoj',
    'obiskovalci',
    'program',
    'načrt',
    'dogodek',
    'lokalni',
    'ponudniki',
    'gostinci',
    'obrtniki',
    'prebivalci',
    'trg',
    'pločnik',
    'izložba',
    'sejem',
    'turizem',
    'promet',
    'parkirišče',
    'kolesarji',
    'pešci',
    'zgodovinsko',
    'jedro',
    'stavba',
    'fasada',
    'najemnina',
    'prostor',
    'podjetje',
    'zavod',
    'svetovanje',
    'usposabljanje',
    'sodelovanje',
    'financiranje',
    'razpis',
    'projekt',
    'skupnost',
    'prireditev',
    'poletje',
    'jesen',
    'zima',
    'pomlad',
    'večer',
    'sobota',
    'župan',
    'svetniki',
    'ministrstvo',
    'agencija',
    'zbornica',
    'dobre',
    'prakse',
    'izkušnje',
    'rezultati',
    'predlogi',
    'odločitve',
    'zamisli',
    'ponudba',
    'kakovost',
    'živahno',
    'privlačno',
    'varno',
    'zeleno',
    'dostopno',
    'skupaj',
    'naprej',
    'danes',
    'letos',
    'večkrat',
    'pogosto',
  ],
  en: [
    'town',
    'centre',
    'workshop',
    'shopkeepers',
    'municipality',
    'renewal',
    'market',
    'revival',
    'street',
    'café',
    'partners',
    'development',
    'visitors',
    'programme',
    'plan',
    'event',
    'local',
    'providers',
    'restaurateurs',
    'craftspeople',
    'residents',
    'square',
    'pavement',
    'shop window',
    'fair',
    'tourism',
    'traffic',
    'car park',
    'cyclists',
    'pedestrians',
    'historic',
    'core',
    'building',
    'façade',
    'rent',
    'space',
    'business',
    'association',
    'advice',
    'training',
    'cooperation',
    'funding',
    'call for proposals',
    'project',
    'community',
    'festival',
    'summer',
    'autumn',
    'winter',
    'spring',
    'evening',
    'Saturday',
    'mayor',
    'councillors',
    'ministry',
    'agency',
    'chamber',
    'good',
    'practice',
    'experience',
    'results',
    'proposals',
    'decisions',
    'ideas',
    'offer',
    'quality',
    'lively',
    'attractive',
    'safe',
    'green',
    'accessible',
    'together',
    'forward',
    'today',
    'this year',
    'often',
  ],
};
const CONNECTORS: Record<Lang, string[]> = {
  sl: ['in', 'ter', 'za', 'v', 'na', 'ob', 'pri', 'z', 'ki', 'da', 'kot', 'saj', 'zato'],
  en: ['and', 'for', 'in', 'on', 'at', 'with', 'that', 'which', 'as', 'so', 'because', 'the', 'of'],
};
const TOWNS = [
  'Koper',
  'Izola',
  'Piran',
  'Ljubljana',
  'Maribor',
  'Celje',
  'Kranj',
  'Novo mesto',
  'Ptuj',
  'Murska Sobota',
  'Nova Gorica',
  'Postojna',
  'Jesenice',
  'Slovenj Gradec',
  'Trbovlje',
  'Krško',
  'Sežana',
  'Kamnik',
  'Velenje',
  'Brežice',
];
const STREETS = [
  'Titov trg',
  'Prešernova ulica',
  'Glavni trg',
  'Čevljarska ulica',
  'Trg svobode',
  'Cankarjeva cesta',
  'Kidričeva ulica',
];
const PARTNER_KINDS: GeneratedPartner['kind'][] = [
  'ministry',
  'public_agency',
  'municipality',
  'chamber',
  'association',
  'business',
];
const PARTNER_NAMES: Record<Lang, Record<GeneratedPartner['kind'], string>> = {
  sl: {
    ministry: 'Ministrstvo za',
    public_agency: 'Javna agencija za',
    municipality: 'Občina',
    chamber: 'Zbornica',
    association: 'Društvo',
    business: 'Podjetje',
  },
  en: {
    ministry: 'Ministry of',
    public_agency: 'Public Agency for',
    municipality: 'Municipality of',
    chamber: 'Chamber of',
    association: 'Association',
    business: 'Company',
  },
};

function words(next: Rng, lang: Lang, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(next() < 0.25 ? pick(next, CONNECTORS[lang]) : pick(next, WORDS[lang]));
  return out.join(' ');
}

const capitalise = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

function sentence(next: Rng, lang: Lang, count = int(next, 7, 18)): string {
  let text = words(next, lang, count);
  const roll = next();
  if (roll < 0.08) text = text.replace(/^(\S+) (\S+)/, '$1 **$2**');
  else if (roll < 0.14) text = text.replace(/ (\S+)$/, ' *$1*');
  else if (roll < 0.18)
    text = `${text.split(' ').slice(0, -2).join(' ')} [${pick(next, WORDS[lang])}](https://www.koper-otok.si/${pick(next, ['novice', 'delavnice', 'partnerji'])}/)`;
  return `${capitalise(text)}${pick(next, ['.', '.', '.', '.', '!', '?'])}`;
}

function paragraph(next: Rng, lang: Lang): string {
  return Array.from({ length: int(next, 3, 6) }, () => sentence(next, lang)).join(' ');
}

const wordCount = (markdown: string) => markdown.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** A news body of 300-1,500 words: paragraphs with headings, lists, quotes, links and images. */
function articleBody(next: Rng, lang: Lang, imageUrls: string[]): string {
  // The last block may overshoot the target by up to ~100 words, so aim a little below 1,500.
  const target = int(next, 300, 1400);
  const blocks: string[] = [paragraph(next, lang)];
  let count = wordCount(blocks[0]);
  while (count < target) {
    const roll = next();
    let block: string;
    if (roll < 0.12) block = `## ${capitalise(words(next, lang, int(next, 2, 6)))}`;
    else if (roll < 0.18) block = `### ${capitalise(words(next, lang, int(next, 2, 5)))}`;
    else if (roll < 0.26)
      block = Array.from({ length: int(next, 3, 6) }, () => `- ${words(next, lang, int(next, 3, 9))}`).join('\n');
    else if (roll < 0.3)
      block = Array.from({ length: int(next, 3, 5) }, (_, i) => `${i + 1}. ${words(next, lang, int(next, 3, 9))}`).join(
        '\n',
      );
    else if (roll < 0.34) block = `> ${sentence(next, lang)}`;
    else if (roll < 0.37 && imageUrls.length > 0)
      block = `![${capitalise(words(next, lang, 4))}](${pick(next, imageUrls)})`;
    else block = paragraph(next, lang);
    blocks.push(block);
    count += wordCount(block);
  }
  return `${blocks.join('\n\n')}\n`;
}

function articleDate(index: number, count: number): string {
  // Spread over 2010-01-01 .. 2026-10-31, oldest first, so lists and archives look like a real archive.
  const start = Date.UTC(2010, 0, 1);
  const span = Date.UTC(2026, 9, 31) - start;
  return new Date(start + Math.floor((span * index) / Math.max(count, 1))).toISOString().slice(0, 10);
}

export interface ArticleOptions {
  seed?: number;
  imageUrls?: string[];
  imageCount?: number;
  partnerCount?: number;
  workshopCount?: number;
}

/**
 * Strapi refuses to save an excerpt over 160 characters or publish one under 50
 * (cms/src/validation/rules.ts): cut long ones at a word. Applied after the random draws, so
 * the rest of the generated content stays the same for the same seed.
 */
function fitExcerpt(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;:]+$/, '')}.`;
}

/** Every WIDELY_CITED_EVERY-th article, and only those, names the partner at index 0. */
export const WIDELY_CITED_EVERY = 10;

/**
 * One partner that a tenth of the archive names (1,000 articles at 10,000), so the benchmark
 * can rename a partner that many pages show; applied after the random draws, so the rest of
 * the content stays the same for the same seed.
 */
function withWidelyCitedPartner(key: number, drawn: number[]): number[] {
  const others = drawn.filter((index) => index !== 0);
  return key % WIDELY_CITED_EVERY === 0 ? [0, ...others] : others;
}

export function generateArticles(count: number, seed = 2017, options: ArticleOptions = {}): GeneratedArticle[] {
  const next = random(seed);
  const imageUrls = options.imageUrls ?? DEFAULT_IMAGE_URLS;
  const { imageCount = 0, partnerCount = 0, workshopCount = 0 } = options;
  return Array.from({ length: count }, (_, i) => {
    const key = i + 1;
    const localized = (lang: Lang, label: string): LocalizedArticle => ({
      title: `${label} ${key}: ${capitalise(words(next, lang, int(next, 4, 9)))}`,
      slug: `${lang === 'sl' ? 'primer-novice' : 'sample-news'}-${key}`,
      excerpt: fitExcerpt(sentence(next, lang, int(next, 12, 24))),
      body: articleBody(next, lang, imageUrls),
    });
    const regionIndexes = distinct(next, int(next, 1, 2), REGION_COUNT);
    return {
      key,
      publishedDate: articleDate(i, count),
      regionIndex: regionIndexes[0],
      regionIndexes,
      partnerIndexes:
        partnerCount > 0 ? withWidelyCitedPartner(key, distinct(next, int(next, 0, 2), partnerCount)) : [],
      workshopIndexes: workshopCount > 0 && next() < 0.3 ? [Math.floor(next() * workshopCount)] : [],
      coverIndex: imageCount > 0 && next() < 0.35 ? Math.floor(next() * imageCount) : null,
      sl: localized('sl', 'Novica'),
      en: localized('en', 'News'),
    };
  });
}

export function generateWorkshops(count: number, partnerCount: number, seed = 2016): GeneratedWorkshop[] {
  const next = random(seed);
  const now = Date.UTC(2026, 10, 1);
  return Array.from({ length: count }, (_, i) => {
    const key = i + 1;
    const undated = next() < 0.05;
    // Ten years back and one ahead, so every build has past and upcoming workshops.
    const start = Date.UTC(2016, 0, 1) + Math.floor(next() * (now + 365 * 86_400_000 - Date.UTC(2016, 0, 1)));
    const startsAt = undated ? null : new Date(Math.floor(start / 3_600_000) * 3_600_000).toISOString();
    const endsAt = startsAt ? new Date(Date.parse(startsAt) + int(next, 2, 6) * 3_600_000).toISOString() : null;
    const eventStatus: GeneratedWorkshop['eventStatus'] =
      next() < 0.05 ? 'cancelled' : startsAt && Date.parse(startsAt) < now ? 'held' : 'planned';
    const city = pick(next, TOWNS);
    const venue = { venueAddress: `${pick(next, STREETS)} ${int(next, 1, 40)}, ${city}`, city };
    const localized = (lang: Lang, label: string) => ({
      title: `${label} ${key}: ${capitalise(words(next, lang, int(next, 3, 6)))}`,
      slug: `${lang === 'sl' ? 'primer-delavnice' : 'sample-workshop'}-${key}`,
      venueName: lang === 'sl' ? `Dvorana ${city}` : `${city} hall`,
      ...venue,
      description: Array.from({ length: int(next, 2, 4) }, () => paragraph(next, lang)).join('\n\n'),
    });
    return {
      key,
      startsAt,
      endsAt,
      eventStatus,
      capacity: next() < 0.7 ? int(next, 10, 80) : null,
      registrationUrl: eventStatus === 'planned' ? `https://www.koper-otok.si/prijava/${key}` : null,
      regionIndex: Math.floor(next() * REGION_COUNT),
      partnerIndexes: partnerCount > 0 ? distinct(next, int(next, 1, 3), partnerCount) : [],
      sl: localized('sl', 'Delavnica'),
      en: localized('en', 'Workshop'),
    };
  });
}

export function generatePartners(count: number, seed = 2010): GeneratedPartner[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const key = i + 1;
    const kind = pick(next, PARTNER_KINDS);
    const topic = { sl: capitalise(words(next, 'sl', 2)), en: capitalise(words(next, 'en', 2)) };
    const localized = (lang: Lang) => ({
      name: `${PARTNER_NAMES[lang][kind]} ${topic[lang]} ${key}`,
      shortName: next() < 0.5 ? `P${key}` : null,
      slug: `${lang === 'sl' ? 'primer-partnerja' : 'sample-partner'}-${key}`,
      description: paragraph(next, lang),
    });
    return {
      key,
      kind,
      website: `https://partner-${key}.example.si/`,
      regionIndexes: distinct(next, int(next, 0, 3), REGION_COUNT),
      sl: localized('sl'),
      en: localized('en'),
    };
  });
}

/** Everything a full benchmark load needs, in dependency order (partners, workshops, articles). */
export function generateDataset(options: DatasetOptions): Dataset {
  const seed = options.seed ?? 2017;
  const partners = generatePartners(options.partners ?? 50, seed + 1);
  const workshops = generateWorkshops(
    options.workshops ?? Math.max(1, Math.floor(options.articles / 10)),
    partners.length,
    seed + 2,
  );
  const articles = generateArticles(options.articles, seed, {
    imageUrls: options.imageUrls,
    imageCount: options.imageCount ?? 0,
    partnerCount: partners.length,
    workshopCount: workshops.length,
  });
  return { articles, workshops, partners };
}

export interface LoadOptions {
  concurrency?: number;
  onProgress?(done: number, total: number): void;
}

/** Creates and publishes every article in sl, then adds and publishes its en translation. */
export async function loadArticles(
  admin: AdminClient,
  articles: GeneratedArticle[],
  options: LoadOptions = {},
): Promise<void> {
  const regions = await admin.request<{ results: { documentId: string; code: string }[] }>(
    'GET',
    '/content-manager/collection-types/api::region.region?locale=sl&pageSize=100&sort=code:ASC',
  );
  const regionIds = regions.results.map((region) => region.documentId);
  if (regionIds.length === 0) throw new Error('no regions found: load the benchmark articles into a seeded Strapi');

  let done = 0;
  await inParallel(articles, options.concurrency ?? 4, async (article) => {
    const region = regionIds[article.regionIndex % regionIds.length];
    const shared = { publishedDate: article.publishedDate };
    const { documentId } = await admin.createAndPublish('api::article.article', 'sl', {
      ...shared,
      ...article.sl,
      locale: 'sl',
      regions: { connect: [{ documentId: region, locale: 'sl' }] },
    });
    await admin.publish('api::article.article', documentId, 'en', {
      ...shared,
      ...article.en,
      locale: 'en',
      regions: { connect: [{ documentId: region, locale: 'en' }] },
    });
    options.onProgress?.(++done, articles.length);
  });
}
