// What editors see in the Content Manager: cms/data/admin-labels.json gives every field of the
// content types a Slovenian label and help text and sensible list views, and
// cms/src/bootstrap/content-manager-layout.ts writes it into Strapi's stored configuration
// without overwriting what staff changed in the admin.
import { describe, expect, it } from 'vitest';
import {
  isStrapiDefault,
  mergeConfiguration,
  wantedConfiguration,
} from '../../cms/src/bootstrap/content-manager-layout.ts';
import { readComponentLabels, readTypeLayouts, type ContentTypeName } from '../../cms/src/validation/labels.ts';
import { loadComponents, loadSchemas } from '../../scripts/lib/content-model.ts';
import { cmsDir } from '../../scripts/lib/paths.ts';

const schemas = loadSchemas();
const typeLayouts = readTypeLayouts(cmsDir);
const TYPES = ['article', 'workshop', 'region', 'partner', 'page', 'navigation'] as const;
/** Collection types have a list view; the navigation, a single type, has none. */
const LISTED_TYPES = TYPES.filter((type) => schemas.get(type)!.kind === 'collectionType');

describe('admin-labels.json', () => {
  it('covers exactly the content types of the model', () => {
    expect(Object.keys(typeLayouts).sort()).toEqual([...schemas.keys()].sort());
  });

  it.each(TYPES)('gives every %s field a Slovenian label and a help text', (type) => {
    const attributes = Object.keys(schemas.get(type)!.attributes);
    const fields = typeLayouts[type].fields;
    expect(Object.keys(fields).sort()).toEqual([...attributes].sort());
    for (const [field, { label, description }] of Object.entries(fields)) {
      expect(label.trim(), field).not.toBe('');
      expect(label, `${type}.${field} still has the attribute name as its label`).not.toBe(field);
      expect(description.trim().length, `${type}.${field} needs a real help text`).toBeGreaterThan(20);
    }
  });

  it('gives every field of every component a Slovenian label and a help text', () => {
    const components = loadComponents();
    const componentLabels = readComponentLabels(cmsDir);
    expect(Object.keys(componentLabels).sort()).toEqual([...components.keys()].sort());
    for (const [uid, component] of components) {
      const fields = componentLabels[uid].fields;
      expect(Object.keys(fields).sort(), uid).toEqual(Object.keys(component.attributes).sort());
      for (const [field, { label, description }] of Object.entries(fields)) {
        expect(label, `${uid}.${field} still has the attribute name as its label`).not.toBe(field);
        expect(description.trim().length, `${uid}.${field} needs a real help text`).toBeGreaterThan(20);
      }
    }
  });

  it('has a list view for every collection type and none for single types', () => {
    expect(LISTED_TYPES).toEqual(['article', 'workshop', 'region', 'partner', 'page']);
    expect(typeLayouts.navigation.list).toBeUndefined();
    // The menu's edit view is titled "Meni" (its type's name), not by its documentId.
    expect(wantedConfiguration(typeLayouts.navigation)['settings.mainField']).toBe('id');
    expect(wantedConfiguration(typeLayouts.page)).not.toHaveProperty(['settings.mainField']);
  });

  it.each(LISTED_TYPES)(
    'lists %s entries by attributes that exist and can be shown, sorted by one that can be sorted',
    (type) => {
      const attributes = schemas.get(type)!.attributes as Record<string, { type: string; relation?: string }>;
      const { list = [], sort = { by: '', order: '' }, pageSize = 0 } = typeLayouts[type];
      // Strapi adds the languages and the publication status; more than four of ours push status off screen.
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(4);
      for (const field of list) {
        expect(attributes[field], field).toBeDefined();
        expect(['richtext', 'media', 'json', 'blocks'], `${field} cannot be a list column`).not.toContain(
          attributes[field].type,
        );
      }
      expect(attributes[sort.by].type).not.toBe('relation');
      expect(['ASC', 'DESC']).toContain(sort.order);
      expect(pageSize).toBeGreaterThanOrEqual(10);
    },
  );

  it('shows titles, dates, places and status where editors look for them, in few enough columns to fit', () => {
    expect(typeLayouts.article.list?.slice(0, 2)).toEqual(['title', 'publishedDate']);
    expect(typeLayouts.article.sort).toEqual({ by: 'publishedDate', order: 'DESC' });
    expect(typeLayouts.workshop.list).toEqual(['title', 'startsAt', 'city']);
    expect(typeLayouts.workshop.sort).toEqual({ by: 'startsAt', order: 'DESC' });
  });
});

