/**
 * Loads a generated dataset (bench/lib/generate-content.ts) into a fresh Strapi database,
 * in-process through the Document Service: no HTTP, one transaction per batch, each entry
 * created and published in Slovenian, then translated and published in English, as staff
 * would. The seeded demo supplies the 12 regions, the images and the first partners.
 *
 * Run as its own process (bench/lib/bench-database.ts does), so the in-process Strapi dies
 * with it:  node bench/lib/load-strapi.ts <articles>
 * with DATABASE_FILENAME, PUBLIC_DIR and Strapi's secrets in the environment. Prints progress
 * lines and, last, one line "LOAD_RESULT {json}" with the timings.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { DEFAULT_STRAPI_URL } from '../../site/src/lib/env.ts';
import {
  generateDataset,
  type Dataset,
  type GeneratedArticle,
  type GeneratedPartner,
  type GeneratedWorkshop,
} from './generate-content.ts';

export const LOAD_RESULT_PREFIX = 'LOAD_RESULT ';
/** Bodies link images by absolute URL, as the demo's Strapi (STRAPI_URL default) serves them. */
const MEDIA_BASE_URL = DEFAULT_STRAPI_URL;
const TOTAL_PARTNERS = 50;
const BATCH_SIZE = 100;
const TABLES = ['articles', 'workshops', 'partners', 'regions'];

export interface LoadResult {
  articles: number;
  workshops: number;
  partners: number;
  /** Strapi boot plus the demo seed on the fresh database. */
  bootMs: number;
  generateMs: number;
  /** Writing the generated entries (both locales, published). */
  loadMs: number;
  articlesPerSecond: number;
}

// Strapi's typings want literal uids and exact data shapes; the loader writes plain objects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Strapi = any;
type Ids = { regions: string[]; partners: string[]; workshops: string[]; images: number[]; imageUrls: string[] };

