/**
 * Two Strapi processes on one PostgreSQL and one media bucket (Ceph's S3 gateway), started at
 * the same moment with the same secrets, behind Debian's HAProxy with the production
 * configuration (deploy/haproxy/koper-otok-cms.cfg). An editor works through the balancer while
 * requests alternate between the instances; an upload through one is served to the other; a
 * publish through either gives exactly one rebuild; one instance killed under GraphQL read load
 * costs no failed request once HAProxy has noticed (and, with the retry policy, none before).
 * The retry policy itself is checked against two small servers that take a request and hang up
 * without answering: reads are sent again, anything that may write is sent once.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_BY_SLUG_QUERY, loadScenario } from '../../bench/lib/autocannon.ts';
import { REBUILD_SECRET_HEADER } from '../../cms/src/bootstrap/webhook-contract.ts';
import { DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { startObjectStorage, type ObjectStorage } from '../../scripts/lib/object-storage.ts';
import { startPostgres, type PostgresCluster } from '../../scripts/lib/postgres.ts';
import { runProcess } from '../../scripts/lib/processes.ts';
import { checkWebhook } from '../../scripts/rebuild/payload.ts';
import { loginAdmin } from '../../scripts/lib/strapi-admin.ts';
import { generateSecrets, startStrapi, type StrapiInstance } from '../../scripts/lib/strapi.ts';
import { adminSession, collection } from '../helpers/admin-api';
import { tempDir } from '../helpers/cms';
import { BALANCER_CONFIG, HAPROXY_BINARY, startBalancer, type Balancer, type ServerName } from '../helpers/haproxy';

const MEDIA_BUCKET = 'media';
const WEBHOOK_SECRET = 'two-instances-test-secret-0123456789abcdef';

/** What the rebuild service would turn into a build: webhook calls its checks accept, per document. */
interface RebuildReceiver {
  url: string;
  triggers: { event: string; documentId: string | null }[];
  close(): Promise<void>;
}

