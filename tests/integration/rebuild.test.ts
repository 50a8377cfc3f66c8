/**
 * The rebuild service (scripts/rebuild/) as a real HTTP server on a free loopback port with a
 * temporary sites folder. Most tests inject a quick fake build; the last part runs the whole
 * path with a real Strapi: publish in the admin API -> Strapi's webhook -> debounced build with
 * the real Astro build -> atomic switch -> page served.
 * Waiting is done on the service's own state (whenIdle, /status), never on elapsed time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { liveLink, partialDir } from '../../scripts/lib/live-site.ts';
import { loginAdmin, type AdminClient } from '../../scripts/lib/strapi-admin.ts';
import { astroBuild } from '../../scripts/rebuild/astro-build.ts';
import { parseAllowedIps } from '../../scripts/rebuild/allowed-ips.ts';
import { DEPLOY_OUTPUT_LINES, deployCommand } from '../../scripts/rebuild/deploy.ts';
import type { BuildFunction } from '../../scripts/rebuild/publish.ts';
import { generateWebhookSecret } from '../../scripts/rebuild/secret.ts';
import { startRebuildService, type RebuildService, type RebuildServiceOptions } from '../../scripts/rebuild/service.ts';
import type { ServiceStatus } from '../../scripts/rebuild/status.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';

const SECRET = generateWebhookSecret();
const ARTICLE_PUBLISHED = {
  event: 'entry.publish',
  model: 'article',
  uid: 'api::article.article',
  entry: { id: 1, documentId: 'x', locale: 'sl' },
};

const running: RebuildService[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.stop()));
  folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** A fake site build: a few pages saying which build wrote them; it can be held or made to fail. */
function fakeBuild() {
  let count = 0;
  let release: (() => void) | null = null;
  let hold: Promise<void> | null = null;
  const fake = {
    failure: null as Error | null,
    get count() {
      return count;
    },
    /** Later builds wait until release() is called. */
    hold() {
      hold = new Promise((resolve) => (release = resolve));
    },
    release() {
      release?.();
      hold = null;
    },
    build: (async (outDir) => {
      const n = ++count;
      if (hold) await hold;
      if (fake.failure) throw fake.failure;
      for (const page of ['novice', 'delavnice', 'regije', 'partnerji', 'en/news']) {
        mkdirSync(path.join(outDir, page), { recursive: true });
        writeFileSync(path.join(outDir, page, 'index.html'), `<h1>${page}, build ${n}</h1>`);
      }
      writeFileSync(path.join(outDir, 'index.html'), `<h1>build ${n}</h1>`);
    }) as BuildFunction,
  };
  return fake;
}

async function startService(options: Partial<RebuildServiceOptions> & { build: BuildFunction }) {
  const sitesDir = tempDir('sites');
  folders.push(sitesDir);
  const log: string[] = [];
  const service = await startRebuildService({
    secret: SECRET,
    sitesDir,
    port: 0,
    statusPort: 0,
    quietMs: 200,
    retryBaseMs: 50,
    maxRetries: 2,
    log: (line) => log.push(line),
    ...options,
  });
  running.push(service);
  return { service, sitesDir, log };
}

