/**
 * `npm run bench`: performance, measured side by side.
 *
 * For each size N (articles, in sl and en, plus N/10 workshops, 12 regions, 50 partners and
 * the demo content), on a real Strapi on SQLite loaded once and cached in data/bench/:
 *   - the full site build over GraphQL (fetch + Astro + sitemap + Pagefind), through a counting
 *     proxy: wall time, peak RSS of the process tree, CPU, pages, output size, requests, bytes;
 *   - the same build from a JSON snapshot of the same content (no network): CMS overhead;
 *   - Hugo building the same content with an equivalent minimal template: the speed of light;
 * the three interleaved in each round, so drift on this shared machine hits all of them alike.
 * Then, on the largest N: the GraphQL API under autocannon load, on SQLite and on PostgreSQL
 * (a throw-away cluster from Debian's server binaries, loaded with the same content), and the
 * page weight of the home, an article and a workshop page. On that PostgreSQL database also one
 * Strapi against two behind HAProxy (bench/lib/instances.ts; not in --quick runs unless asked).
 *
 *   npm run bench                   N = 100, 1,000, 10,000; 3 rounds; API 20 s per step
 *   npm run bench -- --quick        N = 100; 1 round; API 2 s per step (CI smoke test)
 * Options: --sizes=100,1000  --rounds=3  --api-seconds=20  --no-hugo  --no-api  --no-postgres  --no-weight
 *          --no-instances    leave out one-vs-two instances (--instances adds them to --quick)
          --label=before    (recorded in the results, not in the file name)
 *          --baseline=<results.json> (adds a before/after table)
 *          --out-dir=<dir>   (default bench/results)
 *          --site-dir=<dir>  build another copy of site/ instead of site/
 *          --before-site-dir=<dir>  also build this copy (the code before an optimisation) in
 *                            every round, for a paired before/after table
 *          --summarise=<results.json>  only rewrite the Markdown summary of a results file
 * Writes <out-dir>/performance.json and .md (the tables of bench/README.md), replacing the
 * previous run's; a --quick run writes performance-quick.json and .md instead, so a smoke test
 * never replaces the figures of a full run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, siteDir } from '../scripts/lib/paths.ts';
import { startStrapi, type StrapiInstance } from '../scripts/lib/strapi.ts';
import { postgresBinDir, startPostgres } from '../scripts/lib/postgres.ts';
import { startStaticServer } from '../scripts/lib/static-server.ts';
import { removeMarkdownCaches } from '../site/src/lib/content/markdown-cache.ts';
import { apiScenarios, loadScenario, type ApiResult } from './lib/autocannon.ts';
import { ensureBenchDatabase, loadPostgresDatabase, type BenchDatabase } from './lib/bench-database.ts';
import { measureInstances, renderInstances, writeInstancesResults, type InstancesResult } from './lib/instances.ts';
import { stopOnInterrupt } from './lib/cleanup.ts';
import { deferredRemoval, type DeferredRemoval } from './lib/deferred-removal.ts';
import { startCountingProxy, type TrafficCounts } from './lib/graphql-stats.ts';
import { hugoVersion, runHugo, writeHugoSite, type HugoRun } from './lib/hugo.ts';
import { sampleTree } from './lib/measure.ts';
import { CHROMIUM, pageWeight, type PageWeight } from './lib/page-weight.ts';
import { renderSummary } from './lib/report.ts';
import { copySite, removeSiteCopy } from './lib/site-copy.ts';
import { runSiteBuild, type SiteBuildRun } from './lib/site-build-run.ts';
import { median, medianOf, round } from './lib/stats.ts';

const SITE_URL = 'https://www.koper-otok.si';
const CONNECTIONS = [1, 10, 50];

type GraphqlRun = SiteBuildRun & { traffic: TrafficCounts; strapiPeakRssBytes: number; strapiCpuMs: number };

export interface Round {
  graphql: GraphqlRun;
  json: SiteBuildRun;
  hugo: HugoRun | null;
  /** The same two builds of the code before an optimisation (--before-site-dir), in the same round. */
  before: { graphql: GraphqlRun; json: SiteBuildRun } | null;
}

