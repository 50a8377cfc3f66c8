/**
 * A small HTTP proxy in front of Strapi that misbehaves on purpose, for fault tests of the site
 * build. Each request is answered by the current fault, then passed through once the fault's
 * budget (`times`) is spent:
 *   reset      the connection is closed without an answer (Strapi crashed, a proxy dropped it)
 *   hang       no answer for `delayMs` (longer than the build's timeout), then the socket is closed
 *   http-500   500 with Strapi's JSON error body
 *   bad-gateway 502 with an HTML page, as nginx answers while Strapi restarts
 *   malformed  200 with JSON cut off in the middle
 * It counts the GraphQL requests per operation (name + variables), so a test can check that
 * retries are bounded.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

export type Fault = 'reset' | 'hang' | 'http-500' | 'bad-gateway' | 'malformed';

export interface FaultPlan {
  fault: Fault;
  /** How many requests get the fault before requests pass through (Infinity: all). */
  times: number;
  delayMs?: number;
}

export interface FaultyProxy {
  url: string;
  /** Requests seen, by "operationName variables". */
  attempts: Map<string, number>;
  faultsInjected: number;
  setPlan(plan: FaultPlan | null): void;
  /**
   * Called with the running request count before each request is answered, and awaited (e.g. to
   * restart Strapi mid-build and hold the request until Strapi is down). null removes it.
   */
  onRequest(listener: ((count: number) => Promise<void> | void) | null): void;
  resetCount(): void;
  close(): Promise<void>;
}

function operationKey(body: string): string {
  try {
    const { query, variables } = JSON.parse(body) as { query?: string; variables?: unknown };
    const name = query?.match(/query\s+(\w+)/)?.[1] ?? 'anonymous';
    return `${name} ${JSON.stringify(variables ?? {})}`;
  } catch {
    return 'unparseable';
  }
}

function answerWithFault(fault: Fault, req: IncomingMessage, res: ServerResponse, delayMs: number): void {
  switch (fault) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang': {
      const timer = setTimeout(() => req.socket.destroy(), delayMs);
      req.socket.once('close', () => clearTimeout(timer));
      return;
    }
    case 'http-500':
      res.writeHead(500, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: null,
          error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error' },
        }),
      );
      return;
    case 'bad-gateway':
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    case 'malformed':
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"data":{"items":{"nodes":[{"documentId":"x","title":"cut of');
      return;
  }
}

function passThrough(upstream: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const forward = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  // Strapi itself down (restarting): answer like a reverse proxy would.
  forward.on('error', () => {
    if (!res.headersSent)
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    else res.destroy();
  });
  forward.end(body);
}

export async function startFaultyProxy(upstreamUrl: string): Promise<FaultyProxy> {
  const upstream = new URL(upstreamUrl);
  let plan: FaultPlan | null = null;
  let count = 0;
  let listener: ((count: number) => Promise<void> | void) | null = null;
  const proxy: Omit<FaultyProxy, 'url' | 'close'> = {
    attempts: new Map(),
    faultsInjected: 0,
    setPlan: (next) => {
      plan = next;
    },
    onRequest: (next) => {
      listener = next;
    },
    resetCount: () => {
      count = 0;
    },
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      count += 1;
      await listener?.(count);
      if (req.url?.startsWith('/graphql')) {
        const key = operationKey(body.toString('utf8'));
        proxy.attempts.set(key, (proxy.attempts.get(key) ?? 0) + 1);
      }
      if (plan && plan.times > 0) {
        plan.times -= 1;
        proxy.faultsInjected += 1;
        answerWithFault(plan.fault, req, res, plan.delayMs ?? 60_000);
      } else {
        passThrough(upstream, req, body, res);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FaultyProxy;
}
