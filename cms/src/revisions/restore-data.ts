/**
 * A snapshot turned back into Document Service data for the draft: plain fields as they were,
 * relations by documentId, media by id, components as new plain data. A related entry or media
 * file that no longer exists is dropped and reported, so the rest can still be restored.
 * Pure: what exists is asked through `existing`.
 */
import type { Snapshot } from './snapshot';
import {
  isToManyRelation,
  recordedFields,
  type AttributeSchema,
  type Attributes,
  type ComponentAttributes,
} from './schema';

export interface Existing {
  hasRelated(targetUid: string, documentId: string): boolean;
  hasMedia(fileId: number): boolean;
}

/** A reference the restore left out, e.g. { field: 'regions', kind: 'relation', id: 'abc…' }. */
export interface Dropped {
  field: string;
  kind: 'relation' | 'media';
  id: string | number;
}

export interface Restored {
  data: Record<string, unknown>;
  dropped: Dropped[];
}

/** Entries (documentIds per target type) and media files referred to, to look up in one query per target. */
export interface References {
  relations: Map<string, Set<string>>;
  media: Set<number>;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);
const asSnapshot = (value: unknown): Snapshot =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Snapshot) : {};

export function restoreData(
  snapshot: Snapshot,
  attributes: Attributes,
  componentAttributes: ComponentAttributes,
  existing: Existing,
  path = '',
): Restored {
  const data: Record<string, unknown> = {};
  const dropped: Dropped[] = [];
  const nested = (uid: string, value: unknown, field: string) => {
    const restored = restoreData(asSnapshot(value), componentAttributes(uid), componentAttributes, existing, field);
    dropped.push(...restored.dropped);
    return restored.data;
  };
  const kept = <T>(ids: T[], field: string, kind: Dropped['kind'], exists: (id: T) => boolean): T[] =>
    ids.filter((id) => exists(id) || (dropped.push({ field, kind, id: id as string | number }), false));

  const valueFor = (attribute: AttributeSchema, value: unknown, field: string): unknown => {
    switch (attribute.type) {
      case 'relation': {
        const target = attribute.target ?? '';
        const ids = kept(asArray(value).map(String), field, 'relation', (id) => existing.hasRelated(target, id));
        return isToManyRelation(attribute) ? ids : (ids[0] ?? null);
      }
      case 'media': {
        const ids = kept(asArray(value).map(Number), field, 'media', (id) => existing.hasMedia(id));
        return attribute.multiple ? ids : (ids[0] ?? null);
      }
      case 'component': {
        const uid = attribute.component ?? '';
        if (attribute.repeatable) return asArray(value).map((item, index) => nested(uid, item, `${field}[${index}]`));
        return value == null ? null : nested(uid, value, field);
      }
      case 'dynamiczone':
        return asArray(value).map((item, index) => {
          const uid = String(asSnapshot(item).__component);
          return { __component: uid, ...nested(uid, item, `${field}[${index}]`) };
        });
      default:
        return value;
    }
  };

  for (const [name, attribute] of recordedFields(attributes)) {
    // A field added to the model after the revision was taken keeps its current value.
    if (!Object.hasOwn(snapshot, name)) continue;
    data[name] = valueFor(attribute, snapshot[name], path ? `${path}.${name}` : name);
  }
  return { data, dropped };
}

/** Every entry and file the snapshots refer to (a revision and the current draft, say). */
export function referencesIn(
  snapshots: Snapshot[],
  attributes: Attributes,
  componentAttributes: ComponentAttributes,
): References {
  const references: References = { relations: new Map(), media: new Set() };
  const collect: Existing = {
    hasRelated(targetUid, documentId) {
      const ids = references.relations.get(targetUid) ?? new Set<string>();
      references.relations.set(targetUid, ids.add(documentId));
      return true;
    },
    hasMedia(fileId) {
      references.media.add(fileId);
      return true;
    },
  };
  for (const snapshot of snapshots) restoreData(snapshot, attributes, componentAttributes, collect);
  return references;
}