/** Before/after of an optimisation, from the paired builds of each round (medians of per-round ratios). */
export interface BeforeAfter {
  graphqlWallMs: { before: number; after: number };
  jsonWallMs: { before: number; after: number };
  /** before / after wall time: 1.25 means the optimised build takes 20 % less time. */
  graphqlSpeedup: number;
  jsonSpeedup: number;
  fetchOverhead: { before: number; after: number };
  hugoRatio: { before: number; after: number } | null;
}

export interface SizeResult {
  articles: number;
  content: Record<string, Record<string, number>>;
  load: BenchDatabase['load'] & { cached: boolean };
  coldBuild: SiteBuildRun;
  rounds: Round[];
  median: {
    graphql: ReturnType<typeof medianOf<SiteBuildRun>>;
    json: ReturnType<typeof medianOf<SiteBuildRun>>;
    hugo: ReturnType<typeof medianOf<HugoRun>> | null;
    strapiPeakRssBytes: number;
  };
  graphqlTraffic: TrafficCounts & { items: number; itemsPerRequest: number };
  /** (GraphQL build - JSON build) / JSON build, median of the paired rounds. */
  fetchOverhead: number;
  /** Our build without Pagefind (fetch + render + sitemap) / Hugo, median of the paired rounds. */
  hugoRatio: number | null;
  /** Our whole build including Pagefind / Hugo. */
  hugoRatioWithSearch: number | null;
  beforeAfter: BeforeAfter | null;
}

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      rounds: { type: 'string' },
      'api-seconds': { type: 'string' },
      'no-hugo': { type: 'boolean', default: false },
      'no-api': { type: 'boolean', default: false },
      'no-postgres': { type: 'boolean', default: false },
      'no-weight': { type: 'boolean', default: false },
      instances: { type: 'boolean' },
      'no-instances': { type: 'boolean', default: false },
      label: { type: 'string' },
      baseline: { type: 'string' },
      'out-dir': { type: 'string' },
      'site-dir': { type: 'string' },
      'before-site-dir': { type: 'string' },
      summarise: { type: 'string' },
    },
  });
  const quick = values.quick;
  return {
    quick,
    sizes: (values.sizes ?? (quick ? '100' : '100,1000,10000')).split(',').map(Number),
    rounds: Number(values.rounds ?? (quick ? 1 : 3)),
    apiSeconds: Number(values['api-seconds'] ?? (quick ? 2 : 20)),
    hugo: !values['no-hugo'],
    api: !values['no-api'],
    postgres: !values['no-api'] && !values['no-postgres'],
    weight: !values['no-weight'],
    // Starting two more Strapi processes would add half a minute to the CI smoke run.
    instances: !values['no-api'] && !values['no-postgres'] && !values['no-instances'] && (values.instances ?? !quick),
    label: values.label ?? (quick ? 'quick' : undefined),
    baseline: values.baseline,
    outDir: path.resolve(values['out-dir'] ?? path.join(repoRoot, 'bench', 'results')),
    siteDir: values['site-dir'] && path.resolve(values['site-dir']),
    beforeSiteDir: values['before-site-dir'] && path.resolve(values['before-site-dir']),
    summarise: values.summarise && path.resolve(values.summarise),
  };
}
type Options = ReturnType<typeof options>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

function contentCounts(snapshotFile: string): Record<string, Record<string, number>> {
  const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, Record<string, unknown[]>>;
  return Object.fromEntries(
    Object.entries(snapshot).map(([locale, sections]) => [
      locale,
      Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.length])),
    ]),
  );
}

/** One GraphQL build through the proxy, with Strapi's own cost sampled alongside. */
async function graphqlBuild(
  strapi: StrapiInstance,
  proxy: Awaited<ReturnType<typeof startCountingProxy>>,
  outDir: string,
  siteDir?: string,
  snapshotOut?: string,
) {
  proxy.reset();
  const strapiSampler = sampleTree(() => strapi.process.child.pid);
  const run = await runSiteBuild({
    outDir,
    siteUrl: SITE_URL,
    strapiUrl: proxy.url,
    tokenFile: strapi.tokenFile,
    snapshotOut,
    siteDir,
  });
  const strapiCost = strapiSampler.stop();
  return {
    ...run,
    traffic: proxy.counts(),
    strapiPeakRssBytes: strapiCost.peakRssBytes,
    strapiCpuMs: strapiCost.cpuMs,
  };
}

