import { invalidateAcrossInstances, type ClusterInvalidation, type ClusterStrapi } from './cache-invalidation';

/**
 * Keeps every instance's webhook runner in step with the stored webhooks.
 *
 * Strapi loads the stored webhooks into a runner of each process at start, and the admin's
 * webhook routes then change the runner of the instance that served the request only. With
 * several instances, a webhook added in the admin would fire from one of them, and a deleted
 * one would keep firing from the others, until they restart. So a write to the webhooks table
 * notifies the other instances (cache-invalidation.ts), which reload the table into their
 * runner. On SQLite (one instance) nothing changes.
 */

/** The channel of changes to the stored webhooks. */
export const WEBHOOKS_CHANNEL = 'koper_otok_webhooks';

const WEBHOOK_MODEL = 'strapi::webhook';
const WRITE_EVENTS = [
  'afterCreate',
  'afterUpdate',
  'afterDelete',
  'afterCreateMany',
  'afterUpdateMany',
  'afterDeleteMany',
];

interface Webhook {
  id?: string | number;
  events: string[];
}
type Subscriber = { models: string[] } & Record<string, unknown>;

/** The parts of Strapi used here (Core.Strapi has them). */
export interface WebhookStrapi extends ClusterStrapi {
  get(name: 'webhookStore'): { findWebhooks(): Promise<Webhook[]> };
  get(name: 'webhookRunner'): { update(webhook: Webhook): void; remove(webhook: Webhook): void };
  db: ClusterStrapi['db'] & { lifecycles: { subscribe(subscriber: Subscriber): unknown } };
}

const running = new WeakMap<object, ClusterInvalidation>();

/** bootstrap(): from now on, webhook writes here reach the other instances, and theirs this one. */
export async function syncWebhooksAcrossInstances(strapi: WebhookStrapi): Promise<void> {
  if (running.has(strapi)) return;
  const reload = reloader(strapi, await strapi.get('webhookStore').findWebhooks());
  const cluster = invalidateAcrossInstances(strapi, WEBHOOKS_CHANNEL, reload, { onlyOtherInstances: true });
  running.set(strapi, cluster);
  strapi.db.lifecycles.subscribe({
    models: [WEBHOOK_MODEL],
    ...Object.fromEntries(WRITE_EVENTS.map((event) => [event, cluster.changed])),
  });
  await cluster.start();
}

/** destroy(): stops listening. */
export async function stopWebhookSync(strapi: object): Promise<void> {
  const cluster = running.get(strapi);
  running.delete(strapi);
  await cluster?.stop();
}

/** Reloads the stored webhooks into the runner, one reload at a time, in the order asked. */
function reloader(strapi: WebhookStrapi, loaded: Webhook[]): () => void {
  let known = loaded;
  let queue = Promise.resolve();
  const reload = async () => {
    const stored = await strapi.get('webhookStore').findWebhooks();
    const runner = strapi.get('webhookRunner');
    const storedIds = new Set(stored.map((webhook) => webhook.id));
    for (const webhook of known) if (!storedIds.has(webhook.id)) runner.remove(webhook);
    // update() removes the runner's copy by id and adds the stored one, so it never duplicates.
    for (const webhook of stored) runner.update(webhook);
    known = stored;
  };
  return () => {
    queue = queue
      .then(reload)
      .catch((error: Error) => strapi.log.warn(`Webhooks: could not reload them from the database: ${error.message}`));
  };
}
