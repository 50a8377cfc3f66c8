/**
 * Runs one claimed action through the Document Service, exactly as a click on Publish or
 * Unpublish does: the editorial rules (src/validation/) check it, a failed check rolls the
 * publication back, and Strapi fires the same entry.publish / entry.unpublish webhook that
 * rebuilds the site. Then the action is marked done or failed, with the reason staff will read.
 */
import type { Core } from '@strapi/strapi';
import { contentTypeUid } from '../utils/strapi-uids';
import { SCHEDULED_ACTION_UID, type ScheduledAction, type ScheduleStatus } from './model';

export const OUTCOME_MESSAGES = {
  gone: 'Vnosa v tem jeziku ni več. / The entry no longer exists in this language.',
  notPublished: 'Vnos v tem jeziku ni bil objavljen. / The entry was not published in this language.',
  interrupted:
    'Izvajanje je bilo prekinjeno (ustavitev strežnika); preverite vnos. / Interrupted by a server stop; check the entry.',
} as const;

interface Outcome {
  status: Extract<ScheduleStatus, 'done' | 'failed'>;
  message: string | null;
}

async function perform(strapi: Core.Strapi, action: ScheduledAction): Promise<Outcome> {
  const documents = strapi.documents(contentTypeUid(strapi, action.contentType));
  const params = { documentId: action.documentId, locale: action.locale };
  if (action.action === 'publish') {
    const { entries } = await documents.publish(params);
    return entries.length > 0
      ? { status: 'done', message: null }
      : { status: 'failed', message: OUTCOME_MESSAGES.gone };
  }
  const { entries } = await documents.unpublish(params);
  return { status: 'done', message: entries.length > 0 ? null : OUTCOME_MESSAGES.notPublished };
}

/** Runs a claimed ("running") action and records how it ended; never throws for the action's own failure. */
export async function runScheduledAction(strapi: Core.Strapi, action: ScheduledAction): Promise<Outcome> {
  const outcome = await perform(strapi, action).catch((error: unknown): Outcome => ({
    status: 'failed',
    message: error instanceof Error ? error.message : String(error),
  }));
  await strapi.db.query(SCHEDULED_ACTION_UID).update({
    where: { id: action.id, status: 'running' },
    data: { ...outcome, finishedAt: new Date() },
  });
  const how = outcome.status === 'done' ? 'done' : `failed: ${outcome.message}`;
  strapi.log.info(`Scheduled ${action.action} of ${action.contentType} ${action.documentId} (${action.locale}) ${how}`);
  return outcome;
}

/** Actions left "running" by an instance that stopped mid-way are failed, never run twice. */
export async function failInterruptedActions(strapi: Core.Strapi, before: Date): Promise<void> {
  await strapi.db.query(SCHEDULED_ACTION_UID).updateMany({
    where: { status: 'running', startedAt: { $lt: before } },
    data: { status: 'failed', message: OUTCOME_MESSAGES.interrupted, finishedAt: new Date() },
  });
}
