/**
 * One S3 client configuration for every script that talks to object storage (the site deploy,
 * backups, tests), read from the same S3_* variables the CMS's upload provider uses, so one
 * set of settings describes the association's storage.
 */
import { S3Client } from '@aws-sdk/client-s3';

export interface S3Settings {
  /** e.g. https://s3.example.org or http://127.0.0.1:7480; empty means AWS itself. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path rather than the host name: what Ceph, MinIO and most self-hosted servers need. */
  forcePathStyle: boolean;
}

/** Reads S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_FORCE_PATH_STYLE. */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3Settings {
  const missing = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`object storage needs ${missing.join(' and ')} (see docs/operations.md)`);
  const endpoint = env.S3_ENDPOINT || undefined;
  return {
    endpoint,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : Boolean(endpoint),
  };
}

/** The variables that hand `settings` to another process (Strapi, the rebuild service). */
export function s3Env(settings: S3Settings): NodeJS.ProcessEnv {
  return {
    ...(settings.endpoint ? { S3_ENDPOINT: settings.endpoint } : {}),
    S3_REGION: settings.region,
    S3_ACCESS_KEY_ID: settings.accessKeyId,
    S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    S3_FORCE_PATH_STYLE: String(settings.forcePathStyle),
  };
}

export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Newer SDKs add CRC32 checksums to every request, which Ceph and other S3 servers refuse.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** `s3://bucket/some/prefix` → bucket and key prefix ("" or ending in "/"). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (!match) throw new Error(`"${url}" is not an S3 address like s3://bucket or s3://bucket/prefix`);
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: match[1], prefix: prefix ? `${prefix}/` : '' };
}
