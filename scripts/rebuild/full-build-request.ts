/**
 * `npm run rebuild -- --full`: asks the running rebuild service for a full build (after a code
 * or configuration change, or to be sure) through its status listener, and waits for it.
 */
import { readStatusAccess } from './config.ts';
import { FULL_BUILD_PATH, STATUS_PATH } from './server.ts';
import type { ServiceStatus } from './status.ts';

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function requestFullBuild(env: NodeJS.ProcessEnv = process.env, timeoutMs = 30 * 60_000): Promise<string> {
  const { statusHost, statusPort, statusToken } = readStatusAccess(env);
  const base = `http://${hostForUrl(statusHost)}:${statusPort}`;
  const headers = statusToken ? { authorization: `Bearer ${statusToken}` } : undefined;
  const asked = new Date().toISOString();
  const answer = await fetch(`${base}${FULL_BUILD_PATH}`, { method: 'POST', headers }).catch((error: Error) => {
    throw new Error(`no rebuild service answers at ${base} (${error.message}); start it with \`npm run rebuild\``, {
      cause: error,
    });
  });
  if (answer.status !== 202)
    throw new Error(`${base}${FULL_BUILD_PATH} answered ${answer.status}: ${await answer.text()}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await (await fetch(`${base}${STATUS_PATH}`, { headers })).json()) as ServiceStatus;
    const build = status.lastBuild;
    if (build && build.startedAt >= asked && build.mode === 'full' && build.result !== 'running') {
      if (build.result === 'failed') throw new Error(`the full build failed: ${build.error}`);
      return `rebuild --full: build ${build.id} is live: ${build.pages} pages in ${((build.durationMs ?? 0) / 1000).toFixed(1)} s`;
    }
    if (Date.now() > deadline) throw new Error(`no full build finished within ${timeoutMs / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
