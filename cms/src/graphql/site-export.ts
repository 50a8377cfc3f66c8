import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MEDIA_FIELDS } from '@koper-otok/content-types';
import { GRAPHQL_LIMITS } from '../../config/plugins';
import { siteContentTypeUids } from '../bootstrap/content-types';
import { contentTypeUid } from '../utils/strapi-uids';
import type { AttributeSchema } from '../utils/attribute-schema';
import { addConfirmedRegistrations } from './registration-counts';

/**
 * `siteExport`: one page of one content type's entries, whole, for the static site's build.
 *
 *   siteExport(type: article, locale: "sl", status: PUBLISHED, after: "<documentId>", limit: 100) {
 *     nodes              # JSON: [{ documentId, locale, ...every public field, components (seo) with their
 *                        #   fields and media, owning relations as { documentId } }]
 *     pageInfo { total } # a COUNT, only when asked for
 *   }
 *
 * Why a query of its own: Strapi's generated queries resolve every field of every entry
 * through its per-field authorisation and policy wrapper, and validate and sanitise every
 * relation field per entry, which makes Strapi's single thread the bottleneck of a build that
 * takes every public field of every entry. Here one page is a handful of SQL statements through
 * Strapi's query engine (relations and media populated in one statement each), and the nodes
 * are one JSON value. The answer equals what Strapi's generated connection queries return
 * (tests/integration/site-export.test.ts checks it).
 *
 * The same rules hold as for the generated queries: the caller needs the type's `find`
 * permission (the public role or an API token), drafts need an API token (the
 * global::published-only policy), private fields are never returned, `limit` is capped at
 * maxLimit, and entries are read by key (documentId after `after`), not by OFFSET.
 * Relations are given from the side that owns them (inversedBy); the inverse sides (mappedBy)
 * are the same links seen from the other end, which the site derives (lib/content/graph.ts).
 * Registrations hold visitors' personal data and are never exported; a workshop carries how
 * many of its places are taken instead (`confirmedRegistrations`, registration-counts.ts).
 */

type Attribute = AttributeSchema;
type Model = {
  uid: string;
  attributes: Record<string, Attribute>;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
};
type Row = Record<string, unknown>;
type Status = 'PUBLISHED' | 'DRAFT';

interface ExportArgs {
  type: string;
  locale?: string | null;
  status?: Status | null;
  after: string;
  limit: number;
  /** Only these entries (a partial rebuild's changed documents); all when absent. */
  documentIds?: string[] | null;
  /** Also the inverse sides of relations, as references (a partial rebuild checks who links here). */
  inverse?: boolean | null;
  [key: string]: unknown;
}

/** An owning relation: given as references ({ documentId }) to entries of `target`. */
interface ExportedRelation {
  name: string;
  toMany: boolean;
  target: string;
}

/** The fields of a component that the export returns: its scalar columns, media and owning relations (a menu link's page). */
interface ComponentFields {
  scalars: string[];
  media: { name: string; multiple: boolean }[];
  relations: ExportedRelation[];
}

/** What one type exports: scalar columns, owning relations, media and components (e.g. seo). */
interface ExportPlan extends ComponentFields {
  model: Model;
  components: ({ name: string; repeatable: boolean } & ComponentFields)[];
  /** The inverse sides (mappedBy), exported only when asked for. */
  inverse: ExportedRelation[];
}

/** A plan as the query engine takes it, per publication state: worked out once per type. */
interface ExportQuery {
  plan: ExportPlan;
  select: string[];
  populate: Record<Status, Row>;
  /** The same with the inverse sides of relations. */
  populateWithInverse: Record<Status, Row>;
}

const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'locale',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'localizations',
]);

const isExported = (name: string, attribute: Attribute) =>
  !SYSTEM_FIELDS.has(name) && !attribute.private && attribute.type !== 'password';

/** An owning relation's export, or null for the inverse side (the site derives it). */
const exportedRelation = (name: string, attribute: Attribute): ExportedRelation | null =>
  !attribute.mappedBy && attribute.target
    ? { name, toMany: String(attribute.relation).endsWith('Many'), target: attribute.target }
    : null;

/** A component's scalars, media and relations; nested components need a deeper populate, so say so loudly. */
function componentFields(component: Model, owner: string): ComponentFields {
  const fields: ComponentFields = { scalars: [], media: [], relations: [] };
  for (const [name, attribute] of Object.entries(component.attributes)) {
    if (!isExported(name, attribute)) continue;
    if (attribute.type === 'media') fields.media.push({ name, multiple: Boolean(attribute.multiple) });
    else if (attribute.type === 'relation') {
      const relation = exportedRelation(name, attribute);
      if (relation) fields.relations.push(relation);
    } else if (['component', 'dynamiczone'].includes(attribute.type))
      throw new Error(`siteExport cannot export ${attribute.type} field ${name} inside component ${owner} yet`);
    else fields.scalars.push(name);
  }
  return fields;
}

