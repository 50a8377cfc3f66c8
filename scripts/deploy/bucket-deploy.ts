/**
 * Deploys a built site to a bucket (DEPLOY_TARGET=s3://bucket/prefix) in the order plan.ts
 * explains: assets, then pages, then stale files after a grace period. A failure before the
 * pages are replaced leaves the old pages referencing old assets, all still in the bucket; a
 * failure among the pages leaves pages of either build, each with its assets, and the next
 * deploy finishes the job.
 */
import { inParallel } from '../lib/in-parallel.ts';
import { s3Client, type S3Settings } from '../lib/s3.ts';
import { readBuild, type BuildFile } from './build-files.ts';
import { deleteKeys, listKeys, readManifest, uploadFile, writeManifest, type BucketTarget } from './bucket.ts';
import { emptyManifest, finishDeploy, planDeploy } from './plan.ts';

export interface BucketDeployOptions {
  settings: S3Settings;
  bucket: string;
  prefix: string;
  /** Seconds a stale file stays after the pages that used it were replaced. */
  graceSeconds: number;
  /** Uploads at once. */
  concurrency?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface DeploySummary {
  build: string;
  uploaded: number;
  uploadedBytes: number;
  unchanged: number;
  /** Stale files newly scheduled for deletion. */
  scheduled: number;
  /** Stale files deleted by this deploy (scheduled by it with no grace, or by an earlier one). */
  deleted: number;
  /** Deletions still waiting for their grace period. */
  pending: number;
  durationMs: number;
}

export const DEFAULT_DEPLOY_CONCURRENCY = 8;

const bytes = (files: BuildFile[]) => files.reduce((sum, file) => sum + file.size, 0);
const megabytes = (count: number) => `${(count / 1024 / 1024).toFixed(1)} MB`;

export function summaryLine(summary: DeploySummary): string {
  return (
    `deployed build ${summary.build}: ${summary.uploaded} uploaded (${megabytes(summary.uploadedBytes)}), ` +
    `${summary.unchanged} unchanged, ${summary.scheduled} scheduled for deletion, ${summary.deleted} deleted, ` +
    `${summary.pending} awaiting deletion, in ${(summary.durationMs / 1000).toFixed(1)} s`
  );
}

function describeTarget(options: BucketDeployOptions): BucketTarget {
  return {
    client: s3Client(options.settings),
    bucket: options.bucket,
    prefix: options.prefix,
    where: options.settings.endpoint ?? 'AWS S3',
  };
}

async function uploadAll(target: BucketTarget, dir: string, files: BuildFile[], options: BucketDeployOptions) {
  await inParallel(files, options.concurrency ?? DEFAULT_DEPLOY_CONCURRENCY, async (file) => {
    options.signal?.throwIfAborted();
    await uploadFile(target, dir, file);
  });
}

export async function deployToBucket(
  dir: string,
  buildId: string,
  options: BucketDeployOptions,
): Promise<DeploySummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const files = readBuild(dir);
  const target = describeTarget(options);
  try {
    const stored = await readManifest(target);
    // A bucket with no manifest may hold a site another tool put there: its files are stale too.
    // It stands in the manifest as staged: neither trusted nor kept.
    const previous = stored ?? { ...emptyManifest(), staged: await listKeys(target) };
    const plan = planDeploy(files, previous);
    log(
      `deploy: ${files.length} files in build ${buildId}: ${plan.assets.length} assets and ${plan.pages.length} pages to upload, ${plan.unchanged.length} unchanged`,
    );
    if (plan.assets.length + plan.pages.length > 0) await writeManifest(target, plan.staging);
    await uploadAll(target, dir, plan.assets, options);
    log(`deploy: ${plan.assets.length} assets uploaded; replacing ${plan.pages.length} pages`);
    await uploadAll(target, dir, plan.pages, options);
    options.signal?.throwIfAborted();
    const finished = finishDeploy({
      files,
      previous,
      buildId,
      pagesReplacedAt: new Date(),
      graceSeconds: options.graceSeconds,
    });
    await deleteKeys(target, finished.deleteNow);
    await writeManifest(target, finished.manifest);
    const uploaded = [...plan.assets, ...plan.pages];
    return {
      build: buildId,
      uploaded: uploaded.length,
      uploadedBytes: bytes(uploaded),
      unchanged: plan.unchanged.length,
      scheduled: finished.scheduled.length,
      deleted: finished.deleteNow.length,
      pending: Object.keys(finished.manifest.pendingDeletions).length,
      durationMs: Date.now() - started,
    };
  } finally {
    target.client.destroy();
  }
}
