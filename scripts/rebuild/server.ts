/**
 * The service's HTTP routes on one port:
 *   POST /webhook   Strapi's rebuild webhook (webhook-endpoint.ts)
 *   GET  /status    what the service is doing and has done, as JSON
 *   anything else   the live site, when the service serves it (local demo), else 404
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleStatic, type RootProvider } from '../lib/static-server.ts';
import { refuse, sendJson } from './http.ts';
import type { ServiceStatus } from './status.ts';
import { handleWebhook, type WebhookEndpointOptions } from './webhook-endpoint.ts';

export const WEBHOOK_PATH = '/webhook';
export const STATUS_PATH = '/status';

export interface RebuildServerOptions {
  webhook: WebhookEndpointOptions;
  status(): ServiceStatus;
  /** The live site's folder, or null when another server serves the site. */
  siteRoot: RootProvider | null;
  log(line: string): void;
}

function route(req: IncomingMessage, res: ServerResponse, options: RebuildServerOptions): Promise<void> | void {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (pathname === WEBHOOK_PATH) return handleWebhook(req, res, options.webhook);
  if (pathname === STATUS_PATH) {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(req, res, 405, 'GET /status only', 0, { allow: 'GET, HEAD' });
    return sendJson(res, 200, options.status());
  }
  if (options.siteRoot) return handleStatic(options.siteRoot(), req, res);
  sendJson(res, 404, {
    error: `nothing here; the rebuild service answers POST ${WEBHOOK_PATH} and GET ${STATUS_PATH}`,
  });
}

export function createRebuildServer(options: RebuildServerOptions): Server {
  return createServer((req, res) => {
    Promise.resolve()
      .then(() => route(req, res, options))
      .catch((error: Error) => {
        options.log(`rebuild: could not answer ${req.method} ${req.url}: ${error.message}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error; see the rebuild service log' });
        else res.destroy();
      });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}
