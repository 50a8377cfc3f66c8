/**
 * The ticker: every `tickMs` each Strapi instance claims due actions one by one (claim.ts) and
 * runs each (run-action.ts) until none is due. A tick never overlaps the previous one, and
 * stopping waits for the action in progress, so a shutdown never cuts a publication in two.
 */
import type { Core } from '@strapi/strapi';
import { claimNextDueAction, INTERRUPTED_AFTER_MS } from './claim';
import { SCHEDULED_ACTION_UID, type ScheduledAction } from './model';
import { failInterruptedActions, runScheduledAction } from './run-action';

export interface Scheduler {
  stop(): Promise<void>;
}

async function tick(strapi: Core.Strapi, stopped: () => boolean): Promise<void> {
  await failInterruptedActions(strapi, new Date(Date.now() - INTERRUPTED_AFTER_MS));
  while (!stopped()) {
    const id = await claimNextDueAction(strapi.db, new Date());
    if (id === null) return;
    const action: ScheduledAction = await strapi.db.query(SCHEDULED_ACTION_UID).findOne({ where: { id } });
    await runScheduledAction(strapi, action);
  }
}

export function startScheduler(strapi: Core.Strapi, tickMs: number): Scheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const next = (delayMs: number) => {
    timer = setTimeout(() => {
      running = tick(strapi, () => stopped)
        .catch((error: Error) => {
          strapi.log.warn(`Scheduled publishing: ${error.message}`);
        })
        .finally(() => {
          if (!stopped) next(tickMs);
        });
    }, delayMs);
  };
  // The first tick right away: actions that fell due while no instance ran are taken at once.
  next(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
