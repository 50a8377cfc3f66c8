import type { Core } from '@strapi/strapi';
import { MIN_SECRET_LENGTH, REBUILD_EVENTS, REBUILD_SECRET_HEADER } from './webhook-contract';

/**
 * The webhook that tells the rebuild service (scripts/rebuild/) that the published site changed.
 *
 * - Configured in config/server.ts (`rebuildWebhook`: REBUILD_WEBHOOK_URL, REBUILD_WEBHOOK_SECRET);
 *   the configuration is the single source of truth: at every start the managed webhook is
 *   created, updated to match, or removed when no URL is configured. Duplicates are deleted.
 * - Created through the webhook store and runner rather than the admin API, which refuses
 *   loopback URLs in production (the rebuild service usually runs next to Strapi).
 * - The secret travels in one header of this webhook only. Strapi's webhooks.defaultHeaders would
 *   send it to every webhook, including any that staff add in the admin for third parties.
 * - Production without a usable secret refuses to start: an unauthenticated rebuild endpoint is not an option.
 */
export const REBUILD_WEBHOOK_NAME = 'Site rebuild (managed by cms/src/bootstrap/webhook.ts)';

interface Webhook {
  id?: string;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

interface WebhookStore {
  findWebhooks(): Promise<Webhook[]>;
  createWebhook(data: Webhook): Promise<Webhook>;
  updateWebhook(id: string, data: Webhook): Promise<Webhook | null>;
  deleteWebhook(id: string): Promise<Webhook | null>;
}

interface WebhookRunner {
  add(webhook: Webhook): void;
  update(webhook: Webhook): void;
  remove(webhook: Webhook): void;
}

interface RebuildWebhookConfig {
  url: string;
  secret: string;
}

/** Reads and checks the configuration; throws in production when the secret is unusable. */
export function rebuildWebhookConfig(strapi: Core.Strapi): RebuildWebhookConfig | null {
  const { url = '', secret = '' } = strapi.config.get<Partial<RebuildWebhookConfig>>('server.rebuildWebhook', {});
  const production = process.env.NODE_ENV === 'production';
  if (!url) {
    if (production)
      strapi.log.warn('Rebuild webhook: REBUILD_WEBHOOK_URL is not set, so publishing will not update the site.');
    return null;
  }
  if (!/^https?:\/\/[^/]/.test(url)) {
    throw new Error(`Refusing to start: REBUILD_WEBHOOK_URL must be an http(s) URL, got "${url}".`);
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    const problem = secret ? `is shorter than ${MIN_SECRET_LENGTH} characters` : 'is not set';
    if (production) {
      throw new Error(
        `Refusing to start: REBUILD_WEBHOOK_URL is set but REBUILD_WEBHOOK_SECRET ${problem}. ` +
          'Generate one (e.g. `openssl rand -base64 32`) and give the same value to the rebuild service.',
      );
    }
    strapi.log.warn(
      `Rebuild webhook: REBUILD_WEBHOOK_SECRET ${problem}; not registering the webhook (the rebuild service would refuse unsigned calls).`,
    );
    return null;
  }
  return { url, secret };
}

const sameWebhook = (a: Webhook, b: Webhook) =>
  a.url === b.url &&
  a.isEnabled === b.isEnabled &&
  JSON.stringify(a.headers ?? {}) === JSON.stringify(b.headers) &&
  JSON.stringify([...(a.events ?? [])].sort()) === JSON.stringify([...b.events].sort());

// Strapi loaded every stored webhook into the runner before this bootstrap step runs, so a
// webhook removed or changed in the store must be removed or changed in the runner too.
async function deleteWebhooks(store: WebhookStore, runner: WebhookRunner, webhooks: Webhook[]): Promise<void> {
  for (const webhook of webhooks) {
    await store.deleteWebhook(webhook.id!);
    runner.remove(webhook);
  }
}

/** Creates, updates or removes the managed webhook so that it matches the configuration. Idempotent. */
export async function ensureRebuildWebhook(strapi: Core.Strapi): Promise<void> {
  const config = rebuildWebhookConfig(strapi);
  const store = strapi.get('webhookStore') as WebhookStore;
  const runner = strapi.get('webhookRunner') as WebhookRunner;
  const managed = (await store.findWebhooks()).filter((webhook) => webhook.name === REBUILD_WEBHOOK_NAME);

  if (!config) {
    await deleteWebhooks(store, runner, managed);
    if (managed.length > 0) strapi.log.info('Rebuild webhook: removed, since REBUILD_WEBHOOK_URL is not set');
    return;
  }
  const [current, ...duplicates] = managed;
  await deleteWebhooks(store, runner, duplicates);

  const wanted: Webhook = {
    name: REBUILD_WEBHOOK_NAME,
    url: config.url,
    headers: { [REBUILD_SECRET_HEADER]: config.secret },
    events: [...REBUILD_EVENTS],
    isEnabled: true,
  };
  if (!current) {
    runner.add(await store.createWebhook(wanted));
    strapi.log.info(`Rebuild webhook: created for ${config.url}`);
  } else if (!sameWebhook(current, wanted)) {
    const updated = await store.updateWebhook(current.id!, wanted);
    if (updated) runner.update(updated);
    strapi.log.info(`Rebuild webhook: updated to ${config.url}`);
  }
}