async function startRebuildReceiver(): Promise<RebuildReceiver> {
  const triggers: RebuildReceiver['triggers'] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const authentic = request.headers[REBUILD_SECRET_HEADER.toLowerCase()] === WEBHOOK_SECRET;
      const check = checkWebhook(body, request.headers['x-strapi-event'] as string | undefined);
      if (authentic && check.ok) {
        const entry = (JSON.parse(body) as { entry?: { documentId?: string } }).entry;
        triggers.push({ event: check.trigger.event, documentId: entry?.documentId ?? null });
      }
      response.writeHead(authentic ? 202 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    triggers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let postgres: PostgresCluster;
let storage: ObjectStorage;
let receiver: RebuildReceiver;
let instances: StrapiInstance[] = [];
const dataDirs = [tempDir('cms1'), tempDir('cms2')];
let balancer: Balancer;

beforeAll(async () => {
  [postgres, storage, receiver] = await Promise.all([startPostgres(), startObjectStorage(), startRebuildReceiver()]);
  await storage.createBucket(MEDIA_BUCKET, { publicRead: true });
  const databaseEnv = await postgres.createDatabase('koper_otok_two_instances');
  // What the instances must share: secrets, database, bucket, the rebuild webhook.
  const env = {
    ...generateSecrets(),
    ...storage.env,
    UPLOAD_PROVIDER: 's3',
    S3_BUCKET: MEDIA_BUCKET,
    IS_PROXIED: 'true',
    SEED_DEMO: 'true',
    NODE_ENV: 'development',
    REBUILD_WEBHOOK_URL: receiver.url,
    REBUILD_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  // Both at once on the empty database, as after a deploy to two machines.
  const started = await Promise.allSettled(
    dataDirs.map((dataDir) => startStrapi({ dataDir, databaseEnv, env, startTimeoutMs: 180_000 })),
  );
  instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  balancer = await startBalancer([`127.0.0.1:${instances[0].port}`, `127.0.0.1:${instances[1].port}`]);
}, 240_000);

afterAll(async () => {
  await balancer?.stop();
  await Promise.all(instances.map((instance) => instance.stop()));
  await Promise.all([postgres?.stop(), storage?.stop(), receiver?.close()]);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** An admin API call through the balancer, with the instance that answered it. */
interface Answer<T> {
  status: number;
  body: T;
  servedBy: ServerName;
}

async function editorSession(baseUrl: string) {
  const { token } = await loginAdmin(baseUrl, DEMO_EDITOR.email, DEMO_EDITOR.password);
  return async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<Answer<T>> => {
    const response = await fetch(`${baseUrl}${pathAndQuery}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        // As nginx in front of the balancer says for an HTTPS visitor.
        'x-forwarded-proto': 'https',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      servedBy: response.headers.get('x-served-by') as ServerName,
    };
  };
}

const article = (title: string) => ({
  title,
  excerpt: 'Novica, ki jo urednica piše in objavi skozi izravnalnik obremenitve.',
  publishedDate: '2026-01-15',
});

interface Entry {
  documentId: string;
  title: string;
  slug: string;
  publishedAt: string | null;
}

/** Waits until `count()` reaches `expected`, then a while longer to catch any duplicate. */
async function settledCount(count: () => number, expected: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  while (count() < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return count();
}

describe('two Strapi instances behind HAProxy', () => {
  it('lets an editor log in and create, edit and publish while requests alternate between the instances', async () => {
    const request = await editorSession(balancer.url);
    const answers: Answer<unknown>[] = [];
    const call = async <T>(method: string, pathAndQuery: string, body?: unknown) => {
      const answer = await request<T>(method, pathAndQuery, body);
      answers.push(answer);
      return answer;
    };

    const created = await call<{ data: Entry }>(
      'POST',
      `${collection('article')}?locale=sl`,
      article('Urednica dela skozi izravnalnik'),
    );
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    const edited = await call<{ data: Entry }>('PUT', `${collection('article')}/${documentId}?locale=sl`, {
      ...article('Urednica dela skozi izravnalnik, popravljeno'),
    });
    expect(edited.status).toBe(200);
    // The other instance reads the edit at once: the draft lives in the shared database.
    const reread = await call<{ data: Entry }>('GET', `${collection('article')}/${documentId}?locale=sl`);
    expect(reread.body.data.title).toBe('Urednica dela skozi izravnalnik, popravljeno');
    const published = await call<{ data: Entry }>(
      'POST',
      `${collection('article')}/${documentId}/actions/publish?locale=sl`,
      {},
    );
    expect(published.status).toBe(200);
    expect(published.body.data.publishedAt).toBeTruthy();
    const list = await call<{ results: Entry[] }>('GET', `${collection('article')}?locale=sl&page=1&pageSize=10`);
    expect(list.status).toBe(200);

    const servers = answers.map((answer) => answer.servedBy);
    console.log(`two-instances: the editor's requests were answered by ${servers.join(', ')}`);
    expect(new Set(servers)).toEqual(new Set(['cms1', 'cms2']));
    // Round robin with nobody else on the balancer: every request goes to the other instance.
    for (let i = 1; i < servers.length; i++) expect(servers[i]).not.toBe(servers[i - 1]);
  });

  it('serves an upload made through one instance to the other, from the bucket', async () => {
    const uploader = await adminSession(instances[0].url, DEMO_EDITOR);
    const uploaded = await uploader.upload('mestno-jedro-koper.jpg', { alternativeText: 'Mestno jedro Kopra' });
    expect(uploaded.status).toBe(201);
    const [file] = uploaded.body;

    const reader = await adminSession(instances[1].url, DEMO_EDITOR);
    const entry = await reader.request<{ url: string; name: string }>('GET', `/upload/files/${file.id}`);
    expect(entry.status).toBe(200);
    expect(entry.body.url).toBe(file.url);
    expect(entry.body.url.startsWith(`${storage.endpoint}/${MEDIA_BUCKET}/`)).toBe(true);

    const key = decodeURIComponent(new URL(entry.body.url).pathname.slice(`/${MEDIA_BUCKET}/`.length));
    const head = await storage.client.send(new HeadObjectCommand({ Bucket: MEDIA_BUCKET, Key: key }));
    const served = await fetch(entry.body.url);
    expect(served.status).toBe(200);
    expect(Number(served.headers.get('content-length'))).toBe(head.ContentLength);
  });

  it('gives exactly one rebuild for a publish through either instance', async () => {
    for (const [i, instance] of instances.entries()) {
      const request = await editorSession(instance.url);
      const created = await request<{ data: Entry }>(
        'POST',
        `${collection('article')}?locale=sl`,
        article(`Objava skozi cms${i + 1}`),
      );
      expect(created.status).toBe(201);
      const { documentId } = created.body.data;
      const published = await request<{ data: Entry }>(
        'POST',
        `${collection('article')}/${documentId}/actions/publish?locale=sl`,
        {},
      );
      expect(published.status).toBe(200);
      const forThisEntry = () => receiver.triggers.filter((trigger) => trigger.documentId === documentId);
      const builds = await settledCount(() => forThisEntry().length, 1);
      expect(builds, `rebuilds for a publish through cms${i + 1}`).toBe(1);
      expect(forThisEntry()[0].event).toBe('entry.publish');
    }
  });

  it('loses no GraphQL read once HAProxy has noticed an instance killed under load', async () => {
    const { data } = (await (
      await fetch(`${balancer.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articles(locale: "sl") { slug } }' }),
      })
    ).json()) as { data: { articles: { slug: string }[] } };
    const slugs = data.articles.map((entry) => entry.slug);
    expect(slugs.length).toBeGreaterThan(0);

    const victim = instances[1];
    let noticedAt = 0;
    const failures: number[] = [];
    const load = loadScenario(
      balancer.url,
      {
        name: 'article by slug',
        query: ARTICLE_BY_SLUG_QUERY,
        variables: (n) => ({ locale: 'sl', slug: slugs[n % slugs.length] }),
      },
      10,
      12,
      {
        onResponse: (status) => {
          if (status < 200 || status >= 300) failures.push(Date.now());
        },
        onError: () => failures.push(Date.now()),
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const killedAt = Date.now();
    process.kill(-victim.process.child.pid!, 'SIGKILL');
    // Generous bound: with checks every second and two failures to fall, it takes about two seconds.
    while (!noticedAt && Date.now() - killedAt < 30_000) {
      if ((await balancer.serverStatus()).cms2.startsWith('DOWN')) noticedAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(noticedAt, `HAProxy never marked cms2 down:\n${balancer.output.join('\n')}`).toBeGreaterThan(0);
    const result = await load;

    const { retries, redispatches } = await balancer.retryCounts();
    const afterNoticed = failures.filter((time) => time > noticedAt).length;
    const beforeNoticed = failures.filter((time) => time >= killedAt && time <= noticedAt).length;
    console.log(
      `two-instances: ${result.requests} GraphQL reads at 10 connections for ${result.durationS} s ` +
        `(${result.requestsPerSecond}/s); cms2 killed after 4 s, HAProxy marked it down ${noticedAt - killedAt} ms later; ` +
        `failed requests: ${failures.length} in all, ${beforeNoticed} between the kill and the detection, ${afterNoticed} after; ` +
        `HAProxy retried ${retries} and redispatched ${redispatches}`,
    );
    expect(result.requests).toBeGreaterThan(0);
    expect(afterNoticed).toBe(0);
    // The requests cms2 could not answer were sent again to cms1, not lost.
    expect(retries + redispatches).toBeGreaterThan(0);
  });
});

/** A stand-in for Strapi: healthy on /_health, and hangs up on every other request after reading it. */
async function startHangingUpServer(attempts: string[]): Promise<{ address: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url === '/_health') return void response.writeHead(204).end();
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      attempts.push(`${request.method} ${request.url} ${body}`);
      request.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("the balancer's retry policy (deploy/haproxy/koper-otok-cms.cfg)", () => {
  const attempts: string[] = [];
  let servers: Awaited<ReturnType<typeof startHangingUpServer>>[] = [];
  let hangingUp: Balancer;
  beforeAll(async () => {
    servers = await Promise.all([startHangingUpServer(attempts), startHangingUpServer(attempts)]);
    hangingUp = await startBalancer([servers[0].address, servers[1].address]);
  });
  afterAll(async () => {
    await hangingUp?.stop();
    await Promise.all(servers.map((server) => server.close()));
  });

  /**
   * How many times the balancer sent one request to an instance that took it and hung up. Each
   * request opens a connection of its own: on a reused one HAProxy would close the connection
   * instead of answering 502, as a keep-alive server does, so that the client may retry.
   */
  async function attemptsFor(method: string, urlPath: string, body = ''): Promise<number> {
    attempts.length = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const sent = httpRequest(`${hangingUp.url}${urlPath}`, { method, agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      sent.on('error', reject);
      sent.end(body);
    });
    expect(status).toBe(502);
    return attempts.length;
  }

  it("is valid after Debian's own haproxy.cfg, as production loads it", async () => {
    await runProcess(HAPROXY_BINARY, ['-c', '-q', '-f', '/etc/haproxy/haproxy.cfg', '-f', BALANCER_CONFIG], {
      cwd: tmpdir(),
      label: false,
      env: { CMS_BALANCER_BIND: '127.0.0.1:1340', CMS_1: '10.0.0.11:1337', CMS_2: '10.0.0.12:1337' },
    });
  });

  it('sends a GraphQL read or a GET again, to the other instance', async () => {
    const read = JSON.stringify({ query: '{ articles(locale: "sl") { slug } }' });
    expect(await attemptsFor('POST', '/graphql', read)).toBe(4);
    expect(await attemptsFor('GET', '/uploads/slika.jpg')).toBe(4);
  });

  it('sends a mutation, an escaped body, a login or an upload only once', async () => {
    const mutation = JSON.stringify({ query: 'mutation { deleteArticle(documentId: "x") { documentId } }' });
    expect(await attemptsFor('POST', '/graphql', mutation)).toBe(1);
    expect(await attemptsFor('POST', '/graphql', '{"query":"\\u006dutation { deleteArticle }"}')).toBe(1);
    expect(await attemptsFor('POST', '/admin/login', JSON.stringify({ email: 'a@b.si', password: 'x' }))).toBe(1);
    expect(await attemptsFor('PUT', `${collection('article')}/x?locale=sl`, '{}')).toBe(1);
  });
});