/** A configuration as Strapi generates it for a content type nobody configured yet. */
function strapiDefaultConfiguration(type: ContentTypeName, mainField: string) {
  const attributes = Object.keys(schemas.get(type)!.attributes);
  return {
    uid: `api::${type}.${type}`,
    settings: {
      bulkable: true,
      filterable: true,
      searchable: true,
      pageSize: 10,
      mainField,
      defaultSortBy: mainField,
      defaultSortOrder: 'ASC',
    },
    metadatas: Object.fromEntries(
      attributes.map((field) => [
        field,
        {
          edit: { label: field, description: '', placeholder: '', visible: true, editable: true },
          list: { label: field, searchable: true, sortable: true },
        },
      ]),
    ),
    layouts: { list: ['id', ...attributes.slice(0, 3)], edit: [[{ name: attributes[0], size: 6 }]] },
  };
}

describe('mergeConfiguration', () => {
  const wanted = wantedConfiguration(typeLayouts.workshop);
  const fresh = () => strapiDefaultConfiguration('workshop', 'title');

  it("writes labels, help texts, list columns, sort and page size over Strapi's defaults", () => {
    const { configuration, changed } = mergeConfiguration(fresh(), wanted, undefined);
    expect(configuration.metadatas.startsAt.edit.label).toBe('Začetek');
    expect(configuration.metadatas.startsAt.list.label).toBe('Začetek');
    expect(configuration.metadatas.registrationUrl.edit.description).toContain('https://');
    expect(configuration.metadatas.registrationUrl.edit.placeholder).toBe('https://');
    expect(configuration.layouts.list).toEqual(['title', 'startsAt', 'city']);
    expect(configuration.settings).toMatchObject({
      defaultSortBy: 'startsAt',
      defaultSortOrder: 'DESC',
      pageSize: 20,
      mainField: 'title',
    });
    expect(changed.length).toBe(
      Object.keys(wanted).length - Object.values(typeLayouts.workshop.fields).filter((f) => !f.placeholder).length,
    );
  });

  it('keeps everything else Strapi stores (edit layout, visibility, other settings)', () => {
    const { configuration } = mergeConfiguration(fresh(), wanted, undefined);
    expect(configuration.layouts.edit).toEqual(fresh().layouts.edit);
    expect(configuration.metadatas.title.edit).toMatchObject({ visible: true, editable: true });
    expect(configuration.settings.bulkable).toBe(true);
  });

  it('does not change the configuration it was given', () => {
    const current = fresh();
    mergeConfiguration(current, wanted, undefined);
    expect(current).toEqual(fresh());
  });

  it('changes nothing the second time', () => {
    const first = mergeConfiguration(fresh(), wanted, undefined);
    const second = mergeConfiguration(first.configuration, wanted, wanted);
    expect(second.changed).toEqual([]);
    expect(second.configuration).toEqual(first.configuration);
  });

  it('keeps what staff changed in the admin, before or after the first run', () => {
    const customised = fresh();
    customised.metadatas.city.edit.label = 'Mesto';
    customised.settings.pageSize = 50;
    const first = mergeConfiguration(customised, wanted, undefined);
    expect(first.configuration.metadatas.city.edit.label).toBe('Mesto');
    expect(first.configuration.settings.pageSize).toBe(50);

    first.configuration.metadatas.title.edit.description = 'Naš opis';
    first.configuration.layouts.list = ['title', 'city'];
    const again = mergeConfiguration(first.configuration, wanted, wanted);
    expect(again.changed).toEqual([]);
    expect(again.configuration.metadatas.title.edit.description).toBe('Naš opis');
    expect(again.configuration.layouts.list).toEqual(['title', 'city']);
  });

  it('updates a value the file improved, where staff left the old one', () => {
    const first = mergeConfiguration(fresh(), wanted, undefined).configuration;
    const improved = { ...wanted, 'metadatas.city.edit.label': 'Kraj delavnice' };
    const { configuration, changed } = mergeConfiguration(first, improved, wanted);
    expect(changed).toEqual(['metadatas.city.edit.label']);
    expect(configuration.metadatas.city.edit.label).toBe('Kraj delavnice');
  });
});

describe("recognising Strapi's defaults", () => {
  const configuration = { settings: { mainField: 'title' } };
  it.each([
    ['metadatas.city.edit.label', 'city', true],
    ['metadatas.city.edit.label', 'Mesto', false],
    ['metadatas.city.list.label', 'city', true],
    ['metadatas.city.edit.description', '', true],
    ['metadatas.city.edit.description', 'Kraj', false],
    ['metadatas.city.edit.placeholder', undefined, true],
    ['settings.defaultSortBy', 'title', true],
    ['settings.defaultSortBy', 'city', false],
    ['settings.defaultSortOrder', 'ASC', true],
    ['settings.defaultSortOrder', 'DESC', false],
    ['settings.pageSize', 10, true],
    ['settings.pageSize', 50, false],
    ['layouts.list', ['id', 'title', 'slug', 'startsAt'], true],
    ['layouts.list', ['title', 'city'], false],
    ['settings.mainField', 'documentId', true],
    ['settings.mainField', 'label', false],
  ])('%s = %j is default: %s', (path, value, expected) => {
    expect(isStrapiDefault(path, value, configuration)).toBe(expected);
  });
});
