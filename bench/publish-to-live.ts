/**
 * `npm run bench:publish`: how long from "Publish" in the admin to the page being served?
 *
 * A real Strapi (temporary SQLite, seeded demo) gets 1,000 generated articles in sl and en
 * (bench/lib/generate-content.ts), then the rebuild service starts with its default settings
 * and the real Astro build. Five times, an article is created and published through the admin
 * API and the clock runs until the rebuild service serves its page. The phases come from the
 * service's /status. Figures go to the console and to bench/results/publish-to-live.json,
 * replacing the previous run's.
 *
 * Options (environment): BENCH_ARTICLES (default 1000), BENCH_RUNS (5), REBUILD_QUIET_MS
 * (the service default otherwise).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/lib/net.ts';
import { DEMO_ADMIN } from '../scripts/lib/demo-logins.ts';
import { repoRoot } from '../scripts/lib/paths.ts';
import { generateSecrets, startStrapi, type StrapiInstance } from '../scripts/lib/strapi.ts';
import { loginAdmin, type AdminClient } from '../scripts/lib/strapi-admin.ts';
import { astroBuild } from '../scripts/rebuild/astro-build.ts';
import { REBUILD_DEFAULTS } from '../scripts/rebuild/config.ts';
import { generateWebhookSecret } from '../scripts/rebuild/secret.ts';
import { startRebuildService, type RebuildService } from '../scripts/rebuild/service.ts';
import { generateArticles, loadArticles } from './lib/generate-content.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const QUIET_MS = Number(process.env.REBUILD_QUIET_MS ?? REBUILD_DEFAULTS.quietMs);

interface Run {
  run: number;
  /** Publish click to page served: the figure that matters. */
  totalMs: number;
  /** The admin API call (create + publish). */
  publishCallMs: number;
  /** Publish answered -> build started: Strapi's webhook plus the quiet window. */
  webhookAndQuietMs: number;
  /** The Astro build, the atomic switch and pruning old builds. */
  buildMs: number;
  /** Build finished -> the page answered 200 (the polling interval is 25 ms). */
  servedAfterMs: number;
  pages: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
};

function progress(label: string) {
  const started = Date.now();
  let lastLine = 0;
  return (done: number, total: number) => {
    const line = `${label}: ${done}/${total} (${((Date.now() - started) / 1000).toFixed(0)} s)`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total || Date.now() - lastLine > 5000) {
      lastLine = Date.now();
      console.log(line);
    }
  };
}

