/**
 * The table of scheduled publish and unpublish actions: an internal model of Strapi's database
 * layer (like Strapi's own webhooks table), not a content type, so it never appears in the
 * Content Manager, the REST or GraphQL APIs, the Public role or the site's content model.
 * Times are instants (UTC); the admin shows them in Ljubljana time (ljubljana-time.ts).
 */

export const SCHEDULED_ACTION_UID = 'koper-otok::scheduled-action';
export const SCHEDULED_ACTIONS_TABLE = 'scheduled_actions';

export const SCHEDULED_OPERATIONS = ['publish', 'unpublish'] as const;
export type ScheduledOperation = (typeof SCHEDULED_OPERATIONS)[number];

/** pending -> running -> done | failed; pending -> cancelled. */
export const SCHEDULE_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

export interface ScheduledAction {
  id: number;
  contentType: string;
  documentId: string;
  locale: string;
  action: ScheduledOperation;
  runAt: Date | string;
  status: ScheduleStatus;
  message: string | null;
  createdById: number | null;
  createdByName: string | null;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
  createdAt: Date | string;
}

export const scheduledActionModel = {
  uid: SCHEDULED_ACTION_UID,
  singularName: 'scheduled_action',
  tableName: SCHEDULED_ACTIONS_TABLE,
  attributes: {
    id: { type: 'increments' },
    contentType: { type: 'string' },
    documentId: { type: 'string' },
    locale: { type: 'string' },
    action: { type: 'string' },
    runAt: { type: 'datetime' },
    status: { type: 'string' },
    message: { type: 'text' },
    createdById: { type: 'integer' },
    createdByName: { type: 'string' },
    startedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
  },
  // The ticker's query: due pending actions, oldest first.
  indexes: [{ name: 'scheduled_actions_due', columns: ['status', 'run_at'] }],
};