/**
 * Rendered markdown is kept between builds (site/src/lib/content/markdown-cache.ts, in Astro's
 * cache folder); the cold build starts without it, the rounds after it reuse it, as the rebuild
 * service's builds do. Files of the earlier format go too (a --before-site-dir copy may use it).
 */
function clearMarkdownCache(root: string): void {
  const cacheDir = path.join(root, 'node_modules', '.astro');
  if (existsSync(cacheDir)) removeMarkdownCaches(cacheDir);
}

async function measureSize(
  n: number,
  opts: Options,
  workDir: string,
  trash: DeferredRemoval,
  keepSiteFor: (dir: string) => void,
): Promise<SizeResult> {
  const db = await ensureBenchDatabase(n);
  console.log(
    `bench: N=${n}: ${db.cached ? `reusing the database loaded ${db.load.loadedAt}` : 'freshly loaded'} (load ${seconds(db.load.loadMs)}, ${db.load.articlesPerSecond} articles/s)`,
  );
  const strapi = await startStrapi({
    dataDir: db.dataDir,
    env: { ...db.secrets, SEED_DEMO: 'true', NODE_ENV: 'development' },
    startTimeoutMs: 300_000,
  });
  const unregister = stopOnInterrupt(strapi.stop);
  const proxy = await startCountingProxy(strapi.url);
  const snapshot = path.join(workDir, `content-${n}.json`);
  const out = (name: string) => path.join(workDir, `${name}-${n}`);
  try {
    console.log(
      `bench: N=${n}: cold build (no rendered markdown from earlier builds; fills the caches, writes the JSON snapshot)…`,
    );
    clearMarkdownCache(opts.siteDir ?? siteDir);
    const cold = await graphqlBuild(strapi, proxy, out('cold'), opts.siteDir, snapshot);
    trash.discard(out('cold'));
    console.log(`bench: N=${n}: cold build ${seconds(cold.wallMs)}, ${cold.pages} pages`);
    if (opts.beforeSiteDir) {
      // The code before may keep its caches in another form: one untimed build fills them, so
      // that its timed builds start from what an earlier build kept, like ours.
      console.log(`bench: N=${n}: warming the caches of the code before…`);
      await graphqlBuild(strapi, proxy, out('before-warm-up'), opts.beforeSiteDir);
      trash.discard(out('before-warm-up'));
    }
    const hugoDir = path.join(workDir, `hugo-src-${n}`);
    if (opts.hugo) writeHugoSite(hugoDir, snapshot, SITE_URL);

    const rounds: Round[] = [];
    for (let r = 1; r <= opts.rounds; r++) {
      const graphql = await graphqlBuild(strapi, proxy, out('graphql'), opts.siteDir);
      const json = await runSiteBuild({
        outDir: out('json'),
        siteUrl: SITE_URL,
        snapshotIn: snapshot,
        strapiUrl: proxy.url,
        siteDir: opts.siteDir,
      });
      const before = opts.beforeSiteDir
        ? {
            graphql: await graphqlBuild(strapi, proxy, out('before-graphql'), opts.beforeSiteDir),
            json: await runSiteBuild({
              outDir: out('before-json'),
              siteUrl: SITE_URL,
              snapshotIn: snapshot,
              strapiUrl: proxy.url,
              siteDir: opts.beforeSiteDir,
            }),
          }
        : null;
      const hugo = opts.hugo ? await runHugo(hugoDir, out('hugo')) : null;
      rounds.push({ graphql, json, hugo, before });
      if (before)
        console.log(
          `bench: N=${n} round ${r}/${opts.rounds}, before: GraphQL ${seconds(before.graphql.wallMs)}, JSON ${seconds(before.json.wallMs)}`,
        );
      console.log(
        `bench: N=${n} round ${r}/${opts.rounds}: GraphQL ${seconds(graphql.wallMs)} (fetch ${seconds(graphql.fetchMs ?? 0)}, Pagefind ${seconds(graphql.pagefindMs ?? 0)}, ${megabytes(graphql.peakRssBytes)}), JSON ${seconds(json.wallMs)}${hugo ? `, Hugo ${seconds(hugo.wallMs)}` : ''}`,
      );
      for (const name of ['json', 'hugo', 'before-graphql', 'before-json']) trash.discard(out(name));
      if (r < opts.rounds) trash.discard(out('graphql'));
    }
    keepSiteFor(out('graphql'));
    return summarise(n, db, cold, rounds, snapshot);
  } finally {
    await proxy.close();
    await strapi.stop();
    unregister();
  }
}

