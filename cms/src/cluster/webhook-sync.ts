import { postgresSettings } from './postgres-session';
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
interface WriteEvent {
  result?: unknown;
}

/** The parts of Strapi used here (Core.Strapi has them). */
export interface WebhookStrapi extends ClusterStrapi {
  get(name: 'webhookStore'): { findWebhooks(): Promise<Webhook[]> };
  get(name: 'webhookRunner'): { update(webhook: Webhook): void; remove(webhook: Webhook): void };
  db: ClusterStrapi['db'] & { lifecycles: { subscribe(subscriber: Subscriber): unknown } };
}

const running = new WeakMap<object, ClusterInvalidation>();

/** bootstrap(): from now on, webhook writes here reach the other instances, and theirs this one. */
export async function syncWebhooksAcrossInstances(strapi: WebhookStrapi): Promise<void> {
  if (running.has(strapi) || !postgresSettings(strapi)) return;
  const runner = reloader(strapi, await strapi.get('webhookStore').findWebhooks());
  const cluster = invalidateAcrossInstances(strapi, WEBHOOKS_CHANNEL, runner.reload, { onlyOtherInstances: true });
  running.set(strapi, cluster);
  const written = (event: WriteEvent) => {
    runner.remember(event.result);
    return cluster.changed();
  };
  strapi.db.lifecycles.subscribe({
    models: [WEBHOOK_MODEL],
    ...Object.fromEntries(WRITE_EVENTS.map((event) => [event, written])),
  });
  await cluster.start();
  // A change made elsewhere between the first read and LISTEN would otherwise go unseen.
  runner.reload();
}

/** destroy(): stops listening. */
export async function stopWebhookSync(strapi: object): Promise<void> {
  const cluster = running.get(strapi);
  running.delete(strapi);
  await cluster?.stop();
}

/**
 * Reloads the stored webhooks into the runner, one reload at a time, in the order asked. Every
 * webhook id this process has seen (loaded, or written here, which the admin added to the runner
 * itself) is removed from the runner when the table no longer has it.
 */
function reloader(strapi: WebhookStrapi, loaded: Webhook[]) {
  const seen = new Set(loaded.map((webhook) => String(webhook.id)));
  let queue = Promise.resolve();
  const reloadNow = async () => {
    const stored = await strapi.get('webhookStore').findWebhooks();
    const runner = strapi.get('webhookRunner');
    const storedIds = new Set(stored.map((webhook) => String(webhook.id)));
    for (const id of seen) if (!storedIds.has(id)) runner.remove({ id, events: [] });
    // update() removes the runner's copy by id and adds the stored one, so it never duplicates.
    for (const webhook of stored) runner.update(webhook);
    stored.forEach((webhook) => seen.add(String(webhook.id)));
  };
  return {
    reload() {
      queue = queue
        .then(reloadNow)
        .catch((error: Error) =>
          strapi.log.warn(`Webhooks: could not reload them from the database: ${error.message}`),
        );
    },
    /** The rows a write here returned (one, a list, or a count for the *Many events). */
    remember(result: unknown) {
      for (const row of Array.isArray(result) ? result : [result]) {
        const id = (row as { id?: unknown } | null)?.id;
        if (id !== undefined && id !== null) seen.add(String(id));
      }
    },
  };
}
