/**
 * The admin API of revisions (under /revisions, admin login required). Each route checks its
 * revisions permission (route policy) and the Content Manager permission on the entry's type:
 *
 *   GET    /revisions?contentType=&documentId=&locale=   versions of one entry in one locale, newest first
 *   GET    /revisions/:id                                one version and what differs from the current draft
 *   POST   /revisions/:id/restore                        the version becomes the current draft (not published)
 *   DELETE /revisions/:id                                deletes one version
 *   DELETE /revisions?contentType=&documentId=&locale=   deletes the history of one entry in one locale
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { diffSnapshots } from './diff';
import { draftSnapshot, MEDIA_UID, referenceNames, revisionLocale } from './entries';
import { REVISION_ACTIONS } from './permissions';
import { referencesIn, type Dropped } from './restore-data';
import { restoreRevision } from './restore';
import { attributesOf, componentAttributesOf, recordedFields, revisionedTypeUids } from './schema';
import type { EntryLocale, Revision, RevisionStore } from './store';
import { revisionsToKeep } from './retention';

interface RequestContext {
  query: Record<string, unknown>;
  params?: Record<string, string>;
  state: { userAbility: { can(action: string, subject?: string): boolean } };
  body: unknown;
}

type Handler = (ctx: RequestContext) => Promise<void>;

const CONTENT_MANAGER = {
  read: 'plugin::content-manager.explorer.read',
  update: 'plugin::content-manager.explorer.update',
};

function requireTypePermission(ctx: RequestContext, action: string, uid: string): void {
  if (!ctx.state.userAbility.can(action, uid))
    throw new errors.ForbiddenError(
      'Za to vrsto vsebine nimate pravic. / You have no permission for this content type.',
    );
}

function entryFromQuery(strapi: Core.Strapi, query: RequestContext['query']): EntryLocale {
  const { contentType, documentId, locale } = query;
  if (typeof contentType !== 'string' || !revisionedTypeUids(strapi).includes(contentType))
    throw new errors.ValidationError(
      `Vrsta vsebine "${String(contentType)}" nima zgodovine različic. / Content type "${String(contentType)}" keeps no versions.`,
    );
  if (typeof documentId !== 'string' || documentId === '')
    throw new errors.ValidationError("Manjka documentId vnosa. / The entry's documentId is missing.");
  return { contentType, documentId, locale: revisionLocale(strapi, contentType, locale) };
}

async function revisionFromParams(store: RevisionStore, params: RequestContext['params'] = {}): Promise<Revision> {
  const id = Number(params.id);
  const revision = Number.isInteger(id) ? await store.find(id) : null;
  if (!revision)
    throw new errors.NotFoundError(`Različica ${params.id} ne obstaja. / Version ${params.id} does not exist.`);
  return revision;
}

const withoutData = ({ data: _data, ...summary }: Revision) => summary;

/** documentId or file id -> readable name, per target type, as plain JSON. */
const namesAsJson = (names: Map<string, Map<string, string>>) =>
  Object.fromEntries([...names].map(([target, byId]) => [target, Object.fromEntries(byId)]));

function describeDropped(dropped: Dropped[]): string {
  if (dropped.length === 0) return '';
  const list = dropped.map((item) => `${item.field} (${item.id})`).join(', ');
  return ` Izpuščeno, ker ne obstaja več: ${list}. / Left out because it no longer exists: ${list}.`;
}

export function revisionHandlers(strapi: Core.Strapi, store: RevisionStore): Record<string, Handler> {
  return {
    async list(ctx) {
      const entry = entryFromQuery(strapi, ctx.query);
      requireTypePermission(ctx, CONTENT_MANAGER.read, entry.contentType);
      ctx.body = { data: await store.list(entry), meta: { keep: revisionsToKeep() } };
    },

    async show(ctx) {
      const revision = await revisionFromParams(store, ctx.params);
      requireTypePermission(ctx, CONTENT_MANAGER.read, revision.contentType);
      const attributes = attributesOf(strapi, revision.contentType);
      const components = componentAttributesOf(strapi);
      const draft = (await draftSnapshot(strapi, revision.contentType, revision.documentId, revision.locale)) ?? {};
      const references = referencesIn([revision.data, draft], attributes, components);
      ctx.body = {
        data: {
          ...withoutData(revision),
          changes: diffSnapshots(revision.data, draft, attributes),
          targets: Object.fromEntries(
            recordedFields(attributes).map(([field, attribute]) => [
              field,
              attribute.type === 'media' ? MEDIA_UID : (attribute.target ?? null),
            ]),
          ),
          names: namesAsJson(await referenceNames(strapi, references, revision.locale)),
        },
      };
    },

    async restore(ctx) {
      const revision = await revisionFromParams(store, ctx.params);
      requireTypePermission(ctx, CONTENT_MANAGER.update, revision.contentType);
      const outcome = await restoreRevision(strapi, revision);
      ctx.body = {
        data: outcome,
        message:
          'Različica je obnovljena kot osnutek; objavljena vsebina se ne spremeni, dokler ne kliknete Objavi. / ' +
          'The version is restored as the draft; the published content stays until you publish.' +
          describeDropped(outcome.dropped),
      };
    },

    async remove(ctx) {
      const revision = await revisionFromParams(store, ctx.params);
      await store.remove(revision.id);
      ctx.body = { data: { deleted: 1 } };
    },

    async removeAll(ctx) {
      const entry = entryFromQuery(strapi, ctx.query);
      ctx.body = { data: { deleted: await store.removeAll(entry) } };
    },
  };
}

const policies = (action: string) => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [action] } },
];

export function registerRevisionRoutes(strapi: Core.Strapi, store: RevisionStore): void {
  const handlers = revisionHandlers(strapi, store);
  const route = (method: Core.HTTPMethod, path: string, handler: Handler, action: string): Core.Route => ({
    method,
    path,
    handler,
    info: {},
    config: { policies: policies(action) },
  });
  strapi.server.routes({
    type: 'admin',
    prefix: '/revisions',
    routes: [
      route('GET', '/', handlers.list, REVISION_ACTIONS.read),
      route('GET', '/:id', handlers.show, REVISION_ACTIONS.read),
      route('POST', '/:id/restore', handlers.restore, REVISION_ACTIONS.restore),
      route('DELETE', '/:id', handlers.remove, REVISION_ACTIONS.delete),
      route('DELETE', '/', handlers.removeAll, REVISION_ACTIONS.delete),
    ],
  });
}
