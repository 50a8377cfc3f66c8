/**
 * `npm run bench:publish`: from "Publish" in the admin to the change served, and to the search
 * index updated, with partial rebuilds.
 *
 * For each size, a copy of the cached benchmark database (bench/lib/bench-database.ts: n
 * generated articles × sl and en, data/bench/) runs in a real Strapi that calls the rebuild
 * service's webhook itself (REBUILD_WEBHOOK_URL). The service runs in this process with the
 * warm site (scripts/rebuild/warm-site.ts) and its defaults; its first build is a full one and
 * is measured too. Then each change of bench/lib/publish-scenarios.ts is made `--runs` times
 * through the admin API and timed until the site serves it and the live search index has it
 * (bench/lib/publish-measure.ts).
 *
 *   npm run bench:publish                               1,000 and 10,000 articles, 5 runs each
 *   npm run bench:publish -- --sizes=1000 --runs=3
 *   npm run bench:publish -- --quick                    100 articles, 1 run each (a smoke check)
 *
 * Options: --search-timeout=<s> (default 300: how long to wait for search per run; when the live
 * index did not change at all in the first run of a size, later runs do not wait), --out-dir,
 * --summarise=<results.json> (only writes its Markdown tables again).
 * Writes <out-dir>/publish-to-live.json and .md (publish-to-live-quick.* with --quick),
 * replacing the previous run's.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ADMIN } from '../scripts/lib/demo-logins.ts';
import { liveLink } from '../scripts/lib/live-site.ts';
import { freePort } from '../scripts/lib/net.ts';
import { repoRoot } from '../scripts/lib/paths.ts';
import { startStrapi, type StrapiInstance } from '../scripts/lib/strapi.ts';
import { loginAdmin } from '../scripts/lib/strapi-admin.ts';
import { REBUILD_DEFAULTS } from '../scripts/rebuild/config.ts';
import { generateWebhookSecret } from '../scripts/rebuild/secret.ts';
import { startRebuildService, type RebuildService } from '../scripts/rebuild/service.ts';
import type { BuildRecord } from '../scripts/rebuild/status.ts';
import { createWarmSite } from '../scripts/rebuild/warm-site.ts';
import { ensureBenchDatabase } from './lib/bench-database.ts';
import { stopOnInterrupt } from './lib/cleanup.ts';
import { sampleTree } from './lib/measure.ts';
import { measureChange, rendererPid, type RunFigures } from './lib/publish-measure.ts';
import {
  loadAverage,
  machine,
  renderPublish,
  writePublishResults,
  type PublishResult,
  type SizeResult,
} from './lib/publish-report.ts';
import { createScenarios, SCENARIO_LABELS, SCENARIOS, widelyNamedPartner } from './lib/publish-scenarios.ts';
import { createSearchProbe } from './lib/search-probe.ts';

const SITE_URL = 'https://www.koper-otok.example';

interface Options {
  sizes: number[];
  runs: number;
  searchTimeoutMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Keeps every settled build of the service, read from its status when it logs the build's line. */
function buildRecorder() {
  const builds: BuildRecord[] = [];
  let service: RebuildService | undefined;
  return {
    builds,
    attach: (started: RebuildService) => (service = started),
    log(line: string) {
      const last = service?.status().lastBuild;
      if (line.startsWith('rebuild: ') && last?.finishedAt && builds.at(-1)?.startedAt !== last.startedAt)
        builds.push(structuredClone(last));
      if (line.startsWith('rebuild: build') || line.includes('refused')) console.log(`  ${line}`);
    },
  };
}

async function startStrapiCopy(articles: number, workDir: string, webhookUrl: string, webhookSecret: string) {
  const db = await ensureBenchDatabase(articles);
  const dataDir = path.join(workDir, 'cms');
  // A copy, so the changes of the runs never reach the cached database.
  cpSync(db.dataDir, dataDir, { recursive: true });
  console.log(`bench: ${articles} articles: starting Strapi on a copy of ${path.basename(db.dataDir)}…`);
  const strapi = await startStrapi({
    dataDir,
    env: {
      ...db.secrets,
      SEED_DEMO: 'true',
      NODE_ENV: 'development',
      REBUILD_WEBHOOK_URL: webhookUrl,
      REBUILD_WEBHOOK_SECRET: webhookSecret,
    },
    startTimeoutMs: 300_000,
  });
  return { strapi, database: { cached: db.cached, loadMs: db.load.loadMs } };
}

