/**
 * cms/data/admin-labels.json: what editors see in the Content Manager (labels, help texts, list
 * views). Read at run time from the app's data folder, like the demo content, so validation
 * messages name a field exactly as the editor sees it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type ContentTypeName = 'article' | 'workshop' | 'region' | 'partner' | 'page' | 'navigation';
/** The types with labels in admin-labels.json: the content types, staff redirects and workshop registrations. */
export type LabelledTypeName = ContentTypeName | 'redirect' | 'registration';

export interface FieldText {
  label: string;
  description: string;
  placeholder?: string;
}

/** List settings of a collection type; a single type (the navigation) has no list view. */
export interface ListLayout {
  list: string[];
  sort: { by: string; order: 'ASC' | 'DESC' };
  pageSize: number;
}

export type TypeLayout = Partial<ListLayout> & {
  /** The field whose value titles an entry; "id" makes a single type's edit view show the type's name. */
  mainField?: string;
  fields: Record<string, FieldText>;
};

export type TypeLayouts = Record<LabelledTypeName, TypeLayout>;

/** The labels of a component's fields (`shared.seo`), wherever a type embeds it. */
export type ComponentLabels = Record<string, { fields: Record<string, FieldText> }>;

const readAdminLabels = (appRoot: string) =>
  JSON.parse(readFileSync(path.join(appRoot, 'data', 'admin-labels.json'), 'utf8')) as {
    types: TypeLayouts;
    components?: ComponentLabels;
  };

/** Reads <appRoot>/data/admin-labels.json (appRoot is the cms/ folder, strapi.dirs.app.root). */
export const readTypeLayouts = (appRoot: string): TypeLayouts => readAdminLabels(appRoot).types;

export const readComponentLabels = (appRoot: string): ComponentLabels => readAdminLabels(appRoot).components ?? {};

/** The label of a field of one type ("Začetek" for workshop.startsAt); the attribute name if the file has none. */
export const fieldLabels =
  (layouts: TypeLayouts, type: LabelledTypeName) =>
  (field: string): string =>
    layouts[type]?.fields[field]?.label ?? field;