function summarise(n: number, db: BenchDatabase, cold: SiteBuildRun, rounds: Round[], snapshot: string): SizeResult {
  const content = contentCounts(snapshot);
  const items = Object.values(content).reduce(
    (sum, sections) => sum + Object.values(sections).reduce((a, b) => a + b, 0),
    0,
  );
  const traffic = rounds.at(-1)!.graphql.traffic;
  const hugoRounds = rounds.filter((r) => r.hugo);
  return {
    articles: n,
    content,
    load: { ...db.load, cached: db.cached },
    coldBuild: cold,
    rounds,
    median: {
      graphql: medianOf(rounds.map((r) => stripExtras(r.graphql))),
      json: medianOf(rounds.map((r) => r.json)),
      hugo: hugoRounds.length ? medianOf(hugoRounds.map((r) => r.hugo!)) : null,
      strapiPeakRssBytes: median(rounds.map((r) => r.graphql.strapiPeakRssBytes)),
    },
    graphqlTraffic: { ...traffic, items, itemsPerRequest: round(items / Math.max(traffic.graphqlRequests, 1), 1) },
    fetchOverhead: round(median(rounds.map((r) => (r.graphql.wallMs - r.json.wallMs) / r.json.wallMs)), 3),
    hugoRatio: hugoRounds.length
      ? round(median(hugoRounds.map((r) => withoutSearch(r.graphql) / r.hugo!.wallMs)), 2)
      : null,
    hugoRatioWithSearch: hugoRounds.length
      ? round(median(hugoRounds.map((r) => r.graphql.wallMs / r.hugo!.wallMs)), 2)
      : null,
    beforeAfter: beforeAfter(rounds),
  };
}

const withoutSearch = (run: SiteBuildRun) => run.wallMs - (run.pagefindMs ?? 0);

function beforeAfter(rounds: Round[]): BeforeAfter | null {
  const paired = rounds.filter((r) => r.before);
  if (paired.length === 0) return null;
  const m = (f: (r: Round) => number, digits = 0) => round(median(paired.map(f)), digits);
  const overhead = (g: SiteBuildRun, j: SiteBuildRun) => (g.wallMs - j.wallMs) / j.wallMs;
  const withHugo = paired.filter((r) => r.hugo);
  return {
    graphqlWallMs: { before: m((r) => r.before!.graphql.wallMs), after: m((r) => r.graphql.wallMs) },
    jsonWallMs: { before: m((r) => r.before!.json.wallMs), after: m((r) => r.json.wallMs) },
    graphqlSpeedup: m((r) => r.before!.graphql.wallMs / r.graphql.wallMs, 2),
    jsonSpeedup: m((r) => r.before!.json.wallMs / r.json.wallMs, 2),
    fetchOverhead: {
      before: m((r) => overhead(r.before!.graphql, r.before!.json), 3),
      after: m((r) => overhead(r.graphql, r.json), 3),
    },
    hugoRatio: withHugo.length
      ? {
          before: round(median(withHugo.map((r) => withoutSearch(r.before!.graphql) / r.hugo!.wallMs)), 2),
          after: round(median(withHugo.map((r) => withoutSearch(r.graphql) / r.hugo!.wallMs)), 2),
        }
      : null,
  };
}

const stripExtras = ({
  traffic: _t,
  strapiPeakRssBytes: _r,
  strapiCpuMs: _c,
  ...run
}: Round['graphql']): SiteBuildRun => run;

/** The two queries at each connection count against one running Strapi. */
async function loadApi(strapi: StrapiInstance, n: number, database: string, opts: Options): Promise<ApiResult[]> {
  const results: ApiResult[] = [];
  for (const scenario of apiScenarios(n)) {
    for (const connections of CONNECTIONS) {
      const result = await loadScenario(strapi.url, scenario, connections, opts.apiSeconds);
      console.log(
        `bench: API ${database} N=${n} ${scenario.name}, ${connections} connection(s): ${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms`,
      );
      results.push(result);
    }
  }
  return results;
}

