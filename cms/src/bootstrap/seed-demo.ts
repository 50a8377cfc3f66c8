import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { slugify } from '@koper-otok/content-types';
import { contentTypeUid } from '../utils/strapi-uids';
import { NAVIGATION_UID } from '../validation/menu-guard';
import { withSeedDates } from './seed-dates';

/**
 * Seeds the demo content of cms/data/demo-content.json on a fresh database.
 *
 * - Runs when SEED_DEMO is true (the default outside production).
 * - Idempotent: an entry whose Slovenian slug already exists is left exactly as staff keep it;
 *   after a complete run a flag in Strapi's store stops later starts from re-creating entries
 *   staff deleted on purpose.
 * - Relations are per locale in Strapi 5, so every locale gets them.
 */
type Key = string;
type Fields = Record<string, unknown>;
interface SeedEntry {
  key: Key;
  draft?: boolean;
  shared: Fields;
  relations?: Record<string, Key | Key[] | null>;
  /** Media fields -> key of a file in the seed's media list. */
  media?: Record<string, Key>;
  sl: Fields;
  en: Fields;
}
interface SeedMedia {
  key: Key;
  file: string;
  mime: string;
  alternativeText: string;
  caption: string;
}
/** A menu link of the seed: `page` is the key of a seeded page. */
type SeedLink = { label?: string; page?: Key; section?: string; url?: string };
type SeedMenus = Record<'header' | 'footer', SeedLink[]>;
type SeedFile = Record<'regions' | 'partners' | 'workshops' | 'articles' | 'pages', SeedEntry[]> & {
  media: SeedMedia[];
  navigation: Record<'sl' | 'en', SeedMenus>;
};

// Dependency order: targets are created before the entries that point at them.
const SEED_ORDER = [
  { section: 'regions', uid: 'api::region.region', titleField: 'name' },
  { section: 'partners', uid: 'api::partner.partner', titleField: 'name' },
  { section: 'workshops', uid: 'api::workshop.workshop', titleField: 'title' },
  { section: 'articles', uid: 'api::article.article', titleField: 'title' },
  { section: 'pages', uid: 'api::page.page', titleField: 'title' },
] as const;

const STORE_KEY = { type: 'core', name: 'koper-otok', key: 'demo-seed' } as const;

export const seedFilePath = (strapi: Core.Strapi) => path.join(strapi.dirs.app.root, 'data', 'demo-content.json');

export async function seedDemo(strapi: Core.Strapi): Promise<void> {
  const enabled = (process.env.SEED_DEMO ?? (process.env.NODE_ENV === 'production' ? 'false' : 'true')) === 'true';
  if (!enabled) return;
  if (await strapi.store.get(STORE_KEY)) {
    strapi.log.info('Demo content: already seeded earlier, nothing to do');
    return;
  }

  const seed = JSON.parse(readFileSync(seedFilePath(strapi), 'utf8')) as SeedFile;
  const documentIds = new Map<Key, string>();
  const mediaIds = await uploadMedia(strapi, seed.media);
  let created = 0;
  const seededAt = new Date();
  for (const { section, uid, titleField } of SEED_ORDER) {
    for (const entry of seed[section]) {
      const dated = { ...entry, shared: withSeedDates(entry.shared, seededAt) };
      created += (await seedEntry(strapi, uid, titleField, dated, documentIds, mediaIds)) ? 1 : 0;
    }
  }
  created += (await seedNavigation(strapi, seed.navigation, documentIds)) ? 1 : 0;
  await strapi.store.set({ ...STORE_KEY, value: { seededAt: new Date().toISOString(), created } });
  strapi.log.info(`Demo content: created ${created} entries in sl and en`);
}

const withSlug = (fields: Fields, titleField: string): Fields & { slug: string } => ({
  ...fields,
  slug: typeof fields.slug === 'string' ? fields.slug : slugify(String(fields[titleField])),
});

