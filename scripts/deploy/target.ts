/**
 * DEPLOY_TARGET and its settings, read from the environment and checked, for the rebuild
 * service, `npm run rollback` and `npm run deploy:site` alike.
 */
import { readInteger, type Env } from '../../site/src/lib/env.ts';
import { parseS3Url, s3SettingsFromEnv, type S3Settings } from '../lib/s3.ts';
import { deployToBucket, summaryLine, DEFAULT_DEPLOY_CONCURRENCY, type DeploySummary } from './bucket-deploy.ts';

export const DEFAULT_GRACE_SECONDS = 300;

export interface DeployTarget {
  /** As given, for messages: s3://bucket/prefix. */
  url: string;
  bucket: string;
  prefix: string;
  settings: S3Settings;
  graceSeconds: number;
  concurrency: number;
}

/** The target when DEPLOY_TARGET is set; a setting that is wrong or missing throws a message naming it. */
export function readDeployTarget(env: Env = process.env): DeployTarget | undefined {
  const url = env.DEPLOY_TARGET?.trim();
  if (!url) return undefined;
  try {
    const { bucket, prefix } = parseS3Url(url);
    return {
      url,
      bucket,
      prefix,
      settings: s3SettingsFromEnv(env),
      graceSeconds: readInteger(env, 'DEPLOY_GRACE_SECONDS', DEFAULT_GRACE_SECONDS, 0),
      concurrency: readInteger(env, 'DEPLOY_CONCURRENCY', DEFAULT_DEPLOY_CONCURRENCY, 1),
    };
  } catch (error) {
    throw new Error(`DEPLOY_TARGET is set, but ${(error as Error).message}`, { cause: error });
  }
}

export function deployBuild(
  target: DeployTarget,
  dir: string,
  buildId: string,
  options: { log?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<DeploySummary> {
  return deployToBucket(dir, buildId, { ...target, ...options }).then((summary) => {
    options.log?.(`${target.url}: ${summaryLine(summary)}`);
    return summary;
  });
}
