/**
 * Retention of registrations (docs/security.md): every instance checks now and then whether
 * today's run is still to do; the one that claims it (daily-claim.ts) anonymises what is due
 * (anonymise.ts). A missed day is caught up by the next run, since each run clears all that is due.
 */
import type { Core } from '@strapi/strapi';
import { anonymiseDueRegistrations } from './anonymise';
import { claimToday, dailyTaskRunModel } from './daily-claim';

const TASK = 'registration-retention';
const SHORTEST_CHECK_SECONDS = 0.2;

interface Retention {
  stop(): Promise<void>;
}

const running = new WeakMap<object, Retention>();

/** register(): the table of daily runs. */
export function registerRegistrationRetention(strapi: Core.Strapi): void {
  strapi.get('models').add(dailyTaskRunModel);
}

function retentionSettings(strapi: Core.Strapi): { days: number; checkMs: number } {
  const days = Number(strapi.config.get('registration-retention.days', 90));
  const checkSeconds = Number(strapi.config.get('registration-retention.checkSeconds', 3600));
  if (!Number.isSafeInteger(days) || days < 1)
    throw new Error('REGISTRATION_RETENTION_DAYS must be a whole number of at least 1');
  if (!Number.isFinite(checkSeconds) || checkSeconds < SHORTEST_CHECK_SECONDS)
    throw new Error(
      `REGISTRATION_RETENTION_CHECK_SECONDS must be a number of seconds of at least ${SHORTEST_CHECK_SECONDS}`,
    );
  return { days, checkMs: checkSeconds * 1000 };
}

async function runIfDue(strapi: Core.Strapi, days: number): Promise<void> {
  const now = new Date();
  if (!(await claimToday(strapi.db, TASK, now))) return;
  const count = await anonymiseDueRegistrations(strapi, now, days);
  strapi.log.info(`Registration retention: anonymised ${count} registration(s) of workshops over ${days} days ago`);
}

/** bootstrap(): the first check at once, then every REGISTRATION_RETENTION_CHECK_SECONDS. */
export function startRegistrationRetention(strapi: Core.Strapi): void {
  if (running.has(strapi)) return;
  const { days, checkMs } = retentionSettings(strapi);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current = Promise.resolve();
  const next = (delayMs: number) => {
    timer = setTimeout(() => {
      current = runIfDue(strapi, days)
        .catch((error: Error) => {
          strapi.log.warn(`Registration retention: ${error.message}`);
        })
        .finally(() => {
          if (!stopped) next(checkMs);
        });
    }, delayMs);
  };
  next(0);
  running.set(strapi, {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  });
}

/** destroy(): stops checking once a run in progress has finished. */
export async function stopRegistrationRetention(strapi: Core.Strapi): Promise<void> {
  await running.get(strapi)?.stop();
  running.delete(strapi);
}
