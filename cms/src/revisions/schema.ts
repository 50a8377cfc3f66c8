/**
 * The parts of Strapi's schema that revisions need, read from what Strapi loaded: which content
 * types keep revisions, and the fields of an entry that a revision records.
 */
import type { Core } from '@strapi/strapi';
import type { AttributeSchema } from '../utils/attribute-schema';
import { isContentTypeUid } from '../utils/strapi-uids';

export type { AttributeSchema };

export type Attributes = Record<string, AttributeSchema>;

/** The attributes of a component by its UID (e.g. shared.seo). */
export type ComponentAttributes = (componentUid: string) => Attributes;

// Kept by Strapi itself, not by the editor: a revision neither records nor restores them.
const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);

const TO_MANY_RELATIONS = new Set(['oneToMany', 'manyToMany', 'manyWay']);

/**
 * The fields an entry owns, in schema order. A relation's other side (mappedBy, e.g. a region's
 * articles) belongs to the other entries: restoring it would undo their later edits. Polymorphic
 * relations (no target) are Strapi's own.
 */
export const recordedFields = (attributes: Attributes): [string, AttributeSchema][] =>
  Object.entries(attributes).filter(
    ([name, attribute]) =>
      !SYSTEM_FIELDS.has(name) && !(attribute.type === 'relation' && (!attribute.target || attribute.mappedBy)),
  );

export const isToManyRelation = (attribute: AttributeSchema): boolean =>
  TO_MANY_RELATIONS.has(attribute.relation ?? '');

export interface ModelSchema {
  attributes: Attributes;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
}

const modelOf = (strapi: Core.Strapi, uid: string): ModelSchema | undefined =>
  isContentTypeUid(strapi, uid) ? strapi.contentType(uid) : undefined;

export const hasDraftAndPublish = (strapi: Core.Strapi, uid: string): boolean =>
  modelOf(strapi, uid)?.options?.draftAndPublish === true;

/** Whether the type's entries have a version per locale (i18n). */
export const isLocalized = (strapi: Core.Strapi, uid: string): boolean =>
  modelOf(strapi, uid)?.pluginOptions?.i18n?.localized === true;

/**
 * The public content types: our own (api::) types with draft and publish, read from the model
 * Strapi loaded, so a type added to content-types/ keeps revisions without a change here.
 */
export const revisionedTypeUids = (strapi: Core.Strapi): string[] =>
  Object.keys(strapi.contentTypes).filter((uid) => isRevisioned(uid, modelOf(strapi, uid)));

export const isRevisioned = (uid: string, model: ModelSchema | undefined): boolean =>
  uid.startsWith('api::') && model?.options?.draftAndPublish === true;

export const attributesOf = (strapi: Core.Strapi, uid: string): Attributes => modelOf(strapi, uid)?.attributes ?? {};

export function componentAttributesOf(strapi: Core.Strapi): ComponentAttributes {
  const components = new Map<string, ModelSchema>(Object.entries(strapi.components));
  return (componentUid) => components.get(componentUid)?.attributes ?? {};
}
