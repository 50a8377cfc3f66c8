/**
 * The admin API of scheduled publishing, for the edit-view panel and the list page
 * (src/admin/scheduling/). Admin routes: only a logged-in admin user reaches them, and each
 * handler checks that user's Content Manager permissions (permissions.ts).
 *
 *   GET  /scheduling/actions[?contentType=&documentId=&locale=]  the actions the user may read
 *   POST /scheduling/actions                                       schedule one
 *   POST /scheduling/actions/:id/cancel                            cancel a pending one
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LOCALES } from '@koper-otok/content-types';
import { apiContentTypeUids } from '../bootstrap/content-types';
import { contentTypeUid } from '../utils/strapi-uids';
import { SCHEDULED_ACTION_UID, type ScheduledAction } from './model';
import { canPublish, canRead, type UserAbility } from './permissions';
import { parseScheduleRequest } from './schedule-request';

export const ROUTE_MESSAGES = {
  forbidden: 'Tega vnosa v tem jeziku ne smete objavljati. / You may not publish this entry in this language.',
  noEntry:
    'Vnos v tem jeziku ne obstaja; najprej ga shranite. / The entry does not exist in this language; save it first.',
  notFound: 'Načrtovanega dejanja ni. / No such scheduled action.',
  notPending: 'Dejanje se že izvaja ali je končano. / The action is already running or finished.',
} as const;

/** How many actions the list returns, newest run time first (pending ones are in the future, so first). */
const LIST_LIMIT = 500;

interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string;
}

/** The parts of Koa's context these handlers use, after Strapi's admin authentication. */
interface AdminContext {
  // Set by the router; Koa's own context type does not declare it.
  params?: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: { user: AdminUser; userAbility: UserAbility };
  status: number;
  body: unknown;
}

/** A scheduled action as the admin shows it: with the entry's title in its language. */
export type ListedAction = ScheduledAction & { title: string | null };

const schedulableTypes = (strapi: Core.Strapi) =>
  apiContentTypeUids(strapi).filter((uid) => strapi.contentType(uid).options?.draftAndPublish);

const userName = (user: AdminUser) =>
  [user.firstname, user.lastname].filter(Boolean).join(' ').trim() || user.email || `#${user.id}`;

const actions = (strapi: Core.Strapi) => strapi.db.query(SCHEDULED_ACTION_UID);

/** The draft of an entry in one language, or null. */
async function draftOf(strapi: Core.Strapi, contentType: string, documentId: string, locale: string) {
  return strapi.db
    .query(contentTypeUid(strapi, contentType))
    .findOne({ where: { documentId, locale, publishedAt: null } });
}

async function withTitles(strapi: Core.Strapi, rows: ScheduledAction[]): Promise<ListedAction[]> {
  const titles = new Map<string, string>();
  for (const contentType of new Set(rows.map((row) => row.contentType))) {
    const documentIds = rows.filter((row) => row.contentType === contentType).map((row) => row.documentId);
    const drafts: { documentId: string; locale: string; title?: string; name?: string }[] = await strapi.db
      .query(contentTypeUid(strapi, contentType))
      .findMany({ where: { documentId: { $in: documentIds }, publishedAt: null } });
    for (const draft of drafts)
      titles.set(`${contentType} ${draft.documentId} ${draft.locale}`, draft.title ?? draft.name ?? '');
  }
  return rows.map((row) => ({
    ...row,
    title: titles.get(`${row.contentType} ${row.documentId} ${row.locale}`) ?? null,
  }));
}

const filterValue = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

async function list(strapi: Core.Strapi, ctx: AdminContext) {
  const where = Object.fromEntries(
    ['contentType', 'documentId', 'locale']
      .map((field) => [field, filterValue(ctx.query[field])])
      .filter(([, value]) => value !== undefined),
  );
  const rows: ScheduledAction[] = await actions(strapi).findMany({
    where,
    orderBy: [{ runAt: 'desc' }, { id: 'desc' }],
    limit: LIST_LIMIT,
  });
  const known = new Set<string>(schedulableTypes(strapi));
  const readable = rows.filter(
    (row) => known.has(row.contentType) && canRead(strapi, ctx.state.userAbility, row.contentType, row.locale),
  );
  ctx.body = { data: await withTitles(strapi, readable) };
}

async function schedule(strapi: Core.Strapi, ctx: AdminContext) {
  const parsed = parseScheduleRequest(ctx.request.body, {
    contentTypes: schedulableTypes(strapi),
    locales: LOCALES,
    now: new Date(),
  });
  if (!parsed.request) {
    throw new errors.ValidationError(parsed.problems.map((problem) => problem.message).join('\n'), {
      errors: parsed.problems.map(({ field, message }) => ({ path: [field], message, name: 'ValidationError' })),
    });
  }
  const { contentType, documentId, locale } = parsed.request;
  if (!canPublish(strapi, ctx.state.userAbility, contentType, locale))
    throw new errors.ForbiddenError(ROUTE_MESSAGES.forbidden);
  if (!(await draftOf(strapi, contentType, documentId, locale)))
    throw new errors.ValidationError(ROUTE_MESSAGES.noEntry);
  const created = await actions(strapi).create({
    data: {
      ...parsed.request,
      status: 'pending',
      createdById: ctx.state.user.id,
      createdByName: userName(ctx.state.user),
      createdAt: new Date(),
    },
  });
  ctx.status = 201;
  ctx.body = { data: created };
}

async function cancel(strapi: Core.Strapi, ctx: AdminContext) {
  const id = Number(ctx.params?.id);
  const action: ScheduledAction | null = Number.isInteger(id) ? await actions(strapi).findOne({ where: { id } }) : null;
  if (!action) throw new errors.NotFoundError(ROUTE_MESSAGES.notFound);
  if (!canPublish(strapi, ctx.state.userAbility, action.contentType, action.locale))
    throw new errors.ForbiddenError(ROUTE_MESSAGES.forbidden);
  // Conditional, so an action the ticker claimed a moment ago is never reported as cancelled.
  const { count } = await actions(strapi).updateMany({
    where: { id, status: 'pending' },
    data: { status: 'cancelled', finishedAt: new Date() },
  });
  if (count === 0) throw new errors.ApplicationError(ROUTE_MESSAGES.notPending);
  ctx.body = { data: await actions(strapi).findOne({ where: { id } }) };
}

/** register(): the routes, on Strapi's admin API (admin authentication, no content-API token). */
export function registerSchedulingRoutes(strapi: Core.Strapi): void {
  const handler = (run: (strapi: Core.Strapi, ctx: AdminContext) => Promise<void>) => (ctx: AdminContext) =>
    run(strapi, ctx);
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  const info = { type: 'admin' };
  strapi.server.routes({
    type: 'admin',
    prefix: '/scheduling',
    routes: [
      { method: 'GET', path: '/actions', handler: handler(list), config, info },
      { method: 'POST', path: '/actions', handler: handler(schedule), config, info },
      { method: 'POST', path: '/actions/:id/cancel', handler: handler(cancel), config, info },
    ],
  });
}