function postWebhook(
  service: RebuildService,
  body: unknown,
  options: { secret?: string | null; headers?: Record<string, string> } = {},
) {
  const secret = options.secret === undefined ? SECRET : options.secret;
  return fetch(`${service.url}/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-rebuild-secret': secret }),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function getStatus(service: RebuildService): Promise<ServiceStatus> {
  const response = await fetch(service.statusUrl);
  expect(response.status).toBe(200);
  return response.json();
}

/** Polls `condition` until it holds; the deadline only turns a hang into a clear failure. */
async function eventually<T>(what: string, condition: () => T | Promise<T>, deadlineMs = 120_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const result = await condition();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file of the live site with its SHA-256, and the build the link points at. */
function fingerprint(sitesDir: string) {
  const root = liveLink(sitesDir);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => `${path.relative(root, file)} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`);
  return { target: readlinkSync(root), files };
}

describe('webhook endpoint: only valid calls carrying the shared secret (X-Rebuild-Secret header) reach the queue', () => {
  it('refuses a wrong or missing secret with 401, builds nothing and never logs the body', async () => {
    const fake = fakeBuild();
    const { service, log } = await startService({ build: fake.build });
    const body = { ...ARTICLE_PUBLISHED, entry: { title: 'CONFIDENTIAL-DRAFT-TITLE' } };

    for (const secret of ['wrong-secret', null, `${SECRET}x`]) {
      const response = await postWebhook(service, body, { secret });
      expect(response.status).toBe(401);
      expect((await response.json()).error).toContain('wrong or missing secret');
    }
    const status = await getStatus(service);
    expect(status.counters).toEqual({
      buildsStarted: 0,
      buildsSucceeded: 0,
      buildsFailed: 0,
      webhooksAccepted: 0,
      webhooksRejected: 3,
    });
    expect(status).toMatchObject({ state: 'idle', pendingEvents: 0, nextBuildAt: null });
    expect(fake.count).toBe(0);
    expect(log).toHaveLength(3);
    expect(log.join('\n')).not.toContain('CONFIDENTIAL');
  });

  it('refuses malformed, unexpected and oversize calls with a clear 4xx, and keeps working', async () => {
    const fake = fakeBuild();
    const { service } = await startService({ build: fake.build, maxBodyBytes: 64 * 1024 });
    const cases: [string, Promise<Response>, number, string][] = [
      ['malformed JSON', postWebhook(service, '{"event": "entry.publish", '), 400, 'not valid JSON'],
      [
        'unknown event',
        postWebhook(service, { ...ARTICLE_PUBLISHED, event: 'entry.update' }),
        422,
        'does not change the published site',
      ],
      [
        'unknown model',
        postWebhook(service, { ...ARTICLE_PUBLISHED, model: 'comment', uid: 'api::comment.comment' }),
        422,
        'model "comment" is not part of the site',
      ],
      [
        'oversize body',
        postWebhook(service, JSON.stringify({ ...ARTICLE_PUBLISHED, padding: 'x'.repeat(64 * 1024) })),
        413,
        'larger than 65536 bytes',
      ],
      [
        'oversize streamed body',
        fetch(`${service.url}/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-rebuild-secret': SECRET },
          body: new Blob(['{"padding": "', 'y'.repeat(100 * 1024), '"}']).stream(),
          duplex: 'half',
        } as RequestInit),
        413,
        'larger than',
      ],
      [
        'not JSON',
        postWebhook(service, 'event=entry.publish', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'must be JSON',
      ],
      ['GET', fetch(`${service.url}/webhook`), 405, 'POST only'],
    ];
    for (const [label, request, status, reason] of cases) {
      const response = await request;
      expect(response.status, label).toBe(status);
      expect((await response.json()).error, label).toContain(reason);
    }
    expect((await getStatus(service)).counters).toMatchObject({
      buildsStarted: 0,
      webhooksAccepted: 0,
      webhooksRejected: cases.length,
    });
    expect(fake.count).toBe(0);

    // Still healthy: a valid call is accepted and built.
    const accepted = await postWebhook(service, ARTICLE_PUBLISHED);
    expect(accepted.status).toBe(202);
    await service.whenIdle();
    expect((await getStatus(service)).counters).toMatchObject({
      buildsStarted: 1,
      buildsSucceeded: 1,
      webhooksAccepted: 1,
    });
  });
});

describe('webhook callers: REBUILD_ALLOWED_IPS is checked before the secret', () => {
  it('accepts a listed address (IPv4-mapped IPv6 included) and refuses any other with 403, even with the right secret', async () => {
    const fake = fakeBuild();
    const allowed = await startService({
      build: fake.build,
      allowedIps: parseAllowedIps('10.1.2.3, ::ffff:127.0.0.1'),
    });
    expect((await postWebhook(allowed.service, ARTICLE_PUBLISHED)).status).toBe(202);
    expect((await postWebhook(allowed.service, ARTICLE_PUBLISHED, { secret: 'wrong-secret' })).status).toBe(401);

    const elsewhere = await startService({ build: fake.build, allowedIps: parseAllowedIps('10.1.2.3,::1') });
    for (const secret of [SECRET, 'wrong-secret']) {
      const refused = await postWebhook(elsewhere.service, ARTICLE_PUBLISHED, { secret });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toContain('REBUILD_ALLOWED_IPS');
    }
    expect((await getStatus(elsewhere.service)).counters).toMatchObject({ webhooksAccepted: 0, webhooksRejected: 2 });
    expect(elsewhere.log).toEqual([
      'rebuild: refused a webhook from 127.0.0.1: 403 this address may not send webhooks (REBUILD_ALLOWED_IPS)',
      'rebuild: refused a webhook from 127.0.0.1: 403 this address may not send webhooks (REBUILD_ALLOWED_IPS)',
    ]);
  });
});

