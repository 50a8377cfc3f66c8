/**
 * Scheduled publishing and unpublishing, per entry and language (see docs/editors.md): the
 * table (model.ts), the admin API (admin-routes.ts) and the ticker (scheduler.ts) that runs
 * due actions in every instance, each action once.
 */
import type { Core } from '@strapi/strapi';
import { scheduledActionModel } from './model';
import { registerSchedulingRoutes } from './admin-routes';
import { startScheduler, type Scheduler } from './scheduler';

/** The default suits "within a minute"; tests set a short tick (SCHEDULER_TICK_SECONDS). */
const DEFAULT_TICK_SECONDS = 30;
const SHORTEST_TICK_SECONDS = 0.2;

const schedulers = new WeakMap<object, Scheduler>();

/** register(): the table and the admin routes. */
export function registerScheduling(strapi: Core.Strapi): void {
  strapi.get('models').add(scheduledActionModel);
  registerSchedulingRoutes(strapi);
}

export function tickMilliseconds(strapi: Core.Strapi): number {
  const seconds = Number(strapi.config.get('scheduling.tickSeconds', DEFAULT_TICK_SECONDS));
  if (!Number.isFinite(seconds) || seconds < SHORTEST_TICK_SECONDS)
    throw new Error(`SCHEDULER_TICK_SECONDS must be a number of seconds of at least ${SHORTEST_TICK_SECONDS}`);
  return seconds * 1000;
}

/** bootstrap(): starts this instance's ticker. */
export function startScheduling(strapi: Core.Strapi): void {
  if (!schedulers.has(strapi)) schedulers.set(strapi, startScheduler(strapi, tickMilliseconds(strapi)));
}

/** destroy(): stops the ticker once the action in progress has finished. */
export async function stopScheduling(strapi: Core.Strapi): Promise<void> {
  await schedulers.get(strapi)?.stop();
  schedulers.delete(strapi);
}
