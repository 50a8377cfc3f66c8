/**
 * Scheduled publishing (cms/src/scheduling/) on a real Strapi, over the admin API the panel and
 * the list page call. The ticker runs every fraction of a second (SCHEDULER_TICK_SECONDS) and
 * actions are due a few seconds ahead: real clocks, nothing faked.
 *
 * SQLite: the demo Editor schedules a publish and an unpublish of one language each; they run
 * once, at their time, leave the other language alone, and the real rebuild service (with the
 * real Astro build) puts the change on the live site. A publish that breaks an editorial rule is
 * marked failed with the rule's message and changes nothing; a cancelled one never runs.
 * PostgreSQL: two instances on one database, each ticking, run every due action exactly once.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { liveLink } from '../../scripts/lib/live-site.ts';
import { postgresQuery, startPostgres, type PostgresCluster } from '../../scripts/lib/postgres.ts';
import { generateSecrets, startStrapi, type StrapiInstance } from '../../scripts/lib/strapi.ts';
import { astroBuild } from '../../scripts/rebuild/astro-build.ts';
import type { BuildFunction } from '../../scripts/rebuild/publish.ts';
import { generateWebhookSecret } from '../../scripts/rebuild/secret.ts';
import { startRebuildService, type RebuildService } from '../../scripts/rebuild/service.ts';
import { ROUTE_MESSAGES } from '../../cms/src/scheduling/admin-routes';
import { OUTCOME_MESSAGES } from '../../cms/src/scheduling/run-action';
import { MESSAGES } from '../../cms/src/scheduling/schedule-request';
import { adminSession, collection, type AdminSession } from '../helpers/admin-api';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { webhookRecorder, type WebhookRecorder } from '../helpers/webhook-recorder';

const TICK_SECONDS = 0.3;
const ARTICLE = 'api::article.article';
const WORKSHOP = 'api::workshop.workshop';
const SECRET = generateWebhookSecret();

interface Action {
  id: number;
  contentType: string;
  documentId: string;
  locale: string;
  action: 'publish' | 'unpublish';
  runAt: string;
  status: string;
  message: string | null;
  startedAt: string | null;
  title: string | null;
}

interface Entry {
  documentId: string;
  slug: string;
  status: 'draft' | 'published' | 'modified';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; the deadline only turns a hang into a clear failure. */
type Falsy = false | null | undefined;
async function eventually<T>(
  what: string,
  condition: () => T | Falsy | Promise<T | Falsy>,
  deadlineMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const result = await condition();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await sleep(100);
  }
}

const schedule = (session: AdminSession, body: Record<string, unknown>) =>
  session.request<{ data: Action; error?: { message: string } }>('POST', '/scheduling/actions', body);

async function listActions(session: AdminSession, query = ''): Promise<Action[]> {
  const { status, body } = await session.request<{ data: Action[] }>('GET', `/scheduling/actions${query}`);
  expect(status).toBe(200);
  return body.data;
}

/** Waits until every action of `ids` has left pending and running, and returns them. */
async function finished(session: AdminSession, ids: number[]): Promise<Action[]> {
  let mine: Action[] = [];
  await eventually(`scheduled actions ${ids.join(', ')} finished`, async () => {
    mine = (await listActions(session)).filter((action) => ids.includes(action.id));
    return mine.length === ids.length && mine.every((action) => !['pending', 'running'].includes(action.status));
  });
  return mine;
}

/** Started at or after its time, and within one tick (plus slack for a loaded machine). */
function expectOnTime(action: Action) {
  const late = Date.parse(action.startedAt!) - Date.parse(action.runAt);
  expect(late, `${action.action} ${action.documentId} started ${late} ms after its time`).toBeGreaterThanOrEqual(0);
  expect(late).toBeLessThan(TICK_SECONDS * 1000 + 5_000);
}

async function entries(session: AdminSession, type: string, locale: string): Promise<Entry[]> {
  const { body } = await session.request<{ results: Entry[] }>(
    'GET',
    `${collection(type)}?locale=${locale}&pageSize=100`,
  );
  return body.results;
}
const articles = (session: AdminSession, locale: string) => entries(session, 'article', locale);

const inAFewSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('scheduled publishing on SQLite, through the rebuild service to the live site', () => {
  const SITE_URL = 'https://www.koper-otok.test';
  let cms: TestCms;
  let service: RebuildService;
  let recorder: WebhookRecorder;
  let editor: AdminSession;
  let sitesDir: string;
  let realBuild: BuildFunction;

  beforeAll(async () => {
    sitesDir = tempDir('sites-scheduled');
    service = await startRebuildService({
      secret: SECRET,
      sitesDir,
      port: 0,
      statusPort: 0,
      quietMs: 300,
      maxRetries: 1,
      retryBaseMs: 200,
      build: (outDir, signal) => realBuild(outDir, signal),
      log: () => {},
    });
    recorder = await webhookRecorder();
    cms = await startTestCms({
      env: {
        REBUILD_WEBHOOK_URL: `${service.url}/webhook`,
        REBUILD_WEBHOOK_SECRET: SECRET,
        SCHEDULER_TICK_SECONDS: String(TICK_SECONDS),
      },
    });
    realBuild = astroBuild({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL });
    // A second webhook, to count each event the scheduled actions cause.
    const admin = await adminSession(cms.url, DEMO_ADMIN);
    const hook = await admin.request('POST', '/admin/webhooks', {
      name: 'Scheduled publishing test recorder',
      url: recorder.url,
      headers: {},
      events: ['entry.publish', 'entry.unpublish'],
    });
    expect(hook.status).toBe(201);
    editor = await adminSession(cms.url, DEMO_EDITOR);
  });

  afterAll(async () => {
    await service?.stop();
    await cms?.dispose();
    await recorder?.close();
    if (sitesDir) rmSync(sitesDir, { recursive: true, force: true });
  });

  const livePage = (urlPath: string) => existsSync(path.join(liveLink(sitesDir), urlPath, 'index.html'));
  const publicArticle = async (documentId: string, locale: string) => {
    const { body } = await cms.rest<{ data: unknown[] }>(
      'GET',
      `/api/articles?locale=${locale}&filters[documentId][$eq]=${documentId}`,
    );
    return body.data.length;
  };

  it('publishes and unpublishes one language at its time, once, and the live site follows', async () => {
    const [sl, en] = [await articles(editor, 'sl'), await articles(editor, 'en')];
    const draft = sl.find((entry) => entry.status === 'draft')!;
    const published = sl.find((entry) => entry.status === 'published')!;
    const publishedEn = en.find((entry) => entry.documentId === published.documentId)!;
    const draftEn = en.find((entry) => entry.documentId === draft.documentId)!;
    expect([draftEn.status, publishedEn.status]).toEqual(['draft', 'published']);
    expect([await publicArticle(draft.documentId, 'sl'), await publicArticle(published.documentId, 'sl')]).toEqual([
      0, 1,
    ]);

    const runAt = inAFewSeconds(3);
    const created = [
      await schedule(editor, {
        contentType: ARTICLE,
        documentId: draft.documentId,
        locale: 'sl',
        action: 'publish',
        runAt,
      }),
      await schedule(editor, {
        contentType: ARTICLE,
        documentId: published.documentId,
        locale: 'sl',
        action: 'unpublish',
        runAt,
      }),
    ];
    expect(created.map((response) => [response.status, response.body.data.status])).toEqual([
      [201, 'pending'],
      [201, 'pending'],
    ]);
    // The panel's list for one entry and language shows the pending action.
    const forDraft = await listActions(editor, `?contentType=${ARTICLE}&documentId=${draft.documentId}&locale=sl`);
    expect(forDraft.map((action) => [action.action, action.status])).toEqual([['publish', 'pending']]);

    const done = await finished(
      editor,
      created.map((response) => response.body.data.id),
    );
    expect(done.map((action) => [action.action, action.status, action.message])).toEqual([
      ['unpublish', 'done', null],
      ['publish', 'done', null],
    ]);
    done.forEach(expectOnTime);

    // This language changed, the other did not.
    expect(await publicArticle(draft.documentId, 'sl')).toBe(1);
    expect(await publicArticle(draft.documentId, 'en')).toBe(0);
    expect(await publicArticle(published.documentId, 'sl')).toBe(0);
    expect(await publicArticle(published.documentId, 'en')).toBe(1);

    // The rebuild service built the site from the webhooks those actions caused.
    await eventually(
      'the live site shows the scheduled changes',
      () => livePage(`/novice/${draft.slug}/`) && !livePage(`/novice/${published.slug}/`),
    );
    expect(livePage(`/en/news/${publishedEn.slug}/`)).toBe(true);
    expect(livePage(`/en/news/${draftEn.slug}/`)).toBe(false);
    expect(service.status().counters.webhooksRejected).toBe(0);

    // Once each, and not again on later ticks.
    await sleep(TICK_SECONDS * 1000 * 5);
    expect(recorder.count('entry.publish', draft.documentId, 'sl')).toBe(1);
    expect(recorder.count('entry.unpublish', published.documentId, 'sl')).toBe(1);
    expect(recorder.count('entry.publish', draft.documentId, 'en')).toBe(0);
    expect(recorder.count('entry.unpublish', published.documentId, 'en')).toBe(0);
  });

  it('marks a publish that breaks an editorial rule failed, with the rule, and changes nothing', async () => {
    // A dated workshop without a region may be saved but not published.
    const saved = await editor.request<{ data: { documentId: string } }>(
      'POST',
      `${collection('workshop')}?locale=sl`,
      {
        title: 'Delavnica brez regije',
        startsAt: '2027-03-10T09:00:00.000Z',
        eventStatus: 'planned',
      },
    );
    expect(saved.status).toBe(201);
    const { documentId } = saved.body.data;
    const draftBefore = await editor.request<{ data: { updatedAt: string } }>(
      'GET',
      `${collection('workshop')}/${documentId}?locale=sl`,
    );

    const created = await schedule(editor, {
      contentType: WORKSHOP,
      documentId,
      locale: 'sl',
      action: 'publish',
      runAt: inAFewSeconds(2),
    });
    expect(created.status).toBe(201);
    const [failed] = await finished(editor, [created.body.data.id]);
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('a workshop with a date needs a region before it is published');
    expect(failed.title).toBe('Delavnica brez regije');
    // The list page shows it among everything scheduled.
    expect((await listActions(editor)).find((action) => action.id === failed.id)).toMatchObject({
      status: 'failed',
      message: failed.message,
    });

    const { body: workshops } = await cms.rest<{ data: unknown[] }>(
      'GET',
      `/api/workshops?locale=sl&filters[documentId][$eq]=${documentId}`,
    );
    expect(workshops.data).toEqual([]);
    const draftAfter = await editor.request<{ data: { updatedAt: string }; meta: { availableStatus: unknown[] } }>(
      'GET',
      `${collection('workshop')}/${documentId}?locale=sl`,
    );
    expect(draftAfter.body.data.updatedAt).toBe(draftBefore.body.data.updatedAt);
    expect(draftAfter.body.meta.availableStatus).toEqual([]);
    expect(recorder.count('entry.publish', documentId, 'sl')).toBe(0);
  });

  it('never runs a cancelled action, and refuses bad input and visitors with clear errors', async () => {
    const draft = (await articles(editor, 'en')).find((entry) => entry.status === 'draft')!;
    const runAt = inAFewSeconds(2);
    const created = await schedule(editor, {
      contentType: ARTICLE,
      documentId: draft.documentId,
      locale: 'en',
      action: 'publish',
      runAt,
    });
    const { id } = created.body.data;
    const cancelled = await editor.request<{ data: Action }>('POST', `/scheduling/actions/${id}/cancel`);
    expect([cancelled.status, cancelled.body.data.status]).toEqual([200, 'cancelled']);
    await sleep(Date.parse(runAt) - Date.now() + TICK_SECONDS * 1000 * 5);
    expect((await listActions(editor)).find((action) => action.id === id)?.status).toBe('cancelled');
    expect(await publicArticle(draft.documentId, 'en')).toBe(0);
    expect(recorder.count('entry.publish', draft.documentId, 'en')).toBe(0);

    const again = await editor.request<{ error: { message: string } }>('POST', `/scheduling/actions/${id}/cancel`);
    expect([again.status, again.body.error.message]).toEqual([400, ROUTE_MESSAGES.notPending]);

    const bad = await schedule(editor, {
      contentType: 'api::comment.comment',
      documentId: draft.documentId,
      locale: 'de',
      action: 'delete',
      runAt: inAFewSeconds(-60),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message.split('\n')).toEqual([
      MESSAGES.contentType,
      MESSAGES.locale,
      MESSAGES.action,
      MESSAGES.runAtPast,
    ]);
    const missing = await schedule(editor, {
      contentType: ARTICLE,
      documentId: 'nosuchdocument00000000000',
      locale: 'sl',
      action: 'publish',
      runAt: inAFewSeconds(60),
    });
    expect([missing.status, missing.body.error!.message]).toEqual([400, ROUTE_MESSAGES.noEntry]);

    for (const [method, route] of [
      ['GET', '/scheduling/actions'],
      ['POST', '/scheduling/actions'],
      ['POST', `/scheduling/actions/${id}/cancel`],
    ])
      expect((await cms.rest(method, route, method === 'POST' ? {} : undefined)).status, route).toBe(401);
  });
});

describe('scheduled publishing with two Strapi instances on one PostgreSQL database', () => {
  let postgres: PostgresCluster;
  let databaseUrl: string;
  let recorder: WebhookRecorder;
  let instances: StrapiInstance[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    [postgres, recorder] = await Promise.all([startPostgres(), webhookRecorder()]);
    const databaseEnv = await postgres.createDatabase('koper_otok_scheduling');
    databaseUrl = databaseEnv.DATABASE_URL!;
    // The rebuild webhook goes to the recorder: each publish and unpublish is counted there.
    const env = {
      ...generateSecrets(),
      SEED_DEMO: 'true',
      NODE_ENV: 'development',
      REBUILD_WEBHOOK_URL: recorder.url,
      REBUILD_WEBHOOK_SECRET: SECRET,
      SCHEDULER_TICK_SECONDS: String(TICK_SECONDS),
    };
    dataDirs.push(tempDir('scheduling-a'), tempDir('scheduling-b'));
    const started = await Promise.allSettled(
      dataDirs.map((dataDir) => startStrapi({ dataDir, databaseEnv, env, startTimeoutMs: 150_000 })),
    );
    instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }, 240_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await recorder?.close();
    await postgres?.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('runs each due action exactly once, whichever instance takes it', async () => {
    const sessions = await Promise.all(instances.map((instance) => adminSession(instance.url, DEMO_EDITOR)));
    // Every article and region changes state in both languages, all at the same moment: a burst
    // that takes both instances several ticks, so both take some of it.
    const plan = [];
    for (const [type, contentType] of [
      ['article', ARTICLE],
      ['region', 'api::region.region'],
    ])
      for (const locale of ['sl', 'en'])
        for (const entry of await entries(sessions[0], type, locale))
          plan.push({
            contentType,
            documentId: entry.documentId,
            locale,
            action: entry.status === 'draft' ? 'publish' : 'unpublish',
          });
    expect(plan.length).toBeGreaterThanOrEqual(30);
    const runAt = inAFewSeconds(10);
    // Scheduled through both instances, alternately.
    const ids: number[] = [];
    for (const [index, action] of plan.entries()) {
      const created = await schedule(sessions[index % 2], { ...action, runAt });
      expect(created.status).toBe(201);
      ids.push(created.body.data.id);
    }

    // Waiting on the database itself: polling an instance would crowd its log, read below.
    await eventually('every action finished', async () => {
      const [{ n }] = await postgresQuery<{ n: string }>(
        databaseUrl,
        "SELECT count(*) AS n FROM scheduled_actions WHERE status IN ('pending', 'running')",
      );
      return Number(n) === 0;
    });
    const done = (await listActions(sessions[1])).filter((action) => ids.includes(action.id));
    expect(done).toHaveLength(ids.length);
    expect(done.filter((action) => action.status !== 'done')).toEqual([]);
    done.forEach(expectOnTime);
    // Later ticks of either instance must not run anything again.
    await sleep(TICK_SECONDS * 1000 * 5);
    const deliveries = plan.map(({ documentId, locale, action }) =>
      recorder.count(`entry.${action}`, documentId, locale),
    );
    expect(deliveries).toEqual(plan.map(() => 1));
    expect(
      recorder.calls.filter((call) => call.event === 'entry.publish' || call.event === 'entry.unpublish'),
    ).toHaveLength(plan.length);
    const rows = await postgresQuery<{ status: string; n: string }>(
      databaseUrl,
      'SELECT status, count(*) AS n FROM scheduled_actions GROUP BY status',
    );
    expect(rows.map((row) => [row.status, Number(row.n)])).toEqual([['done', plan.length]]);
    // Which instance ran how many (the split varies from run to run).
    const ranBy = instances.map(
      (instance) =>
        instance.process.output.filter((line) => line.includes('Scheduled ') && line.includes(' done')).length,
    );
    console.log(`Scheduled actions run by instance A and B: ${ranBy.join(' and ')} of ${plan.length}`);
    expect(ranBy.reduce((sum, n) => sum + n, 0)).toBe(plan.length);
    expect(Math.min(...ranBy), 'both instances took part').toBeGreaterThan(0);
  });

  it('fails an action left running by an instance that stopped, instead of running it again', async () => {
    const [article] = await articles(await adminSession(instances[0].url, DEMO_EDITOR), 'sl');
    const deliveriesBefore = recorder.calls.length;
    // As an instance leaves it when it dies between taking an action and finishing it.
    const [{ id }] = await postgresQuery<{ id: number }>(
      databaseUrl,
      `INSERT INTO scheduled_actions (content_type, document_id, locale, action, run_at, status, started_at, created_at)
       VALUES ('${ARTICLE}', '${article.documentId}', 'sl', 'publish', '2020-01-01', 'running', '2020-01-01', '2020-01-01')
       RETURNING id`,
    );
    const row = await eventually('the interrupted action is marked failed', async () => {
      const [found] = await postgresQuery<{ status: string; message: string }>(
        databaseUrl,
        `SELECT status, message FROM scheduled_actions WHERE id = ${Number(id)}`,
      );
      return found.status === 'failed' && found;
    });
    expect(row.message).toBe(OUTCOME_MESSAGES.interrupted);
    expect(recorder.calls.length).toBe(deliveriesBefore);
  });
});
