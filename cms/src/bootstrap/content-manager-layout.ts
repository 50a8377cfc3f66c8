import { isDeepStrictEqual } from 'node:util';
import type { Core } from '@strapi/strapi';
import { readComponentLabels, readTypeLayouts, type FieldText, type TypeLayout } from '../validation/labels';

/**
 * What editors see in the Content Manager, from cms/data/admin-labels.json: Slovenian labels and
 * help texts on every field, the list view's columns, default sort and page size.
 *
 * Strapi keeps this configuration per content type in its core store, and staff may change it
 * in the admin ("Configure the view"). So a value is written only where the stored one is still
 * Strapi's generated default or the value this step wrote last time (remembered in the store):
 * a label staff rewrote stays theirs, and a label improved in admin-labels.json reaches every
 * installation where nobody touched it. Idempotent.
 */

/** Configuration paths ('metadatas.title.edit.label') and the values admin-labels.json wants there. */
export type WantedConfiguration = Record<string, unknown>;
/** A content type's stored configuration: nested objects of settings, metadatas and layouts. */
type Configuration = { [key: string]: unknown };

const STORE_KEY = { type: 'core', name: 'koper-otok', key: 'content-manager-layouts' } as const;

/** Labels, help texts and placeholders of fields: all a component's configuration needs from us. */
export function wantedFieldTexts(fields: Record<string, FieldText>): WantedConfiguration {
  const wanted: WantedConfiguration = {};
  for (const [field, text] of Object.entries(fields)) {
    wanted[`metadatas.${field}.edit.label`] = text.label;
    wanted[`metadatas.${field}.list.label`] = text.label;
    wanted[`metadatas.${field}.edit.description`] = text.description;
    wanted[`metadatas.${field}.edit.placeholder`] = text.placeholder ?? '';
  }
  return wanted;
}

/** A type's list settings (a single type has none), its title field if set, and its fields' texts. */
export function wantedConfiguration(layout: TypeLayout): WantedConfiguration {
  const { list, sort, pageSize, mainField } = layout;
  return {
    ...(list && sort && pageSize
      ? {
          'settings.defaultSortBy': sort.by,
          'settings.defaultSortOrder': sort.order,
          'settings.pageSize': pageSize,
          'layouts.list': list,
        }
      : {}),
    ...(mainField ? { 'settings.mainField': mainField } : {}),
    ...wantedFieldTexts(layout.fields),
  };
}

const isObject = (value: unknown): value is Configuration => typeof value === 'object' && value !== null;

const getPath = (object: Configuration, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), object);

function setPath(object: Configuration, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Configuration>((node, key) => {
    const child = node[key];
    return isObject(child) ? child : (node[key] = {});
  }, object);
  parent[keys.at(-1)!] = value;
}

/** Whether `value` at `path` is what Strapi generates for a content type nobody configured yet. */
export function isStrapiDefault(path: string, value: unknown, configuration: Configuration): boolean {
  const [section, field, , key] = path.split('.');
  if (section === 'metadatas') return key === 'label' ? value === field : value === '' || value == null;
  // Strapi titles an entry of a type without a text field by its documentId.
  if (path === 'settings.mainField') return value === 'documentId';
  if (path === 'settings.defaultSortBy') return value === getPath(configuration, 'settings.mainField');
  if (path === 'settings.defaultSortOrder') return value === 'ASC';
  if (path === 'settings.pageSize') return value === 10;
  // Strapi's default list shows the first four listable attributes, and id comes first.
  if (path === 'layouts.list') return Array.isArray(value) && value[0] === 'id';
  return false;
}

/**
 * The stored configuration with the wanted values written where nobody changed the value
 * since Strapi generated it or this step last wrote it (`previous`), and the paths it wrote.
 */
export function mergeConfiguration<C extends Configuration>(
  current: C,
  wanted: WantedConfiguration,
  previous: WantedConfiguration | undefined,
): { configuration: C; changed: string[] } {
  const configuration = structuredClone(current);
  const changed: string[] = [];
  for (const [path, value] of Object.entries(wanted)) {
    const stored = getPath(configuration, path);
    if (isDeepStrictEqual(stored, value)) continue;
    const untouched =
      previous && path in previous
        ? isDeepStrictEqual(stored, previous[path])
        : isStrapiDefault(path, stored, configuration);
    if (!untouched) continue;
    setPath(configuration, path, value);
    changed.push(path);
  }
  return { configuration, changed };
}

/** Writes one model's wanted values where nobody changed them; returns what it wanted, to remember. */
async function applyConfiguration(
  strapi: Core.Strapi,
  /** The Content Manager's service for content types or for components: both store a configuration per model. */
  service: Core.Service,
  model: unknown,
  name: string,
  wanted: WantedConfiguration,
  previous: WantedConfiguration | undefined,
): Promise<WantedConfiguration> {
  const stored: Configuration = await service.findConfiguration(model);
  const { configuration, changed } = mergeConfiguration(stored, wanted, previous);
  if (changed.length > 0) {
    await service.updateConfiguration(model, configuration);
    strapi.log.info(`Content Manager: set ${changed.length} labels and list settings of ${name}`);
  }
  return wanted;
}

export async function ensureContentManagerLayouts(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  const contentTypes = contentManager.service('content-types');
  const components = contentManager.service('components');
  const previous = ((await strapi.store.get(STORE_KEY)) ?? {}) as Record<string, WantedConfiguration>;
  const applied: Record<string, WantedConfiguration> = {};
  for (const [type, layout] of Object.entries(readTypeLayouts(strapi.dirs.app.root))) {
    const uid = `api::${type}.${type}`;
    const contentType = contentTypes.findContentType(uid);
    if (!contentType)
      throw new Error(`Content Manager layout: cms/data/admin-labels.json names ${type}, which Strapi did not load`);
    applied[uid] = await applyConfiguration(
      strapi,
      contentTypes,
      contentType,
      type,
      wantedConfiguration(layout),
      previous[uid],
    );
  }
  for (const [uid, { fields }] of Object.entries(readComponentLabels(strapi.dirs.app.root))) {
    const component = components.findComponent(uid);
    if (!component)
      throw new Error(
        `Content Manager layout: cms/data/admin-labels.json names component ${uid}, which Strapi did not load`,
      );
    applied[uid] = await applyConfiguration(
      strapi,
      components,
      component,
      uid,
      wantedFieldTexts(fields),
      previous[uid],
    );
  }
  await strapi.store.set({ ...STORE_KEY, value: applied });
}
