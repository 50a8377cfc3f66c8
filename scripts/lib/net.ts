/** Ports and readiness checks on the loopback interface. */
import { createServer } from 'node:net';

/** Resolves `preferred` if it is free on 127.0.0.1, otherwise a free port the OS picks. */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && error.code === 'EADDRINUSE') resolve(freePort(0));
      else reject(error);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers with a status below 500. `stillRunning` lets the caller stop
 * waiting as soon as the process it waits for has died.
 */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; stillRunning?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.stillRunning && !options.stillRunning()) throw new Error(`the process serving ${url} exited`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs / 1000} s`);
}
