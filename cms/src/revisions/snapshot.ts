/**
 * A revision's snapshot of one entry in one locale: plain values for plain fields, relations as
 * the related entries' documentIds, media as media-library file ids, components (and dynamic
 * zones) as plain data with the same rules inside. Pure: the entry comes in already loaded.
 */
import { isToManyRelation, recordedFields, type Attributes, type ComponentAttributes } from './schema';

export type Snapshot = Record<string, unknown>;
type Loaded = Record<string, unknown> | null | undefined;

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((item) => item !== null && typeof item === 'object') : [];
const single = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** What to ask the query engine to load so that snapshotOf sees every recorded field. */
export function populateFor(attributes: Attributes, componentAttributes: ComponentAttributes): Record<string, unknown> {
  const inner = (componentUid: string) => populateFor(componentAttributes(componentUid), componentAttributes);
  const nested = (componentUid: string) => {
    const populate = inner(componentUid);
    return Object.keys(populate).length > 0 ? { populate } : true;
  };
  // A dynamic zone's fragment is a query of its own: {} loads the component's fields.
  const fragment = (componentUid: string) => {
    const populate = inner(componentUid);
    return Object.keys(populate).length > 0 ? { populate } : {};
  };
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of recordedFields(attributes)) {
    if (attribute.type === 'relation') populate[name] = { select: ['documentId'] };
    if (attribute.type === 'media') populate[name] = { select: ['id'] };
    if (attribute.type === 'component') populate[name] = nested(attribute.component ?? '');
    if (attribute.type === 'dynamiczone')
      populate[name] = { on: Object.fromEntries((attribute.components ?? []).map((uid) => [uid, fragment(uid)])) };
  }
  return populate;
}

export function snapshotOf(entry: Loaded, attributes: Attributes, componentAttributes: ComponentAttributes): Snapshot {
  const component = (uid: string, item: Loaded) => snapshotOf(item, componentAttributes(uid), componentAttributes);
  const valueOf = (name: string, value: unknown): unknown => {
    const attribute = attributes[name];
    switch (attribute.type) {
      case 'relation':
        return isToManyRelation(attribute)
          ? list(value).map((related) => related.documentId)
          : (single(value)?.documentId ?? null);
      case 'media':
        return attribute.multiple ? list(value).map((file) => file.id) : (single(value)?.id ?? null);
      case 'component': {
        const uid = attribute.component ?? '';
        if (attribute.repeatable) return list(value).map((item) => component(uid, item));
        return single(value) ? component(uid, single(value)) : null;
      }
      case 'dynamiczone':
        return list(value).map((item) => ({
          __component: item.__component,
          ...component(String(item.__component), item),
        }));
      default:
        // Dates as the APIs write them, so a snapshot reads the same before and after storage.
        return value instanceof Date ? value.toISOString() : (value ?? null);
    }
  };
  return Object.fromEntries(recordedFields(attributes).map(([name]) => [name, valueOf(name, entry?.[name])]));
}

/** Key order left out, since PostgreSQL's jsonb stores an object's keys in an order of its own. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value ?? null;
  const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
  return Object.fromEntries(
    Object.entries(value)
      .sort(byKey)
      .map(([key, inner]) => [key, canonical(inner)]),
  );
}

/** Whether two snapshot values (or whole snapshots) hold the same content. */
export const sameContent = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
