/**
 * The admin API of workshop registrations, for the page "Prijave na delavnice"
 * (src/admin/registrations/). Admin routes: only a logged-in admin user reaches them, and each
 * handler checks that user's registration permissions (permissions.ts).
 *
 *   GET  /registrations/workshops                                        workshops with counts per state
 *   GET  /registrations/workshops/:documentId                            one workshop and its registrations
 *   GET  /registrations/workshops/:documentId/export.csv                 the same as a CSV file for Excel
 *   POST /registrations/workshops/:documentId/registrations/:id/move-up  waiting -> confirmed, mailed
 *   POST /registrations/workshops/:documentId/registrations/:id/cancel   cancelled, mailed
 *   POST /registrations/workshops/:documentId/close                      registration closed
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canPublish, type UserAbility } from '../scheduling/permissions';
import { WORKSHOP_UID } from '../registration/model';
import { closeRegistration, workshopLocaleRows } from './close-registration';
import { registrationsCsv } from './csv';
import {
  listWorkshopRegistrations,
  registrationsOf,
  workshopRegistrations,
  type WorkshopRegistrations,
} from './overview';
import { requireRegistrationPermission, type RegistrationAbility } from './permissions';
import { cancelByStaff, moveUpByHand } from './staff-actions';

export const ROUTE_MESSAGES = {
  noWorkshop: 'Te delavnice ni. / No such workshop.',
  cannotPublish:
    'Te delavnice ne smete objavljati, zato prijav nanjo ne morete zapreti. / You may not publish this workshop, so you cannot close its registration.',
} as const;

/** The parts of Koa's context these handlers use, after Strapi's admin authentication. */
interface AdminContext {
  // Set by the router; Koa's own context type does not declare it.
  params?: Record<string, string>;
  state: { userAbility: RegistrationAbility & UserAbility };
  set(field: string, value: string): void;
  status: number;
  body: unknown;
}

const workshopParam = (ctx: AdminContext) => ctx.params?.documentId ?? '';
const registrationParam = (ctx: AdminContext) => Number(ctx.params?.id);

async function existingWorkshop(strapi: Core.Strapi, documentId: string): Promise<WorkshopRegistrations> {
  const workshop = await workshopRegistrations(strapi, documentId);
  if (!workshop) throw new errors.NotFoundError(ROUTE_MESSAGES.noWorkshop);
  return workshop;
}

async function list(strapi: Core.Strapi, ctx: AdminContext) {
  requireRegistrationPermission(ctx.state.userAbility, 'read');
  ctx.body = { data: await listWorkshopRegistrations(strapi) };
}

async function show(strapi: Core.Strapi, ctx: AdminContext) {
  requireRegistrationPermission(ctx.state.userAbility, 'read');
  const workshop = await existingWorkshop(strapi, workshopParam(ctx));
  ctx.body = { data: { workshop, registrations: await registrationsOf(strapi, workshop.documentId) } };
}

async function exportCsv(strapi: Core.Strapi, ctx: AdminContext) {
  requireRegistrationPermission(ctx.state.userAbility, 'read');
  const workshop = await existingWorkshop(strapi, workshopParam(ctx));
  const fileName = `prijave-${workshop.slug ?? workshop.documentId}.csv`;
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
  // Personal data: never kept by a browser or proxy cache.
  ctx.set('Cache-Control', 'no-store');
  ctx.body = registrationsCsv(await registrationsOf(strapi, workshop.documentId));
}

async function moveUp(strapi: Core.Strapi, ctx: AdminContext) {
  requireRegistrationPermission(ctx.state.userAbility, 'manage');
  ctx.body = { data: await moveUpByHand(strapi, workshopParam(ctx), registrationParam(ctx)) };
}

async function cancel(strapi: Core.Strapi, ctx: AdminContext) {
  requireRegistrationPermission(ctx.state.userAbility, 'manage');
  ctx.body = { data: await cancelByStaff(strapi, workshopParam(ctx), registrationParam(ctx)) };
}

/** Closing changes the published workshop, so it also needs the right to publish it in each language. */
async function close(strapi: Core.Strapi, ctx: AdminContext) {
  requireRegistrationPermission(ctx.state.userAbility, 'manage');
  const documentId = workshopParam(ctx);
  const rows = await workshopLocaleRows(strapi, documentId);
  if (rows.length === 0) throw new errors.NotFoundError(ROUTE_MESSAGES.noWorkshop);
  if (rows.some((row) => !canPublish(strapi, ctx.state.userAbility, WORKSHOP_UID, row.locale)))
    throw new errors.PolicyError(ROUTE_MESSAGES.cannotPublish); // 403 with its message (see permissions.ts)
  const changed = await closeRegistration(strapi, documentId, rows);
  ctx.body = { data: { changed, workshop: await existingWorkshop(strapi, documentId) } };
}

/** register(): the routes, on Strapi's admin API (admin authentication, no content-API token). */
export function registerRegistrationAdminRoutes(strapi: Core.Strapi): void {
  const handler = (run: (strapi: Core.Strapi, ctx: AdminContext) => Promise<void>) => (ctx: AdminContext) =>
    run(strapi, ctx);
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  const info = { type: 'admin' };
  const one = '/workshops/:documentId';
  strapi.server.routes({
    type: 'admin',
    prefix: '/registrations',
    routes: [
      { method: 'GET', path: '/workshops', handler: handler(list), config, info },
      { method: 'GET', path: one, handler: handler(show), config, info },
      { method: 'GET', path: `${one}/export.csv`, handler: handler(exportCsv), config, info },
      { method: 'POST', path: `${one}/registrations/:id/move-up`, handler: handler(moveUp), config, info },
      { method: 'POST', path: `${one}/registrations/:id/cancel`, handler: handler(cancel), config, info },
      { method: 'POST', path: `${one}/close`, handler: handler(close), config, info },
    ],
  });
}
