/**
 * What a rebuild webhook may say. Strapi sends one JSON body per event:
 *   { event: 'entry.publish', createdAt, model: 'article', uid: 'api::article.article', entry: {...} }
 *   { event: 'media.update', createdAt, media: {...} }
 * Only events that change the published site, on the site's content types and staff redirects (and media),
 * cause a build. Of the entry only its documentId is read, to re-render what it touches
 * (changes.ts); Strapi sometimes sends the entry empty, so it is not required, and a build
 * re-reads the entry from Strapi rather than trusting the payload.
 */
import { REBUILD_EVENTS, type RebuildEvent } from '../../cms/src/bootstrap/webhook-contract.ts';

const SITE_MODELS = ['article', 'workshop', 'region', 'partner', 'page', 'navigation', 'redirect'] as const;

export interface Trigger {
  event: RebuildEvent;
  /** The content type (singular name), or null for media events. */
  model: string | null;
  /** The entry's documentId when the payload names one (Strapi's payload may be empty). */
  documentId: string | null;
}

export type WebhookCheck = { ok: true; trigger: Trigger } | { ok: false; status: 400 | 422; reason: string };

const refuse = (status: 400 | 422, reason: string): WebhookCheck => ({ ok: false, status, reason });
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isRebuildEvent = (event: string): event is RebuildEvent => (REBUILD_EVENTS as readonly string[]).includes(event);
const isSiteModel = (model: string) => (SITE_MODELS as readonly string[]).includes(model);

/**
 * Checks a webhook body (already authenticated and size-limited). `eventHeader` is Strapi's
 * X-Strapi-Event; when present it must agree with the body.
 */
export function checkWebhook(body: string, eventHeader?: string): WebhookCheck {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return refuse(400, 'the body is not valid JSON');
  }
  if (!isRecord(payload)) return refuse(400, 'the body must be a JSON object');
  const { event } = payload;
  if (typeof event !== 'string' || event === '') return refuse(400, 'the body has no "event"');
  if (eventHeader !== undefined && eventHeader !== event) {
    return refuse(400, `the X-Strapi-Event header ("${eventHeader}") does not match the body's event ("${event}")`);
  }
  if (!isRebuildEvent(event)) {
    return refuse(
      422,
      `event "${event}" does not change the published site; accepted events: ${REBUILD_EVENTS.join(', ')}`,
    );
  }
  if (event.startsWith('media.')) return { ok: true, trigger: { event, model: null, documentId: null } };
  return checkEntryEvent(event, payload);
}

function checkEntryEvent(event: RebuildEvent, payload: Record<string, unknown>): WebhookCheck {
  const { model, uid } = payload;
  if (typeof model !== 'string' || model === '') return refuse(400, `"${event}" has no "model"`);
  if (!isSiteModel(model)) {
    return refuse(422, `model "${model}" is not part of the site; accepted models: ${SITE_MODELS.join(', ')}`);
  }
  if (uid !== undefined && uid !== `api::${model}.${model}`) {
    return refuse(400, `uid "${String(uid)}" does not belong to model "${model}"`);
  }
  const entry = isRecord(payload.entry) ? payload.entry : {};
  const documentId = typeof entry.documentId === 'string' && entry.documentId !== '' ? entry.documentId : null;
  return { ok: true, trigger: { event, model, documentId } };
}