async function waitUntilServed(url: string): Promise<number> {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status === 200) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} was not served within 10 minutes`);
}

async function measureOnePublish(run: number, admin: AdminClient, service: RebuildService): Promise<Run> {
  const slug = `merjenje-objave-${run}-${Date.now()}`;
  const clicked = Date.now();
  await admin.createAndPublish('api::article.article', 'sl', {
    title: `Merjenje objave ${run}`,
    slug,
    excerpt: 'Merjenje časa od klika na Objavi do strani, ki jo vidijo obiskovalci spletnega mesta.',
    publishedDate: '2026-11-28',
    locale: 'sl',
  });
  const answered = Date.now();
  const served = await waitUntilServed(`${service.url}/novice/${slug}/`);
  const build = service.status().lastSuccessfulBuild!;
  const buildStarted = Date.parse(build.startedAt);
  const buildFinished = Date.parse(build.finishedAt!);
  return {
    run,
    totalMs: served - clicked,
    publishCallMs: answered - clicked,
    webhookAndQuietMs: buildStarted - answered,
    buildMs: buildFinished - buildStarted,
    servedAfterMs: served - buildFinished,
    pages: build.pages!,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdirTemp('bench-cms');
  const sitesDir = mkdirTemp('bench-sites');
  const secret = generateWebhookSecret();
  const servicePort = await freePort();
  let strapi: StrapiInstance | undefined;
  let service: RebuildService | undefined;
  try {
    console.log('bench: starting Strapi with the seeded demo…');
    strapi = await startStrapi({
      dataDir,
      env: {
        ...generateSecrets(),
        SEED_DEMO: 'true',
        NODE_ENV: 'development',
        REBUILD_WEBHOOK_URL: `http://127.0.0.1:${servicePort}/webhook`,
        REBUILD_WEBHOOK_SECRET: secret,
      },
    });
    // The service is not listening yet, so the load's webhooks go nowhere (Strapi shrugs).
    // One login for everything: Strapi rate-limits /admin/login.
    const loadStarted = Date.now();
    const admin = await loginAdmin(strapi.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await loadArticles(admin, generateArticles(ARTICLES), {
      concurrency: 4,
      onProgress: progress(`bench: loading ${ARTICLES} articles in sl+en`),
    });
    const loadMs = Date.now() - loadStarted;

    service = await startRebuildService({
      secret,
      sitesDir,
      port: servicePort,
      statusPort: 0,
      quietMs: QUIET_MS,
      build: astroBuild({
        strapiUrl: strapi.url,
        tokenFile: strapi.tokenFile,
        siteUrl: `http://127.0.0.1:${servicePort}`,
      }),
    });
    console.log('bench: first full build…');
    service.buildNow();
    await service.whenIdle();
    // The last build before the runs: a full build of everything (webhooks still queued in
    // Strapi from the load may add a follow-up build to the first one).
    const warm = service.status().lastSuccessfulBuild;
    if (!warm) throw new Error(`the first build failed: ${service.status().lastError?.message}`);

    const runs: Run[] = [];
    for (let run = 1; run <= RUNS; run++) {
      await service.whenIdle();
      const result = await measureOnePublish(run, admin, service);
      runs.push(result);
      console.log(
        `bench: run ${run}/${RUNS}: ${(result.totalMs / 1000).toFixed(2)} s publish -> served (build ${(result.buildMs / 1000).toFixed(2)} s)`,
      );
    }
    const { counters, lastError } = service.status();
    report({
      loadMs,
      buildBeforeRuns: { durationMs: warm.durationMs!, pages: warm.pages! },
      runs,
      failedBuilds: counters.buildsFailed,
      lastError: lastError?.message ?? null,
    });
  } finally {
    await service?.stop();
    await strapi?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(sitesDir, { recursive: true, force: true });
  }
}

const mkdirTemp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `koper-otok-${prefix}-`));

interface Figures {
  loadMs: number;
  buildBeforeRuns: { durationMs: number; pages: number };
  runs: Run[];
  /** Builds that failed and were retried; reported, since they would distort the figures. */
  failedBuilds: number;
  lastError: string | null;
}

function report(figures: Figures): void {
  const keys = ['totalMs', 'publishCallMs', 'webhookAndQuietMs', 'buildMs', 'servedAfterMs'] as const;
  const medians = Object.fromEntries(keys.map((key) => [key, median(figures.runs.map((run) => run[key]))])) as Record<
    (typeof keys)[number],
    number
  >;
  const result = {
    benchmark: 'publish-to-live',
    date: new Date().toISOString(),
    // The load average tells whether other work shared the machine (and the figures) at the time.
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    },
    setup: {
      generatedArticles: ARTICLES,
      locales: ['sl', 'en'],
      quietMs: QUIET_MS,
      pagesPerBuild: figures.runs.at(-1)?.pages,
      loadMs: figures.loadMs,
      buildBeforeRuns: figures.buildBeforeRuns,
    },
    medianMs: medians,
    runs: figures.runs,
    failedBuilds: figures.failedBuilds,
    lastError: figures.lastError,
  };
  const file = path.join(repoRoot, 'bench', 'results', 'publish-to-live.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`
publish -> live, median of ${figures.runs.length} (${ARTICLES} generated articles + demo, ${result.setup.pagesPerBuild} pages per build):
  total, publish click to page served   ${s(medians.totalMs)}
    admin publish call                  ${s(medians.publishCallMs)}
    webhook + quiet window              ${s(medians.webhookAndQuietMs)}   (quiet window ${s(QUIET_MS)})
    Astro build + atomic switch         ${s(medians.buildMs)}
    until served                        ${s(medians.servedAfterMs)}
  full build before the runs: ${s(figures.buildBeforeRuns.durationMs)} for ${figures.buildBeforeRuns.pages} pages; loading the articles took ${s(figures.loadMs)}
  written to ${path.relative(repoRoot, file)}
`);
  if (figures.failedBuilds > 0)
    console.log(
      `bench: ${figures.failedBuilds} build(s) failed and were retried; the last error:\n${figures.lastError}`,
    );
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
