/** A plain HTTP server on 127.0.0.1 that records every webhook call Strapi makes: event, document and locale. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateWebhookSecret } from '../../scripts/rebuild/secret.ts';

export interface WebhookCall {
  event: string;
  documentId?: string;
  locale?: string;
}

export async function webhookRecorder() {
  const calls: WebhookCall[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { event, entry } = JSON.parse(body) as { event: string; entry?: { documentId?: string; locale?: string } };
      calls.push({ event, documentId: entry?.documentId, locale: entry?.locale });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    calls,
    url,
    /** The environment that points Strapi's rebuild webhook here. */
    env: { REBUILD_WEBHOOK_URL: url, REBUILD_WEBHOOK_SECRET: generateWebhookSecret() },
    /** How many calls of `event` concerned this document in this locale. */
    count: (event: string, documentId: string, locale: string) =>
      calls.filter((call) => call.event === event && call.documentId === documentId && call.locale === locale).length,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export type WebhookRecorder = Awaited<ReturnType<typeof webhookRecorder>>;