describe('/status: only on its own port, optionally behind a token', () => {
  it('is 404 on the public port and answers on the status port', async () => {
    const fake = fakeBuild();
    const { service } = await startService({ build: fake.build });
    expect(new URL(service.statusUrl).port).not.toBe(String(service.port));
    const onPublicPort = await fetch(`${service.url}/status`);
    expect(onPublicPort.status).toBe(404);
    expect(await onPublicPort.text()).not.toContain('counters');
    expect(await getStatus(service)).toMatchObject({ state: 'idle' });
    expect((await fetch(service.statusUrl, { method: 'POST' })).status).toBe(405);
    expect((await fetch(new URL('/webhook', service.statusUrl), { method: 'POST' })).status).toBe(404);
  });

  it('with REBUILD_STATUS_TOKEN, answers only `Authorization: Bearer <token>`', async () => {
    const fake = fakeBuild();
    const token = generateWebhookSecret();
    const { service } = await startService({ build: fake.build, statusToken: token });
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${token}`, `Bearer ${token}x`]) {
      const response = await fetch(service.statusUrl, { headers: authorization ? { authorization } : {} });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(await response.text()).not.toContain('counters');
    }
    const allowed = await fetch(service.statusUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).state).toBe('idle');
  });
});

describe('debounce and coalescing', () => {
  it('turns a burst of 50 webhooks into one build', async () => {
    const fake = fakeBuild();
    // A quiet window far longer than the burst takes, so the count cannot depend on machine speed.
    const { service, sitesDir } = await startService({ build: fake.build, quietMs: 2000 });
    const responses = await Promise.all(Array.from({ length: 50 }, () => postWebhook(service, ARTICLE_PUBLISHED)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(202));
    expect((await getStatus(service)).pendingEvents).toBe(50);

    await service.whenIdle();
    const status = await getStatus(service);
    expect(status.counters).toEqual({
      buildsStarted: 1,
      buildsSucceeded: 1,
      buildsFailed: 0,
      webhooksAccepted: 50,
      webhooksRejected: 0,
    });
    expect(status.lastBuild).toMatchObject({
      result: 'succeeded',
      triggerEvents: 50,
      pages: 6,
      id: status.liveBuildId,
    });
    expect(readFileSync(path.join(liveLink(sitesDir), 'index.html'), 'utf8')).toBe('<h1>build 1</h1>');
  });

  it('answers a burst during a running build with exactly one follow-up build', async () => {
    const fake = fakeBuild();
    const { service, log } = await startService({ build: fake.build });
    fake.hold();
    service.buildNow();
    await eventually('the first build runs', async () => (await getStatus(service)).state === 'building');

    const responses = await Promise.all(Array.from({ length: 50 }, () => postWebhook(service, ARTICLE_PUBLISHED)));
    expect(responses.every((r) => r.status === 202)).toBe(true);
    expect(await getStatus(service)).toMatchObject({ state: 'building', pendingEvents: 50 });
    fake.release();
    await service.whenIdle();

    const status = await getStatus(service);
    expect(status.counters).toMatchObject({ buildsStarted: 2, buildsSucceeded: 2, webhooksAccepted: 50 });
    expect(status.lastBuild!.triggerEvents).toBe(50);
    expect(fake.count).toBe(2);
    expect(log.filter((line) => line.startsWith('rebuild: build '))).toHaveLength(2);
  });
});

describe('failures keep the last good site', () => {
  it('keeps the live site byte for byte, reports the error, retries a bounded number of times, then recovers', async () => {
    const fake = fakeBuild();
    const { service, sitesDir, log } = await startService({ build: fake.build, maxRetries: 2 });
    service.buildNow();
    await service.whenIdle();
    const before = fingerprint(sitesDir);
    const liveBefore = (await getStatus(service)).liveBuildId;

    fake.failure = new Error('Strapi query "articles[sl]" to http://127.0.0.1:1/graphql failed: ECONNREFUSED');
    expect((await postWebhook(service, ARTICLE_PUBLISHED)).status).toBe(202);
    await service.whenIdle();

    const failed = await getStatus(service);
    expect(failed.counters).toMatchObject({ buildsStarted: 4, buildsSucceeded: 1, buildsFailed: 3 });
    expect(failed.lastBuild).toMatchObject({ result: 'failed', reason: 'retry', attempt: 3 });
    expect(failed.lastError!.message).toContain('ECONNREFUSED');
    expect(failed.liveBuildId).toBe(liveBefore);
    expect(failed.builds).toEqual([liveBefore]);
    expect(fingerprint(sitesDir)).toEqual(before);
    expect(readdirSync(partialDir(sitesDir))).toEqual([]);
    expect(log.at(-1)).toMatch(/FAILED .*ECONNREFUSED; the live site stays at .*; gave up after 3 attempts/);

    fake.failure = null;
    await postWebhook(service, ARTICLE_PUBLISHED);
    await service.whenIdle();
    const recovered = await getStatus(service);
    expect(recovered.lastBuild!.result).toBe('succeeded');
    expect(recovered.liveBuildId).not.toBe(liveBefore);
    expect(recovered.builds).toEqual([liveBefore, recovered.liveBuildId]);
  });

  it('runs the deploy command after each switch, and reports a failing one', async () => {
    const fake = fakeBuild();
    const record = path.join(tempDir('deploy'), 'deployed.txt');
    folders.push(path.dirname(record));
    const { service, sitesDir } = await startService({
      build: fake.build,
      maxRetries: 0,
      deploy: deployCommand(`printf '%s %s\\n' "$BUILD_ID" "$BUILD_DIR" >> '${record}'`),
    });
    service.buildNow();
    await service.whenIdle();
    const { liveBuildId } = await getStatus(service);
    expect(readFileSync(record, 'utf8')).toBe(`${liveBuildId} ${path.join(sitesDir, 'builds', liveBuildId!)}\n`);

    const failing = await startService({
      build: fake.build,
      maxRetries: 0,
      deploy: deployCommand('echo "bucket is read-only" >&2; exit 3'),
    });
    failing.service.buildNow();
    await failing.service.whenIdle();
    const status = await getStatus(failing.service);
    expect(status.lastBuild!.result).toBe('failed');
    expect(status.lastError!.message).toMatch(
      /is live here, but deploying it failed: .*exit code 3\nbucket is read-only/,
    );
  });

  it('reports a failed deploy by its exit code and last output lines, never the command or a secret', async () => {
    const fake = fakeBuild();
    const inUrl = `pw-${randomBytes(6).toString('hex')}`;
    const inHeader = `tok-${randomBytes(6).toString('hex')}`;
    const inEnv = `env-${randomBytes(6).toString('hex')}`;
    const command =
      'for i in $(seq 1 25); do echo "uploading part $i"; done; ' +
      `echo "PUT https://deploy:${inUrl}@bucket.example/site/ refused" >&2; ` +
      `echo "> Authorization: Bearer ${inHeader}" >&2; ` +
      'echo "session $DEPLOY_SESSION_TOKEN expired" >&2; ' +
      'echo "bucket is read-only" >&2; exit 7';
    process.env.DEPLOY_SESSION_TOKEN = inEnv;
    try {
      const { service, log } = await startService({ build: fake.build, maxRetries: 0, deploy: deployCommand(command) });
      service.buildNow();
      await service.whenIdle();
      const response = await fetch(service.statusUrl);
      const json = await response.text();
      const { lastError } = JSON.parse(json) as ServiceStatus;
      const [first, ...tail] = lastError!.message.split('\n');
      expect(first).toMatch(/but deploying it failed: DEPLOY_COMMAND failed with exit code 7$/);
      expect(tail).toHaveLength(DEPLOY_OUTPUT_LINES);
      expect(tail.at(-1)).toBe('bucket is read-only');
      expect(tail).toContain('uploading part 25');
      expect(tail).not.toContain('uploading part 5');
      expect(tail).toContain('> Authorization: [redacted]');
      expect(tail).toContain('session [redacted] expired');
      for (const secret of [inUrl, inHeader, inEnv, 'seq 1 25']) {
        expect(json).not.toContain(secret);
        expect(log.join('\n')).not.toContain(secret);
      }
      expect(log.at(-1)).toContain('FAILED');
    } finally {
      delete process.env.DEPLOY_SESSION_TOKEN;
    }
  });
});

describe('atomic switch', () => {
  it('never shows a reader a missing index.html while builds go live', async () => {
    const fake = fakeBuild();
    const { service, sitesDir } = await startService({ build: fake.build });
    service.buildNow();
    await service.whenIdle();

    // A reader on another thread, so it really runs while the switch happens: resolve the
    // symlink, read index.html, again and again. Shared memory: [stop, reads, misses, last build seen].
    const shared = new Int32Array(new SharedArrayBuffer(16));
    const reader = new Worker(
      `const { workerData } = require('node:worker_threads');
       const { realpathSync, readFileSync } = require('node:fs');
       const path = require('node:path');
       const state = workerData.state;
       while (Atomics.load(state, 0) === 0) {
         try {
           const html = readFileSync(path.join(realpathSync(workerData.live), 'index.html'), 'utf8');
           Atomics.add(state, 1, 1);
           Atomics.store(state, 3, Number(/build (\\d+)/.exec(html)[1]));
         } catch {
           Atomics.add(state, 2, 1);
         }
       }`,
      { eval: true, workerData: { live: liveLink(sitesDir), state: shared } },
    );
    try {
      await eventually('the reader reads', () => Atomics.load(shared, 1) > 0);
      for (let i = 0; i < 20; i++) {
        service.buildNow();
        await service.whenIdle();
      }
      await eventually('the reader sees the last build', () => Atomics.load(shared, 3) === fake.count);
    } finally {
      Atomics.store(shared, 0, 1);
      await new Promise((resolve) => reader.once('exit', resolve));
    }
    expect(fake.count).toBe(21);
    expect(Atomics.load(shared, 2)).toBe(0);
    expect(Atomics.load(shared, 1)).toBeGreaterThan(0);
  });
});

describe('publish -> live with a real Strapi and the real Astro build', () => {
  const SITE_URL = 'https://www.koper-otok.test';
  const ARTICLE = 'api::article.article';
  let cms: TestCms;
  let service: RebuildService;
  let sitesDir: string;
  let admin: AdminClient;
  let realBuild: BuildFunction;
  const log: string[] = [];

  beforeAll(async () => {
    sitesDir = tempDir('sites-e2e');
    // The service must listen before Strapi starts, since Strapi registers its URL at start;
    // the build learns Strapi's address once Strapi is up.
    service = await startRebuildService({
      secret: SECRET,
      sitesDir,
      port: 0,
      statusPort: 0,
      quietMs: 300,
      maxRetries: 1,
      retryBaseMs: 200,
      build: (outDir, signal) => realBuild(outDir, signal),
      log: (line) => log.push(line),
    });
    cms = await startTestCms({
      env: { REBUILD_WEBHOOK_URL: `${service.url}/webhook`, REBUILD_WEBHOOK_SECRET: SECRET },
    });
    realBuild = astroBuild({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL });
    service.buildNow();
    await service.whenIdle();
    admin = await loginAdmin(cms.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  });
  afterAll(async () => {
    await service?.stop();
    await cms?.dispose();
    rmSync(sitesDir, { recursive: true, force: true });
  });

  const livePage = (urlPath: string) => path.join(liveLink(sitesDir), urlPath, 'index.html');
  const rebuildWebhooks = async () => {
    const { data } = await admin.request<{
      data: { url: string; events: string[]; headers: Record<string, string> }[];
    }>('GET', '/admin/webhooks');
    return data.filter((webhook) => webhook.url === `${service.url}/webhook`);
  };

  it('has Strapi register one webhook that sends the shared secret (X-Rebuild-Secret) on the events that change the site', async () => {
    expect((await getStatus(service)).lastBuild).toMatchObject({ result: 'succeeded', reason: 'manual' });
    const webhooks = await rebuildWebhooks();
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0].headers).toEqual({ 'X-Rebuild-Secret': SECRET });
    expect(webhooks[0].events.sort()).toEqual([
      'entry.delete',
      'entry.publish',
      'entry.unpublish',
      'media.create',
      'media.delete',
      'media.update',
    ]);
  });

  it('puts an article published in the admin on the live site, and takes it off when unpublished', async () => {
    const before = (await getStatus(service)).counters;
    const title = 'Nova novica iz uredništva';
    const { documentId } = await admin.createAndPublish(ARTICLE, 'sl', {
      title,
      slug: 'nova-novica-iz-urednistva',
      excerpt: 'Novica, objavljena prek administracije, se v nekaj sekundah pokaže na spletni strani.',
      publishedDate: '2026-11-28',
      locale: 'sl',
    });

    await eventually('the new article page is live', () => existsSync(livePage('/novice/nova-novica-iz-urednistva/')));
    const page = await fetch(`${service.url}/novice/nova-novica-iz-urednistva/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(title);
    const published = await getStatus(service);
    expect(published.counters.webhooksAccepted).toBeGreaterThan(before.webhooksAccepted);
    expect(published.counters.webhooksRejected).toBe(0);

    await admin.unpublish(ARTICLE, documentId, 'sl');
    await eventually(
      'the unpublished article page is gone',
      () => !existsSync(livePage('/novice/nova-novica-iz-urednistva/')),
    );
    expect((await fetch(`${service.url}/novice/nova-novica-iz-urednistva/`)).status).toBe(404);
    expect((await getStatus(service)).counters.webhooksRejected).toBe(0);
  });

  it('keeps the live site when Strapi is down, reports why, and recovers with the next publish', async () => {
    await service.whenIdle();
    const before = fingerprint(sitesDir);
    const { liveBuildId, counters } = await getStatus(service);

    await cms.stop();
    expect((await postWebhook(service, ARTICLE_PUBLISHED)).status).toBe(202);
    await service.whenIdle();
    const failed = await getStatus(service);
    expect(failed.counters.buildsFailed).toBe(counters.buildsFailed + 2);
    expect(failed.lastError!.message).toContain(`${cms.url}/graphql`);
    expect(failed.lastError!.message).toMatch(/ECONNREFUSED|fetch failed/);
    expect(failed.liveBuildId).toBe(liveBuildId);
    expect(fingerprint(sitesDir)).toEqual(before);
    expect(log.at(-1)).toContain(`the live site stays at ${liveBuildId}`);

    await cms.restart();
    expect(await rebuildWebhooks()).toHaveLength(1);
    admin = await loginAdmin(cms.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await admin.createAndPublish(ARTICLE, 'sl', {
      title: 'Spet na spletu',
      slug: 'spet-na-spletu',
      excerpt: 'Ko je Strapi spet dosegljiv, naslednja objava strani spet osveži v nekaj sekundah.',
      publishedDate: '2026-11-29',
      locale: 'sl',
    });
    await eventually('the site recovers', () => existsSync(livePage('/novice/spet-na-spletu/')));
    // The page goes live a moment before the build is recorded, and Strapi's second webhook may start another.
    await service.whenIdle();
    const recovered = await getStatus(service);
    expect(recovered.lastBuild!.result).toBe('succeeded');
    expect(recovered.liveBuildId).not.toBe(liveBuildId);
  });

  it('refuses to start Strapi in production with a webhook URL but no secret', async () => {
    const dataDir = tempDir('cms-prod');
    const error = await startTestCms({
      dataDir,
      env: {
        NODE_ENV: 'production',
        SEED_DEMO: 'false',
        ADMIN_EMAIL: 'urednik@koper-otok.test',
        ADMIN_PASSWORD: 'A-strong-Production-Passw0rd!',
        REBUILD_WEBHOOK_URL: `${service.url}/webhook`,
        REBUILD_WEBHOOK_SECRET: '',
      },
    }).catch((e: Error) => e);
    rmSync(dataDir, { recursive: true, force: true });
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      'Refusing to start: REBUILD_WEBHOOK_URL is set but REBUILD_WEBHOOK_SECRET is not set',
    );
  });
});