async function withStrapi<T>(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  databaseEnv: NodeJS.ProcessEnv,
  work: (strapi: StrapiInstance) => Promise<T>,
): Promise<T> {
  const strapi = await startStrapi({
    dataDir,
    databaseEnv,
    env: { ...env, SEED_DEMO: 'true', NODE_ENV: 'development' },
    startTimeoutMs: 300_000,
  });
  const unregister = stopOnInterrupt(strapi.stop);
  try {
    return await work(strapi);
  } finally {
    await strapi.stop();
    unregister();
  }
}

/** The API under load on the largest SQLite database. */
async function measureApi(n: number, opts: Options): Promise<ApiResult[]> {
  const db = await ensureBenchDatabase(n);
  return withStrapi(db.dataDir, db.secrets, {}, (strapi) => loadApi(strapi, n, 'sqlite', opts));
}

/** The same on PostgreSQL: a throw-away cluster, loaded with the same content for this run. */
async function measureApiOnPostgres(
  n: number,
  opts: Options,
  workDir: string,
): Promise<{ load: BenchDatabase['load']; results: ApiResult[]; instances: InstancesResult | null } | null> {
  try {
    postgresBinDir();
  } catch (error) {
    console.log(`bench: ${(error as Error).message}; skipping the API on PostgreSQL`);
    return null;
  }
  const cluster = await startPostgres();
  const unregister = stopOnInterrupt(cluster.stop);
  try {
    const databaseEnv = await cluster.createDatabase('koper_otok_bench');
    const db = await loadPostgresDatabase(n, path.join(workDir, 'postgres'), databaseEnv);
    console.log(
      `bench: loaded ${n} articles into PostgreSQL in ${seconds(db.load.loadMs)} (${db.load.articlesPerSecond} articles/s)`,
    );
    const results = await withStrapi(db.dataDir, db.secrets, databaseEnv, (strapi) =>
      loadApi(strapi, n, 'postgres', opts),
    );
    const instances = opts.instances
      ? await measureInstances({
          articles: n,
          dataDir: db.dataDir,
          secrets: db.secrets,
          databaseEnv,
          seconds: opts.apiSeconds,
        })
      : null;
    return { load: db.load, results, instances };
  } finally {
    await cluster.stop();
    unregister();
  }
}

/** Heaviest pages of their kind: the article and the workshop with the longest text. */
function weightPages(
  snapshot: Record<
    string,
    { articles: { slug: string; body: string | null }[]; workshops: { slug: string; description: string | null }[] }
  >,
) {
  const longest = <T>(items: T[], size: (item: T) => number) => items.reduce((a, b) => (size(b) > size(a) ? b : a));
  const article = longest(snapshot.sl.articles, (a) => a.body?.length ?? 0);
  const workshop = longest(snapshot.sl.workshops, (w) => w.description?.length ?? 0);
  return { home: '/', article: `/novice/${article.slug}/`, workshop: `/delavnice/${workshop.slug}/` };
}

async function measurePageWeight(
  siteDir: string,
  snapshotFile: string,
): Promise<Record<string, { path: string; weight: PageWeight; htmlCssJsFonts: number }>> {
  const server = await startStaticServer(() => siteDir, 0);
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const results: Record<string, { path: string; weight: PageWeight; htmlCssJsFonts: number }> = {};
    for (const [name, urlPath] of Object.entries(weightPages(JSON.parse(readFileSync(snapshotFile, 'utf8'))))) {
      const weight = await pageWeight(base + urlPath);
      const htmlCssJsFonts = ['document', 'stylesheet', 'script', 'font'].reduce(
        (sum, type) => sum + (weight.byType[type] ?? 0),
        0,
      );
      results[name] = { path: urlPath, weight, htmlCssJsFonts };
      console.log(
        `bench: page weight ${name} ${urlPath}: ${(htmlCssJsFonts / 1024).toFixed(1)} KB HTML+CSS+JS+fonts (gzip), JS ${weight.js} B`,
      );
    }
    return results;
  } finally {
    server.close();
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    name: `node-${cpus.length}cpu`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    hugo: hugoVersion(),
  };
}

