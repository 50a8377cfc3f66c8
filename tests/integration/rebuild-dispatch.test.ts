/**
 * Relay mode of the rebuild service: Strapi's webhooks in, one GitHub repository_dispatch out
 * per burst, against a stand-in for the GitHub API on a free loopback port.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readRebuildConfig } from '../../scripts/rebuild/config.ts';
import { generateWebhookSecret } from '../../scripts/rebuild/secret.ts';
import { serviceOptionsFromConfig, startRebuildService, type RebuildService } from '../../scripts/rebuild/service.ts';
import { tempDir } from '../helpers/cms';

const SECRET = generateWebhookSecret();
const TOKEN = 'github_pat_test_token';

interface Dispatch {
  path: string;
  headers: IncomingMessage['headers'];
  /** The JSON body GitHub received. */
  body: unknown;
}

/** Answers like GitHub: 204 for a valid dispatch, or the status the test asks for. */
async function fakeGithub(answer: { status: number; body?: string }) {
  const dispatches: Dispatch[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      dispatches.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, dispatches, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function relay(githubUrl: string, quietMs = 300): Promise<RebuildService> {
  const sitesDir = tempDir('sites-relay');
  const config = readRebuildConfig({
    REBUILD_WEBHOOK_SECRET: SECRET,
    REBUILD_PORT: '0',
    REBUILD_STATUS_PORT: '0',
    REBUILD_QUIET_MS: String(quietMs),
    REBUILD_RETRIES: '1',
    REBUILD_RETRY_DELAY_MS: '50',
    SITES_DIR: sitesDir,
    GITHUB_DISPATCH_REPOSITORY: 'zavod-koper-otok/site',
    GITHUB_DISPATCH_TOKEN: TOKEN,
    GITHUB_API_URL: githubUrl,
  });
  const service = await startRebuildService({ ...serviceOptionsFromConfig(config), log: () => {} });
  cleanups.push(
    () => rmSync(sitesDir, { recursive: true, force: true }),
    () => service.stop(),
  );
  return service;
}

const publish = (service: RebuildService) =>
  fetch(`${service.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rebuild-secret': SECRET },
    body: JSON.stringify({ event: 'entry.publish', model: 'workshop', uid: 'api::workshop.workshop', entry: {} }),
  });

describe('relay to GitHub Actions', () => {
  it('turns a burst of webhooks into one authenticated strapi-publish dispatch', async () => {
    const github = await fakeGithub({ status: 204 });
    cleanups.push(github.close);
    // A quiet window far longer than the burst takes, so the count cannot depend on machine speed.
    const service = await relay(github.url, 2000);

    const responses = await Promise.all(Array.from({ length: 20 }, () => publish(service)));
    expect(responses.every((r) => r.status === 202)).toBe(true);
    await service.whenIdle();

    expect(github.dispatches).toHaveLength(1);
    const [dispatch] = github.dispatches;
    expect(dispatch.path).toBe('/repos/zavod-koper-otok/site/dispatches');
    expect(dispatch.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(dispatch.headers.accept).toBe('application/vnd.github+json');
    expect(dispatch.body).toEqual({ event_type: 'strapi-publish', client_payload: { events: 20 } });
    const status = service.status();
    expect(status.counters).toMatchObject({ buildsStarted: 1, buildsSucceeded: 1, webhooksAccepted: 20 });
    expect(status.lastBuild).toMatchObject({
      result: 'succeeded',
      pages: null,
      note: expect.stringContaining('GitHub Actions'),
    });
    expect((await fetch(`${service.url}/`)).status).toBe(404); // no local site in relay mode
  });

  it('reports what GitHub said when it refuses, and retries a bounded number of times', async () => {
    const github = await fakeGithub({ status: 401, body: '{"message":"Bad credentials"}' });
    cleanups.push(github.close);
    const service = await relay(github.url);

    await publish(service);
    await service.whenIdle();
    expect(github.dispatches).toHaveLength(2);
    const status = service.status();
    expect(status.counters).toMatchObject({ buildsStarted: 2, buildsFailed: 2 });
    expect(status.lastError!.message).toBe(
      'GitHub refused the strapi-publish dispatch to zavod-koper-otok/site: HTTP 401 {"message":"Bad credentials"}',
    );
  });

  it('refuses to start half-configured', () => {
    expect(() =>
      readRebuildConfig({ REBUILD_WEBHOOK_SECRET: SECRET, GITHUB_DISPATCH_REPOSITORY: 'zavod-koper-otok/site' }),
    ).toThrow('GITHUB_DISPATCH_TOKEN is not');
    expect(() =>
      readRebuildConfig({
        REBUILD_WEBHOOK_SECRET: SECRET,
        GITHUB_DISPATCH_REPOSITORY: 'https://github.com/x',
        GITHUB_DISPATCH_TOKEN: TOKEN,
      }),
    ).toThrow('owner/name');
  });
});