/** Uploads the seed's images into the media library (once: files already there are reused). */
async function uploadMedia(strapi: Core.Strapi, media: SeedMedia[]): Promise<Map<Key, number>> {
  const ids = new Map<Key, number>();
  for (const item of media) {
    const filepath = path.join(strapi.dirs.app.root, 'data', item.file);
    const name = path.basename(filepath);
    const existing = await strapi.db.query('plugin::upload.file').findOne({ where: { name } });
    if (existing) {
      ids.set(item.key, existing.id);
      continue;
    }
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name, alternativeText: item.alternativeText, caption: item.caption } },
        files: { filepath, originalFilename: name, mimetype: item.mime, size: statSync(filepath).size },
      });
    ids.set(item.key, file.id);
  }
  return ids;
}

function resolveMedia(entry: SeedEntry, mediaIds: Map<Key, number>): Fields {
  return Object.fromEntries(
    Object.entries(entry.media ?? {}).map(([field, key]) => {
      if (!mediaIds.has(key)) throw new Error(`Demo content: "${entry.key}" refers to unknown media "${key}"`);
      return [field, mediaIds.get(key)];
    }),
  );
}

function resolveRelations(entry: SeedEntry, documentIds: Map<Key, string>): Fields {
  const lookup = (key: Key) => {
    const id = documentIds.get(key);
    if (!id) throw new Error(`Demo content: "${entry.key}" refers to unknown entry "${key}"`);
    return id;
  };
  const resolved: Fields = {};
  for (const [field, target] of Object.entries(entry.relations ?? {})) {
    resolved[field] = Array.isArray(target) ? target.map(lookup) : target === null ? null : lookup(target);
  }
  return resolved;
}

/** Creates one entry in sl and en and publishes it unless it is a draft. Returns false if it existed. */
async function seedEntry(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  titleField: string,
  entry: SeedEntry,
  documentIds: Map<Key, string>,
  mediaIds: Map<Key, number>,
): Promise<boolean> {
  const documents = strapi.documents(uid);
  const sl = withSlug(entry.sl, titleField);
  const existing = await documents.findFirst({ locale: 'sl', status: 'draft', filters: { slug: sl.slug } });
  if (existing) {
    documentIds.set(entry.key, existing.documentId);
    return false;
  }
  const relations = { ...resolveRelations(entry, documentIds), ...resolveMedia(entry, mediaIds) };
  const doc = await documents.create({ locale: 'sl', data: { ...entry.shared, ...sl, ...relations } });
  await documents.update({
    documentId: doc.documentId,
    locale: 'en',
    data: { ...entry.shared, ...withSlug(entry.en, titleField), ...relations },
  });
  if (!entry.draft) await documents.publish({ documentId: doc.documentId, locale: '*' });
  documentIds.set(entry.key, doc.documentId);
  return true;
}

/** The menus (a single type: one entry per locale), unless staff already saved one. Returns false if it existed. */
async function seedNavigation(
  strapi: Core.Strapi,
  menus: SeedFile['navigation'],
  documentIds: Map<Key, string>,
): Promise<boolean> {
  const documents = strapi.documents(contentTypeUid(strapi, NAVIGATION_UID));
  if (await documents.findFirst({ locale: 'sl', status: 'draft' })) return false;
  const withPages = (links: SeedLink[]) =>
    links.map(({ page, ...link }) => {
      if (page === undefined) return link;
      const documentId = documentIds.get(page);
      if (!documentId) throw new Error(`Demo content: the navigation refers to unknown page "${page}"`);
      return { ...link, page: documentId };
    });
  const data = (locale: 'sl' | 'en') => ({
    header: withPages(menus[locale].header),
    footer: withPages(menus[locale].footer),
  });
  const menu = await documents.create({ locale: 'sl', data: data('sl') });
  await documents.update({ documentId: menu.documentId, locale: 'en', data: data('en') });
  await documents.publish({ documentId: menu.documentId, locale: '*' });
  return true;
}