/** The fields of a model that the export returns: everything public that the model declares. */
export function exportPlan(model: Model, componentModel: (uid: string) => Model): ExportPlan {
  const plan: ExportPlan = { model, scalars: [], relations: [], media: [], components: [], inverse: [] };
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (!isExported(name, attribute)) continue;
    if (attribute.type === 'relation') {
      const relation = exportedRelation(name, attribute);
      if (relation) plan.relations.push(relation);
      else if (attribute.target)
        plan.inverse.push({ name, toMany: String(attribute.relation).endsWith('Many'), target: attribute.target });
    } else if (attribute.type === 'media') {
      plan.media.push({ name, multiple: Boolean(attribute.multiple) });
    } else if (attribute.type === 'component') {
      const owner = `${model.uid}.${name}`;
      const fields = componentFields(componentModel(String(attribute.component)), owner);
      plan.components.push({ name, repeatable: Boolean(attribute.repeatable), ...fields });
    } else if (attribute.type === 'dynamiczone') {
      // Not in the model today; exporting one needs a populate per component, so say so loudly.
      throw new Error(`siteExport cannot export dynamiczone field ${model.uid}.${name} yet`);
    } else {
      plan.scalars.push(name);
    }
  }
  return plan;
}

/** The rows of one publication state: drafts have no publishedAt, published versions have one. */
const publicationFilter = (status: Status): Row => ({
  publishedAt: status === 'DRAFT' ? { $null: true } : { $notNull: true },
});

/** Which rows are the entries of this locale and status (for the page, and for the total). */
function entryFilter(model: Model, locale: string | null | undefined, status: Status): Row {
  return {
    ...(model.pluginOptions?.i18n?.localized && locale ? { locale } : {}),
    ...(model.options?.draftAndPublish ? publicationFilter(status) : {}),
  };
}

/** Related entries of the same status: a published entry links to published versions, a draft to drafts. */
function populateFields(fields: ComponentFields, strapi: Core.Strapi, status: Status): Row {
  const populate: Row = {};
  for (const { name, target } of fields.relations) {
    const model: Model = strapi.contentType(contentTypeUid(strapi, target));
    populate[name] = {
      select: ['documentId'],
      ...(model.options?.draftAndPublish ? { where: publicationFilter(status) } : {}),
    };
  }
  for (const { name } of fields.media) populate[name] = { select: [...MEDIA_FIELDS] };
  return populate;
}

function populateFor(plan: ExportPlan, strapi: Core.Strapi, status: Status): Row {
  const populate = populateFields(plan, strapi, status);
  for (const component of plan.components) {
    // Repeatable components keep the order staff gave them (Strapi's join table orders them).
    populate[component.name] = {
      select: ['id', ...component.scalars],
      populate: populateFields(component, strapi, status),
    };
  }
  return populate;
}

function exportQuery(plan: ExportPlan, strapi: Core.Strapi): ExportQuery {
  const localized = Boolean(plan.model.pluginOptions?.i18n?.localized);
  const withInverse = (status: Status) => ({
    ...populateFor(plan, strapi, status),
    ...populateFields({ scalars: [], media: [], relations: plan.inverse }, strapi, status),
  });
  return {
    plan,
    select: ['id', 'documentId', ...(localized ? ['locale'] : []), ...plan.scalars],
    populate: { PUBLISHED: populateFor(plan, strapi, 'PUBLISHED'), DRAFT: populateFor(plan, strapi, 'DRAFT') },
    populateWithInverse: { PUBLISHED: withInverse('PUBLISHED'), DRAFT: withInverse('DRAFT') },
  };
}

const reference = (entry: Row): Row => ({ documentId: entry.documentId });
const mediaFields = (file: Row): Row => Object.fromEntries(MEDIA_FIELDS.map((field) => [field, file[field] ?? null]));

/** One value or a list of them, as the field declares; a missing single value is null. */
const oneOrMany = (value: unknown, many: boolean, shape: (item: Row) => Row): Row | Row[] | null =>
  many ? ((value as Row[] | undefined) ?? []).map(shape) : value ? shape(value as Row) : null;

/** Scalars, media and relations of an entry or a component, copied from the query engine's row. */
function copyFields(row: Row, fields: ComponentFields, into: Row): Row {
  for (const name of fields.scalars) into[name] = row[name] ?? null;
  for (const { name, multiple } of fields.media) into[name] = oneOrMany(row[name], multiple, mediaFields);
  for (const { name, toMany } of fields.relations) into[name] = oneOrMany(row[name], toMany, reference);
  return into;
}

/** A row of the query engine as the site's records: no internal ids, relations as references. */
function toNode(row: Row, plan: ExportPlan, withInverse: boolean): Row {
  const node: Row = { documentId: row.documentId };
  if ('locale' in row) node.locale = row.locale;
  copyFields(row, plan, node);
  if (withInverse) copyFields(row, { scalars: [], media: [], relations: plan.inverse }, node);
  for (const component of plan.components)
    node[component.name] = oneOrMany(row[component.name], component.repeatable, (item) =>
      copyFields(item, component, {}),
    );
  return node;
}