async function measureSize(articles: number, options: Options): Promise<SizeResult> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'koper-otok-bench-publish-'));
  const sitesDir = path.join(workDir, 'sites');
  const secret = generateWebhookSecret();
  const port = await freePort();
  let strapi: StrapiInstance | undefined;
  let service: RebuildService | undefined;
  const cleanUp = async () => {
    await service?.stop();
    await strapi?.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  const unregister = stopOnInterrupt(cleanUp);
  try {
    const started = await startStrapiCopy(articles, workDir, `http://127.0.0.1:${port}/webhook`, secret);
    strapi = started.strapi;
    const strapiPid = () => strapi?.process.child.pid;
    const site = createWarmSite({
      strapiUrl: strapi.url,
      tokenFile: strapi.tokenFile,
      siteUrl: SITE_URL,
      maxPartialPages: REBUILD_DEFAULTS.maxPartialPages,
    });
    const recorder = buildRecorder();
    service = await startRebuildService({
      secret,
      sitesDir,
      site,
      port,
      statusPort: 0,
      log: recorder.log,
    });
    recorder.attach(service);

    console.log(`bench: ${articles} articles: first full build…`);
    const rendererSampler = sampleTree(rendererPid());
    const serviceSampler = sampleTree(() => process.pid, strapiPid);
    service.buildNow();
    await service.whenIdle();
    await service.whenSearchIdle();
    const first = recorder.builds.at(-1);
    if (first?.result !== 'succeeded') throw new Error(`the first build failed: ${first?.error}`);
    const initialBuild = {
      durationMs: first.durationMs!,
      pages: first.pages!,
      detail: first.detail,
      renderer: rendererSampler.stop(),
      service: serviceSampler.stop(),
    };

    const admin = await loginAdmin(strapi.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const partner = await widelyNamedPartner(admin);
    console.log(`bench: the partner to rename, "${partner.name}", is named by ${partner.articles} sl articles`);
    const scenarios = await createScenarios(
      { admin, siteUrl: service.url, liveDir: () => liveLink(sitesDir), articles, runs: options.runs },
      partner,
    );
    const context = {
      service,
      builds: recorder.builds,
      probe: createSearchProbe(liveLink(sitesDir)),
      strapiPid,
      searchTimeoutMs: options.searchTimeoutMs,
    };

    const results: SizeResult['scenarios'] = {};
    for (const name of SCENARIOS) {
      const runs: RunFigures[] = [];
      for (let run = 1; run <= options.runs; run++) {
        const change = await scenarios[name].prepare(run);
        await service.whenIdle();
        const figures = await measureChange(context, run, change);
        if (figures.searchNote?.startsWith('the live index did not change') && context.searchTimeoutMs > 0) {
          console.log(`bench: ${figures.searchNote}: search is not waited for in the later runs of this size`);
          context.searchTimeoutMs = 0;
        } else if (context.searchTimeoutMs === 0)
          figures.searchNote = 'search not waited for: the live index did not change in an earlier run';
        runs.push(figures);
        const build = figures.builds.at(-1);
        console.log(
          `bench: ${articles} articles, ${SCENARIO_LABELS[name]}, run ${run}/${options.runs}: served in ${seconds(figures.servedMs)}` +
            ` (${figures.builds.map((b) => b.mode).join('+') || 'no build'}${build ? `, build ${seconds(build.durationMs ?? 0)}` : ''})` +
            `, search ${figures.searchMs === null ? 'not measured' : `after ${seconds(figures.searchMs)}`}`,
        );
      }
      results[name] = runs;
    }
    return {
      articles,
      database: started.database,
      initialBuild,
      partner: { name: partner.name, slug: partner.slug, articles: partner.articles },
      scenarios: results,
      failedBuilds: service.status().counters.buildsFailed,
    };
  } finally {
    unregister();
    await cleanUp();
  }
}

function parseOptions(): Options & { quick: boolean; outDir: string; summarise?: string } {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '5' },
      quick: { type: 'boolean', default: false },
      'search-timeout': { type: 'string' },
      'out-dir': { type: 'string' },
      summarise: { type: 'string' },
    },
  });
  const quick = values.quick;
  const sizes = (quick ? '100' : values.sizes).split(',').map(Number);
  const runs = quick ? 1 : Number(values.runs);
  const searchTimeoutS = Number(values['search-timeout'] ?? (quick ? 60 : 300));
  if (sizes.some((size) => !Number.isInteger(size) || size < 10) || !Number.isInteger(runs) || runs < 1)
    throw new Error('usage: npm run bench:publish -- [--sizes=1000,10000] [--runs=5] [--quick] [--search-timeout=120]');
  return {
    sizes,
    runs,
    quick,
    searchTimeoutMs: searchTimeoutS * 1000,
    outDir: path.resolve(values['out-dir'] ?? path.join(repoRoot, 'bench', 'results')),
    summarise: values.summarise,
  };
}

/** The commit the code under test comes from, marked when the work tree has changes of its own. */
function measuredCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+changes' : ''}`;
}

/** --summarise=<results.json>: writes the Markdown tables of an existing results file again, beside it. */
function summariseOnly(file: string): void {
  const result = JSON.parse(readFileSync(file, 'utf8')) as PublishResult;
  writePublishResults(path.dirname(file), path.basename(file, '.json'), result);
  console.log(renderPublish(result));
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.summarise) return summariseOnly(path.resolve(options.summarise));
  const args = process.argv.slice(2).join(' ');
  const result: PublishResult = {
    benchmark: 'publish-to-live',
    label: options.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    command: `npm run bench:publish${args ? ` -- ${args}` : ''}`,
    commit: measuredCommit(),
    machine: machine(),
    loadAverageAtEnd: [],
    runs: options.runs,
    quietMs: REBUILD_DEFAULTS.quietMs,
    maxPartialPages: REBUILD_DEFAULTS.maxPartialPages,
    searchTimeoutMs: options.searchTimeoutMs,
    sizes: [],
  };
  const name = options.quick ? 'publish-to-live-quick' : 'publish-to-live';
  for (const size of options.sizes) {
    result.sizes.push(await measureSize(size, options));
    result.loadAverageAtEnd = loadAverage();
    // Written after each size, so a long run that stops later keeps what it measured.
    writePublishResults(options.outDir, name, result);
  }
  console.log(
    `\n${renderPublish(result)}\nbench: written ${path.relative(repoRoot, options.outDir)}/${name}.json and .md`,
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