/** --summarise=<results.json>: writes the Markdown summary of an existing results file again. */
function summariseOnly(file: string, baselineFile?: string): void {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  const baseline = baselineFile
    ? { file: path.basename(baselineFile), result: JSON.parse(readFileSync(baselineFile, 'utf8')) }
    : undefined;
  writeFileSync(file.replace(/\.json$/, '.md'), renderSummary(result, baseline));
  console.log(`bench: wrote ${file.replace(/\.json$/, '.md')}`);
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.summarise) return summariseOnly(opts.summarise, opts.baseline);
  const started = Date.now();
  const loadAverageAtStart = os.loadavg().map((v) => round(v, 2));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'koper-otok-bench-'));
  // Removed with workDir at the end: deleting outputs between builds would slow the next build.
  const trash = deferredRemoval(path.join(workDir, 'discarded'));
  if (opts.hugo && !hugoVersion()) {
    console.log('bench: hugo is not installed (Debian: apt-get install -y hugo); skipping the Hugo comparison');
    opts.hugo = false;
  }
  let keptSite: string | undefined;
  // Frozen private copies of the code under test (see lib/site-copy.ts).
  const sourceDirs = { site: opts.siteDir ?? siteDir, before: opts.beforeSiteDir };
  opts.siteDir = copySite(sourceDirs.site, 'site');
  if (sourceDirs.before) opts.beforeSiteDir = copySite(sourceDirs.before, 'before');
  const removeScratch = async () => {
    rmSync(workDir, { recursive: true, force: true });
    removeSiteCopy(opts.siteDir!);
    if (opts.beforeSiteDir) removeSiteCopy(opts.beforeSiteDir);
  };
  const unregister = stopOnInterrupt(removeScratch);
  try {
    const sizes: SizeResult[] = [];
    for (const n of opts.sizes) {
      sizes.push(
        await measureSize(n, opts, workDir, trash, (dir) => {
          if (keptSite) trash.discard(keptSite);
          keptSite = dir;
        }),
      );
    }
    const largest = Math.max(...opts.sizes);
    const last = opts.sizes.at(-1)!; // the site kept for page weight is the last size's
    const api = opts.api ? await measureApi(largest, opts) : null;
    const apiPostgres = opts.postgres ? await measureApiOnPostgres(largest, opts, workDir) : null;
    const weightAvailable = opts.weight && existsSync(CHROMIUM);
    if (opts.weight && !weightAvailable) console.log(`bench: no Chromium at ${CHROMIUM}; skipping page weight`);
    const weight =
      weightAvailable && keptSite
        ? await measurePageWeight(keptSite, path.join(workDir, `content-${last}.json`))
        : null;
    const m = machine();
    const result = {
      benchmark: 'performance',
      date: new Date().toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      label: opts.label ?? null,
      machine: m,
      conditions: {
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg().map((v) => round(v, 2)),
        note: 'shared 2-core machine: other work may run at the same time, so compare figures within one run',
      },
      rounds: opts.rounds,
      durationMs: Date.now() - started,
      sizes,
      api: api && { articles: largest, database: 'sqlite', durationSPerStep: opts.apiSeconds, results: api },
      apiPostgres: apiPostgres && {
        articles: largest,
        database: 'postgres',
        durationSPerStep: opts.apiSeconds,
        load: apiPostgres.load,
        results: apiPostgres.results,
      },
      pageWeight: weight && { articles: last, pages: weight },
      instances: apiPostgres?.instances ?? null,
    };
    const baseline = opts.baseline ? JSON.parse(readFileSync(opts.baseline, 'utf8')) : undefined;
    mkdirSync(opts.outDir, { recursive: true });
    const stem = path.join(opts.outDir, opts.quick ? 'performance-quick' : 'performance');
    writeFileSync(`${stem}.json`, `${JSON.stringify(result, null, 2)}\n`);
    const instancesSection = result.instances
      ? `\n### One Strapi instance or two\n\n${renderInstances(result.instances)}`
      : '';
    writeFileSync(
      `${stem}.md`,
      renderSummary(result, baseline && { file: path.basename(opts.baseline!), result: baseline }) + instancesSection,
    );
    if (result.instances && !opts.quick) writeInstancesResults(opts.outDir, result.instances, result.command);
    console.log(
      `\n${readFileSync(`${stem}.md`, 'utf8')}\nbench: written ${path.relative(repoRoot, stem)}.json and .md in ${seconds(Date.now() - started)}`,
    );
  } finally {
    unregister();
    await removeScratch();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