/** Strapi's GraphQL context is the Koa context; its authentication middleware sets state.auth. */
interface ResolverContext {
  state?: { auth?: Parameters<Core.Strapi['auth']['verify']>[0] };
}

async function authorise(strapi: Core.Strapi, uid: string, context: ResolverContext): Promise<void> {
  const auth = context.state?.auth;
  try {
    if (!auth) throw new Error('no authentication');
    await strapi.auth.verify(auth, { scope: [`${uid}.find`] });
  } catch {
    throw new errors.ForbiddenError('Forbidden access');
  }
}

export function registerSiteExport(strapi: Core.Strapi): void {
  // The enum's members name our content types; each maps to its UID (api::article.article, ...).
  const uidByType = new Map(siteContentTypeUids(strapi).map((uid) => [strapi.contentType(uid).info.singularName, uid]));
  const queries = new Map<string, ExportQuery>();
  const queryFor = (type: string): ExportQuery => {
    let query = queries.get(type);
    if (!query) {
      query = exportQuery(
        exportPlan(strapi.contentType(uidByType.get(type)!), (uid) => strapi.components[uid as `${string}.${string}`]),
        strapi,
      );
      queries.set(type, query);
    }
    return query;
  };
  const types = [...uidByType.keys()];

  strapi
    .plugin('graphql')
    .service('extension')
    .use(({ nexus }: { nexus: typeof import('nexus') }) => ({
      types: [
        nexus.enumType({ name: 'SiteExportType', members: types, description: 'A content type of the site' }),
        nexus.objectType({
          name: 'SiteExportPageInfo',
          definition(t) {
            t.nonNull.int('total');
          },
        }),
        nexus.objectType({
          name: 'SiteExportPage',
          definition(t) {
            t.nonNull.field('nodes', { type: 'JSON' });
            t.nonNull.field('pageInfo', {
              type: 'SiteExportPageInfo',
              // Counted only when asked for: the site asks on its first page.
              resolve: async (page: { uid: string; where: Row }) => ({
                total: await strapi.db.query(page.uid).count({ where: page.where }),
              }),
            });
          },
        }),
        nexus.extendType({
          type: 'Query',
          definition(t) {
            t.nonNull.field('siteExport', {
              type: 'SiteExportPage',
              description: 'One page of whole entries of a type, in documentId order, for the static site build',
              args: {
                type: nexus.nonNull(nexus.arg({ type: 'SiteExportType' })),
                locale: nexus.arg({ type: 'I18NLocaleCode' }),
                status: nexus.arg({ type: 'PublicationStatus', default: 'published' }),
                after: nexus.nonNull(
                  nexus.idArg({ description: 'Entries after this documentId; "" for the first page' }),
                ),
                limit: nexus.nonNull(nexus.intArg()),
                documentIds: nexus.list(
                  nexus.nonNull(
                    nexus.idArg({ description: 'Only these entries (a partial rebuild); all when absent' }),
                  ),
                ),
                inverse: nexus.booleanArg({
                  description: 'Also the inverse sides of relations, as references (a partial rebuild)',
                }),
              },
              resolve: async (_parent: unknown, args: ExportArgs, context: ResolverContext) => {
                const { plan, select, populate, populateWithInverse } = queryFor(args.type);
                const withInverse = args.inverse === true;
                await authorise(strapi, plan.model.uid, context);
                if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > GRAPHQL_LIMITS.maxLimit) {
                  throw new errors.ValidationError(
                    `siteExport limit ${args.limit} is outside 1–${GRAPHQL_LIMITS.maxLimit} (maxLimit)`,
                  );
                }
                const status: Status =
                  String(args.status ?? 'published').toUpperCase() === 'DRAFT' ? 'DRAFT' : 'PUBLISHED';
                const where = {
                  ...entryFilter(plan.model, args.locale, status),
                  ...(args.documentIds ? { documentId: { $in: args.documentIds } } : {}),
                };
                const rows: Row[] = await strapi.db.query(plan.model.uid).findMany({
                  select,
                  where: { $and: [where, { documentId: { $gt: args.after } }] },
                  orderBy: [{ documentId: 'asc' }, { id: 'asc' }],
                  limit: args.limit,
                  populate: (withInverse ? populateWithInverse : populate)[status],
                });
                const nodes = rows.map((row) => toNode(row, plan, withInverse));
                if (args.type === 'workshop') await addConfirmedRegistrations(strapi, nodes);
                return { nodes, uid: plan.model.uid, where };
              },
            });
          },
        }),
      ],
      resolversConfig: {
        // Authorisation per type happens in the resolver (the type is an argument).
        'Query.siteExport': { auth: false, policies: ['global::published-only'] },
      },
    }));
}