async function loadStrapi(): Promise<Strapi> {
  const { createStrapi } = createRequire(path.join(cmsDir, 'package.json'))('@strapi/strapi');
  const strapi = createStrapi({
    appDir: cmsDir,
    distDir: path.join(cmsDir, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  await strapi.load();
  return strapi;
}

/** Creates the document in sl and en and publishes both; returns its documentId. */
async function createBilingual(strapi: Strapi, uid: string, shared: object, sl: object, en: object): Promise<string> {
  const documents = strapi.documents(uid);
  const doc = await documents.create({ locale: 'sl', data: { ...shared, ...sl }, status: 'published' });
  await documents.update({ documentId: doc.documentId, locale: 'en', data: { ...shared, ...en }, status: 'published' });
  return doc.documentId;
}

const partnerData = (p: GeneratedPartner, ids: Ids) => ({
  kind: p.kind,
  website: p.website,
  regions: p.regionIndexes.map((i) => ids.regions[i]),
});
const workshopData = (w: GeneratedWorkshop, ids: Ids) => ({
  startsAt: w.startsAt,
  endsAt: w.endsAt,
  capacity: w.capacity,
  eventStatus: w.eventStatus,
  registrationUrl: w.registrationUrl,
  region: ids.regions[w.regionIndex],
  partners: w.partnerIndexes.map((i) => ids.partners[i]),
});
const articleData = (a: GeneratedArticle, ids: Ids) => ({
  publishedDate: a.publishedDate,
  regions: a.regionIndexes.map((i) => ids.regions[i]),
  partners: a.partnerIndexes.map((i) => ids.partners[i]),
  workshops: a.workshopIndexes.map((i) => ids.workshops[i]),
  cover: a.coverIndex === null ? null : ids.images[a.coverIndex],
});

function progressLine(label: string, total: number) {
  const started = Date.now();
  let printed = 0;
  return (done: number) => {
    if (done < total && Date.now() - printed < 2000) return;
    printed = Date.now();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `load: ${label} ${done}/${total} (${seconds.toFixed(0)} s, ${(done / Math.max(seconds, 0.001)).toFixed(0)}/s)`,
    );
  };
}

/** Writes items in transactions of BATCH_SIZE; an SQLite commit per batch instead of per row. */
async function inBatches<T>(
  strapi: Strapi,
  label: string,
  items: T[],
  write: (item: T) => Promise<string>,
): Promise<string[]> {
  const ids: string[] = [];
  const progress = progressLine(label, items.length);
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    await strapi.db.transaction(async () => {
      for (const item of items.slice(start, start + BATCH_SIZE)) ids.push(await write(item));
    });
    progress(ids.length);
  }
  return ids;
}

async function existingIds(strapi: Strapi): Promise<Ids> {
  const regions = await strapi
    .documents('api::region.region')
    .findMany({ locale: 'sl', status: 'draft', sort: 'code:asc', fields: ['code'] });
  if (regions.length !== 12)
    throw new Error(`expected the 12 seeded regions, found ${regions.length}: is SEED_DEMO=true?`);
  const partners = await strapi
    .documents('api::partner.partner')
    .findMany({ locale: 'sl', status: 'draft', fields: ['slug'] });
  const images = await strapi.db
    .query('plugin::upload.file')
    .findMany({ where: { mime: { $startsWith: 'image/' } }, orderBy: { id: 'asc' } });
  return {
    regions: regions.map((r: { documentId: string }) => r.documentId),
    partners: partners.map((p: { documentId: string }) => p.documentId),
    workshops: [],
    images: images.map((f: { id: number }) => f.id),
    imageUrls: images.map((f: { url: string }) => new URL(f.url, `${MEDIA_BASE_URL}/`).href),
  };
}

/**
 * Strapi checks that every new slug is unique. Without an index on slug each check scans the
 * whole table and loading is quadratic. The content model indexes the slugs of articles and
 * workshops (content-types/schemas); these indexes, which exist only while loading, also cover
 * partners and regions.
 * Dropping them afterwards leaves the database exactly as Strapi made it, so the builds and the
 * API are measured on that.
 */
async function withSlugIndexes<T>(strapi: Strapi, work: () => Promise<T>): Promise<T> {
  const knex = strapi.db.connection;
  for (const table of TABLES) await knex.raw(`CREATE INDEX IF NOT EXISTS bench_load_${table}_slug ON ${table} (slug)`);
  try {
    return await work();
  } finally {
    for (const table of TABLES) await knex.raw(`DROP INDEX IF EXISTS bench_load_${table}_slug`);
  }
}

async function loadDataset(strapi: Strapi, dataset: Dataset, ids: Ids): Promise<void> {
  const partnerIds = await inBatches(strapi, 'partners', dataset.partners, (p) =>
    createBilingual(strapi, 'api::partner.partner', partnerData(p, ids), p.sl, p.en),
  );
  ids.partners = [...ids.partners, ...partnerIds];
  ids.workshops = await inBatches(strapi, 'workshops', dataset.workshops, (w) =>
    createBilingual(strapi, 'api::workshop.workshop', workshopData(w, ids), w.sl, w.en),
  );
  await inBatches(strapi, 'articles', dataset.articles, (a) =>
    createBilingual(strapi, 'api::article.article', articleData(a, ids), a.sl, a.en),
  );
}

async function main(articleCount: number): Promise<void> {
  const bootStarted = Date.now();
  const strapi = await loadStrapi();
  const bootMs = Date.now() - bootStarted;
  try {
    const ids = await existingIds(strapi);
    const generateStarted = Date.now();
    const dataset = generateDataset({
      articles: articleCount,
      partners: Math.max(0, TOTAL_PARTNERS - ids.partners.length),
      imageUrls: ids.imageUrls,
      imageCount: ids.images.length,
    });
    const generateMs = Date.now() - generateStarted;
    console.log(
      `load: generated ${dataset.articles.length} articles, ${dataset.workshops.length} workshops, ${dataset.partners.length} partners in ${generateMs} ms`,
    );
    const loadStarted = Date.now();
    await withSlugIndexes(strapi, () => loadDataset(strapi, dataset, ids));
    const loadMs = Date.now() - loadStarted;
    const result: LoadResult = {
      articles: dataset.articles.length,
      workshops: dataset.workshops.length,
      partners: ids.partners.length,
      bootMs,
      generateMs,
      loadMs,
      articlesPerSecond: Math.round((dataset.articles.length / loadMs) * 1000 * 10) / 10,
    };
    console.log(`${LOAD_RESULT_PREFIX}${JSON.stringify(result)}`);
  } finally {
    await strapi.destroy();
  }
}

if (import.meta.main) {
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) {
    console.error('usage: node bench/lib/load-strapi.ts <articles>');
    process.exit(2);
  }
  main(count).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`load failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
