/**
 * A counting HTTP proxy on 127.0.0.1 in front of Strapi: the build talks to it instead of
 * Strapi and it counts what crossed the wire (GraphQL requests, bytes of their answers, other
 * requests such as image downloads). It streams bodies through, so it adds little to each
 * request.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface TrafficCounts {
  graphqlRequests: number;
  /** Bytes of GraphQL answers as sent (bodies, after any content encoding). */
  graphqlResponseBytes: number;
  graphqlRequestBytes: number;
  otherRequests: number;
  otherResponseBytes: number;
}

export interface CountingProxy {
  url: string;
  counts(): TrafficCounts;
  reset(): void;
  close(): Promise<void>;
}

const zero = (): TrafficCounts => ({
  graphqlRequests: 0,
  graphqlResponseBytes: 0,
  graphqlRequestBytes: 0,
  otherRequests: 0,
  otherResponseBytes: 0,
});

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  let counts = zero();

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const isGraphql = (req.url ?? '').startsWith('/graphql');
    if (isGraphql) counts.graphqlRequests += 1;
    else counts.otherRequests += 1;
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          if (isGraphql) counts.graphqlResponseBytes += chunk.length;
          else counts.otherResponseBytes += chunk.length;
        });
        answer.pipe(res);
      },
    );
    outgoing.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
    req.on('data', (chunk: Buffer) => {
      if (isGraphql) counts.graphqlRequestBytes += chunk.length;
    });
    req.pipe(outgoing);
  }

  const server = createServer(forward);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = zero();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
