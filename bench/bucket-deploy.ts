/**
 * `npm run bench:deploy`: how long does deploying the site to a bucket take (DEPLOY_TARGET,
 * scripts/deploy/) when nothing changed, and when one article changed?
 *
 * A real Strapi with the benchmark's generated articles in sl and en (bench/lib/bench-database.ts,
 * cached in data/bench/) is built once over GraphQL, which writes a JSON snapshot of the content;
 * then the site is built from that snapshot again with the real Astro build, as it is and then
 * BENCH_RUNS times more, each with one more article's text changed. Against a Ceph S3 gateway
 * (scripts/lib/object-storage.ts), the first build is deployed into an empty bucket, redeployed
 * unchanged, and then each changed build in turn: every one of those deploys carries a new
 * one-article change.
 * Figures go to the console and to bench/results/bucket-deploy.json, replacing the previous run's.
 *
 * Options (environment): BENCH_ARTICLES (default 1000), BENCH_RUNS (3 of each kind).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBuild } from '../scripts/deploy/build-files.ts';
import { deployToBucket, type DeploySummary } from '../scripts/deploy/bucket-deploy.ts';
import { DEFAULT_GRACE_SECONDS } from '../scripts/deploy/target.ts';
import { startObjectStorage, type ObjectStorage } from '../scripts/lib/object-storage.ts';
import { repoRoot } from '../scripts/lib/paths.ts';
import { startStrapi } from '../scripts/lib/strapi.ts';
import type { CmsRecords } from '../site/src/lib/cms/records.ts';
import { ensureBenchDatabase } from './lib/bench-database.ts';
import { stopOnInterrupt } from './lib/cleanup.ts';
import { directoryBytes, runSiteBuild } from './lib/site-build-run.ts';
import { median } from './lib/stats.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SITE_URL = 'https://www.koper-otok.example';
const BUCKET = 'www-koper-otok';

type DeployKind = 'first' | 'unchanged' | 'one-article';
type Run = DeploySummary & { kind: DeployKind };

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Builds over GraphQL from the cached benchmark database, writing the content snapshot. */
async function buildFromStrapi(outDir: string, snapshot: string): Promise<number> {
  const db = await ensureBenchDatabase(ARTICLES);
  const strapi = await startStrapi({
    dataDir: db.dataDir,
    env: { ...db.secrets, SEED_DEMO: 'true', NODE_ENV: 'development' },
    startTimeoutMs: 300_000,
  });
  const unregister = stopOnInterrupt(strapi.stop);
  try {
    const run = await runSiteBuild({
      outDir,
      siteUrl: SITE_URL,
      strapiUrl: strapi.url,
      tokenFile: strapi.tokenFile,
      snapshotOut: snapshot,
    });
    return run.pages;
  } finally {
    await strapi.stop();
    unregister();
  }
}

/** The same content with one more article's text changed, as an editor's correction would. */
function changeOneArticle(snapshot: string, changed: string, run: number): string {
  const records = JSON.parse(readFileSync(snapshot, 'utf8')) as CmsRecords;
  const articles = records.sl.articles;
  const article = articles[Math.floor(((run + 1) * articles.length) / (RUNS + 2))];
  article.body = `${article.body ?? ''}\n\nPopravek uredništva: dodan stavek.`;
  writeFileSync(changed, JSON.stringify(records));
  return article.slug;
}

/** Files that differ between two builds, by top folder: what a one-article deploy uploads. */
function changedByFolder(before: string, after: string): Record<string, number> {
  const earlier = new Map(readBuild(before).map((file) => [file.path, file.sha256]));
  const counts: Record<string, number> = {};
  for (const file of readBuild(after)) {
    if (earlier.get(file.path) === file.sha256) continue;
    const folder = file.path.includes('/') ? `${file.path.split('/')[0]}/` : '(top level)';
    counts[folder] = (counts[folder] ?? 0) + 1;
  }
  return counts;
}

async function deploy(storage: ObjectStorage, dir: string, id: string, kind: DeployKind): Promise<Run> {
  const summary = await deployToBucket(dir, id, {
    settings: storage.settings,
    bucket: BUCKET,
    prefix: '',
    graceSeconds: DEFAULT_GRACE_SECONDS,
  });
  console.log(
    `bench: ${kind} deploy of ${id}: ${seconds(summary.durationMs)}, ${summary.uploaded} uploaded, ${summary.unchanged} unchanged, ${summary.scheduled} scheduled for deletion`,
  );
  return { ...summary, kind };
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'koper-otok-bench-deploy-'));
  const build = (name: string) => path.join(workDir, name);
  const snapshot = (name: string) => path.join(workDir, `${name}.json`);
  try {
    console.log(`bench: building the site of ${ARTICLES} articles × 2 locales over GraphQL…`);
    const pages = await buildFromStrapi(build('graphql'), snapshot('content'));
    console.log(
      `bench: ${pages} pages; building it again from the snapshot, then with one more article changed each time…`,
    );
    await runSiteBuild({ outDir: build('a'), siteUrl: SITE_URL, snapshotIn: snapshot('content') });
    const changed: { dir: string; slug: string }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const [before, after] = [run === 0 ? 'content' : `changed-${run - 1}`, `changed-${run}`];
      const slug = changeOneArticle(snapshot(before), snapshot(after), run);
      await runSiteBuild({ outDir: build(after), siteUrl: SITE_URL, snapshotIn: snapshot(after) });
      changed.push({ dir: build(after), slug });
    }

    const storage = await startObjectStorage();
    const unregister = stopOnInterrupt(storage.stop);
    const runs: Run[] = [];
    try {
      await storage.createBucket(BUCKET, { publicRead: true });
      runs.push(await deploy(storage, build('a'), 'a', 'first'));
      for (let run = 0; run < RUNS; run++) runs.push(await deploy(storage, build('a'), 'a', 'unchanged'));
      for (const [run, { dir }] of changed.entries())
        runs.push(await deploy(storage, dir, `changed-${run}`, 'one-article'));
    } finally {
      await storage.stop();
      unregister();
    }
    const changedFiles = changedByFolder(build('a'), changed[0].dir);
    console.log(`bench: files that differ after the one-article change: ${JSON.stringify(changedFiles)}`);
    writeResults({
      pages,
      files: runs[0].uploaded,
      siteBytes: directoryBytes(build('a')),
      changedSlugs: changed.map(({ slug }) => slug),
      changedFiles,
      runs,
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface Results {
  pages: number;
  files: number;
  siteBytes: number;
  changedSlugs: string[];
  changedFiles: Record<string, number>;
  runs: Run[];
}

function writeResults(result: Results) {
  const medianOf = (kind: DeployKind, pick: (run: Run) => number) =>
    median(result.runs.filter((run) => run.kind === kind).map(pick));
  const summary = Object.fromEntries(
    (['first', 'unchanged', 'one-article'] as const).map((kind) => [
      kind,
      {
        medianMs: medianOf(kind, (run) => run.durationMs),
        uploaded: medianOf(kind, (run) => run.uploaded),
        uploadedBytes: medianOf(kind, (run) => run.uploadedBytes),
      },
    ]),
  );
  const file = path.join(repoRoot, 'bench', 'results', 'bucket-deploy.json');
  const output = {
    measuredAt: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB`,
    articles: ARTICLES,
    locales: 2,
    server: 'Ceph radosgw (single-node test cluster, memstore), on the same machine',
    ...result,
    summary,
  };
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`bench: results in ${path.relative(repoRoot, file)}`);
  console.table(summary);
}

main().catch((error: Error) => {
  console.error(`bench:deploy failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
