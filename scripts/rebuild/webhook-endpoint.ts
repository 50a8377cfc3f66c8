/**
 * POST /webhook: the door Strapi knocks on. In this order, so that nothing unauthenticated
 * costs more than a header comparison: the caller's address when REBUILD_ALLOWED_IPS is set
 * (403), method (405), secret (401), content type (415), size (413), then the payload (400/422). Only an accepted call reaches the build queue. Bodies are
 * never logged: they carry the entry's content.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addressAllowed } from './allowed-ips.ts';
import { BodyTooLargeError, readBody, refuse, sendJson } from './http.ts';
import { checkWebhook, type Trigger } from './payload.ts';
import { SECRET_HEADER, secretMatches } from './secret.ts';

export interface WebhookEndpointOptions {
  secret: string;
  maxBodyBytes: number;
  /** Addresses allowed to call (REBUILD_ALLOWED_IPS); undefined lets any address try the secret. */
  allowedIps?: ReadonlySet<string>;
  onAccepted(trigger: Trigger): void;
  onRejected(status: number, reason: string, req: IncomingMessage): void;
}

const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');

export async function handleWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebhookEndpointOptions,
): Promise<void> {
  const reject = (status: number, reason: string, headers?: Record<string, string>) => {
    options.onRejected(status, reason, req);
    refuse(req, res, status, reason, options.maxBodyBytes, headers);
  };
  if (!addressAllowed(options.allowedIps, req.socket.remoteAddress))
    return reject(403, 'this address may not send webhooks (REBUILD_ALLOWED_IPS)');
  if (req.method !== 'POST') return reject(405, 'the webhook accepts POST only', { allow: 'POST' });
  if (!secretMatches(options.secret, req.headers[SECRET_HEADER]))
    return reject(401, 'wrong or missing secret (X-Rebuild-Secret header)');
  if (!isJson(req.headers['content-type']))
    return reject(415, 'the body must be JSON (Content-Type: application/json)');

  let body: string;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return reject(413, `the body is larger than ${options.maxBodyBytes} bytes (REBUILD_MAX_BODY_BYTES)`);
    throw error;
  }
  const eventHeader = req.headers['x-strapi-event'];
  const check = checkWebhook(body, typeof eventHeader === 'string' ? eventHeader : undefined);
  if (!check.ok) return reject(check.status, check.reason);

  options.onAccepted(check.trigger);
  sendJson(res, 202, { accepted: true, event: check.trigger.event, model: check.trigger.model });
}
