/**
 * Staff's admin API for registrations (admin login; the Content Manager's read permission on
 * registrations, which administrators have and the Editor role does not):
 *
 *   GET /registrations/export?workshop=<documentId>   one workshop's registrations as CSV
 *   GET /registrations/counts                          confirmed, waiting, pending, cancelled per workshop
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { registrationsCsv } from './csv';
import { REGISTRATION_UID, type RegistrationRow } from './model';
import { publishedWorkshop, workshopText } from './workshop';

const READ = 'plugin::content-manager.explorer.read';

/** The parts of Koa's context these handlers use, after Strapi's admin authentication. */
interface AdminContext {
  query: Record<string, unknown>;
  state: { userAbility: { can(action: string, subject: string): boolean } };
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

export interface WorkshopCounts {
  workshopDocumentId: string;
  title: string | null;
  capacity: number | null;
  confirmed: number;
  waiting: number;
  pending: number;
  cancelled: number;
}

/** Registrations counted by workshop and state. */
export function countByWorkshop(rows: Pick<RegistrationRow, 'workshopDocumentId' | 'state'>[]) {
  const counts = new Map<string, Record<RegistrationRow['state'], number>>();
  for (const { workshopDocumentId, state } of rows) {
    const workshop = counts.get(workshopDocumentId) ?? { confirmed: 0, waiting: 0, pending: 0, cancelled: 0 };
    workshop[state] += 1;
    counts.set(workshopDocumentId, workshop);
  }
  return counts;
}

function assertMayRead(ctx: AdminContext): void {
  if (!ctx.state.userAbility.can(READ, REGISTRATION_UID))
    throw new errors.ForbiddenError('Prijav ne smete brati. / You may not read registrations.');
}

async function exportCsv(strapi: Core.Strapi, ctx: AdminContext) {
  assertMayRead(ctx);
  const documentId = typeof ctx.query.workshop === 'string' ? ctx.query.workshop : '';
  const workshop = documentId ? await publishedWorkshop(strapi, documentId) : null;
  if (!workshop) throw new errors.NotFoundError('Te delavnice ni. / No such workshop.');
  const rows: RegistrationRow[] = await strapi.db
    .query(REGISTRATION_UID)
    .findMany({ where: { workshopDocumentId: documentId } });
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="prijave-${workshopText(workshop, 'sl').slug}.csv"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = registrationsCsv(rows);
}

async function counts(strapi: Core.Strapi, ctx: AdminContext) {
  assertMayRead(ctx);
  const rows: RegistrationRow[] = await strapi.db
    .query(REGISTRATION_UID)
    .findMany({ select: ['workshopDocumentId', 'state'] });
  const data: WorkshopCounts[] = [];
  for (const [workshopDocumentId, byState] of countByWorkshop(rows)) {
    const workshop = await publishedWorkshop(strapi, workshopDocumentId);
    data.push({
      workshopDocumentId,
      title: workshop ? workshopText(workshop, 'sl').title : null,
      capacity: workshop?.capacity ?? null,
      ...byState,
    });
  }
  ctx.body = { data };
}

/** register(): the routes, on Strapi's admin API (admin authentication, no content-API token). */
export function registerRegistrationAdminRoutes(strapi: Core.Strapi): void {
  const handler = (run: (strapi: Core.Strapi, ctx: AdminContext) => Promise<void>) => (ctx: AdminContext) =>
    run(strapi, ctx);
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  const info = { type: 'admin' };
  strapi.server.routes({
    type: 'admin',
    prefix: '/registrations',
    routes: [
      { method: 'GET', path: '/export', handler: handler(exportCsv), config, info },
      { method: 'GET', path: '/counts', handler: handler(counts), config, info },
    ],
  });
}
