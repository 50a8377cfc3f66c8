/**
 * The service's two listeners. The public one (REBUILD_HOST:REBUILD_PORT):
 *   POST /webhook   Strapi's rebuild webhook (webhook-endpoint.ts)
 *   GET  /status    always 404 here
 *   anything else   the live site, when the service serves it (local demo), else 404
 * The status one (REBUILD_STATUS_HOST:REBUILD_STATUS_PORT, loopback by default):
 *   GET  /status    what the service is doing and has done, as JSON; with REBUILD_STATUS_TOKEN
 *                   set, only for `Authorization: Bearer <token>`
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleStatic, type RootProvider } from '../lib/static-server.ts';
import { refuse, sendJson } from './http.ts';
import { redact } from './redact.ts';
import { secretMatches } from './secret.ts';
import type { ServiceStatus } from './status.ts';
import { handleWebhook, type WebhookEndpointOptions } from './webhook-endpoint.ts';

export const WEBHOOK_PATH = '/webhook';
export const STATUS_PATH = '/status';
export const FULL_BUILD_PATH = '/full-build';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface PublicServerOptions {
  webhook: WebhookEndpointOptions;
  /** The live site's folder, or null when another server serves the site. */
  siteRoot: RootProvider | null;
  log(line: string): void;
}

export interface StatusServerOptions {
  status(): ServiceStatus;
  /** Asks for a full build (POST /full-build: `npm run rebuild -- --full`). */
  fullBuild(): void;
  /** When set, /status and /full-build answer only requests with `Authorization: Bearer <token>`. */
  token?: string;
  log(line: string): void;
}

const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').pathname;

function routePublic(req: IncomingMessage, res: ServerResponse, options: PublicServerOptions): Promise<void> | void {
  const pathname = pathOf(req);
  if (pathname === WEBHOOK_PATH) return handleWebhook(req, res, options.webhook);
  if (pathname !== STATUS_PATH && options.siteRoot) return handleStatic(options.siteRoot(), req, res);
  sendJson(res, 404, { error: `nothing here; the rebuild service answers POST ${WEBHOOK_PATH} on this port` });
}

const bearerToken = (req: IncomingMessage) => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

function routeStatus(req: IncomingMessage, res: ServerResponse, options: StatusServerOptions): void {
  const pathname = pathOf(req);
  const method = pathname === FULL_BUILD_PATH ? 'POST' : 'GET';
  if (pathname !== STATUS_PATH && pathname !== FULL_BUILD_PATH)
    return sendJson(res, 404, { error: `nothing here; try GET ${STATUS_PATH}` });
  if (req.method !== method && !(method === 'GET' && req.method === 'HEAD'))
    return refuse(req, res, 405, `${method} ${pathname} only`, 0, { allow: method === 'GET' ? 'GET, HEAD' : 'POST' });
  if (options.token !== undefined && !secretMatches(options.token, bearerToken(req)))
    return sendJson(
      res,
      401,
      { error: 'wrong or missing token (Authorization: Bearer, REBUILD_STATUS_TOKEN)' },
      { 'www-authenticate': 'Bearer realm="rebuild status"' },
    );
  if (method === 'POST') {
    options.fullBuild();
    return sendJson(res, 202, { accepted: true, build: 'full' });
  }
  sendJson(res, 200, options.status());
}

/** Runs `handler`; an unexpected error gets a 500 and one log line, redacted. */
function serve(handler: Handler, log: (line: string) => void): Server {
  return createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: Error) => {
        log(redact(`rebuild: could not answer ${req.method} ${pathOf(req)}: ${error.message}`));
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error; see the rebuild service log' });
        else res.destroy();
      });
  });
}

export const createPublicServer = (options: PublicServerOptions): Server =>
  serve((req, res) => routePublic(req, res, options), options.log);

export const createStatusServer = (options: StatusServerOptions): Server =>
  serve((req, res) => routeStatus(req, res, options), options.log);

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}
