/**
 * The ticker: every `tickMs` each Strapi instance claims the actions that are due (claim.ts)
 * and runs them one after another (run-action.ts). A tick never overlaps the previous one, and
 * stopping waits for the action in progress, so a shutdown never cuts a publication in two.
 */
import type { Core } from '@strapi/strapi';
import { claimDueActions, INTERRUPTED_AFTER_MS } from './claim';
import { SCHEDULED_ACTION_UID, type ScheduledAction } from './model';
import { failInterruptedActions, runScheduledAction } from './run-action';

export interface Scheduler {
  stop(): Promise<void>;
}

async function tick(strapi: Core.Strapi): Promise<void> {
  const now = new Date();
  await failInterruptedActions(strapi, new Date(now.getTime() - INTERRUPTED_AFTER_MS));
  const ids = await claimDueActions(strapi.db, now);
  if (ids.length === 0) return;
  const claimed: ScheduledAction[] = await strapi.db
    .query(SCHEDULED_ACTION_UID)
    .findMany({ where: { id: { $in: ids } }, orderBy: [{ runAt: 'asc' }, { id: 'asc' }] });
  for (const action of claimed) await runScheduledAction(strapi, action);
}

export function startScheduler(strapi: Core.Strapi, tickMs: number): Scheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const next = (delayMs: number) => {
    timer = setTimeout(() => {
      running = tick(strapi)
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
