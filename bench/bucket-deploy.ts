/**
 * `npm run bench:deploy`: how long does deploying the site to a bucket take (DEPLOY_TARGET,
 * scripts/deploy/) when nothing changed, and when one article changed?
 *
 * A real Strapi with the benchmark's generated articles in sl and en (bench/lib/bench-database.ts,
 * cached in data/bench/) is built once over GraphQL, which writes a JSON snapshot of the content;
 * then the site is built from that snapshot twice more with the real Astro build: as it is (an
 * unchanged rebuild) and with one article's text changed. Against a Ceph S3 gateway
 * (scripts/lib/object-storage.ts), the first build is deployed into an empty bucket, redeployed
 * unchanged, and then the two builds alternate, each deploy carrying a one-article change.
 * Figures go to the console and to bench/results/bucket-deploy.json, replacing the previous run's.
 *
 * Options (environment): BENCH_ARTICLES (default 1000), BENCH_RUNS (3 of each kind).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** The same content with one article's text changed, as an editor's correction would. */
function changeOneArticle(snapshot: string, changed: string): string {
  const records = JSON.parse(readFileSync(snapshot, 'utf8')) as CmsRecords;
  const article = records.sl.articles[Math.floor(records.sl.articles.length / 2)];
  article.body = `${article.body ?? ''}\n\nPopravek uredništva: dodan stavek.`;
  writeFileSync(changed, JSON.stringify(records));
  return article.slug;
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
  const dirs = { graphql: path.join(workDir, 'graphql'), a: path.join(workDir, 'a'), b: path.join(workDir, 'b') };
  const snapshots = { original: path.join(workDir, 'content.json'), changed: path.join(workDir, 'changed.json') };
  try {
    console.log(`bench: building the site of ${ARTICLES} articles × 2 locales over GraphQL…`);
    const pages = await buildFromStrapi(dirs.graphql, snapshots.original);
    const slug = changeOneArticle(snapshots.original, snapshots.changed);
    console.log(`bench: ${pages} pages; building it again from the snapshot, and with /novice/${slug}/ changed…`);
    await runSiteBuild({ outDir: dirs.a, siteUrl: SITE_URL, snapshotIn: snapshots.original });
    await runSiteBuild({ outDir: dirs.b, siteUrl: SITE_URL, snapshotIn: snapshots.changed });

    const storage = await startObjectStorage();
    const unregister = stopOnInterrupt(storage.stop);
    const runs: Run[] = [];
    try {
      await storage.createBucket(BUCKET, { publicRead: true });
      runs.push(await deploy(storage, dirs.a, 'a', 'first'));
      for (let run = 0; run < RUNS; run++) runs.push(await deploy(storage, dirs.a, 'a', 'unchanged'));
      for (let run = 0; run < RUNS; run++) {
        const [dir, id] = run % 2 === 0 ? [dirs.b, 'b'] : [dirs.a, 'a'];
        runs.push(await deploy(storage, dir, id, 'one-article'));
      }
    } finally {
      await storage.stop();
      unregister();
    }
    writeResults({ pages, files: runs[0].uploaded, siteBytes: directoryBytes(dirs.a), changedSlug: slug, runs });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function writeResults(result: { pages: number; files: number; siteBytes: number; changedSlug: string; runs: Run[] }) {
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
