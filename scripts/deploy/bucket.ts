/**
 * The deploy's few operations on the bucket (read and write the manifest, list, upload, delete),
 * with the storage's refusals turned into messages that say what to fix.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { BuildFile } from './build-files.ts';
import { emptyManifest, type Manifest } from './plan.ts';

export interface BucketTarget {
  client: S3Client;
  bucket: string;
  /** "" or ending in "/". */
  prefix: string;
  /** For messages: the endpoint, or "AWS S3". */
  where: string;
}

/** Beside the site under the prefix; a build never has a folder of this name. */
export const MANIFEST_KEY = '.deploy/manifest.json';

const CREDENTIAL_ERRORS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'Forbidden']);

/** A storage error as a sentence naming the setting to check. */
export function explainStorageError(error: unknown, target: Pick<BucketTarget, 'bucket' | 'where'>): Error {
  const code = error instanceof S3ServiceException ? error.name : (error as NodeJS.ErrnoException | undefined)?.code;
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'NoSuchBucket' || (status === 404 && code === 'NotFound'))
    return new Error(
      `the bucket "${target.bucket}" does not exist at ${target.where}: create it, or correct DEPLOY_TARGET`,
      {
        cause: error,
      },
    );
  let message: string;
  if ((code && CREDENTIAL_ERRORS.has(code)) || status === 403)
    message = `${target.where} refused the credentials for bucket "${target.bucket}" (${code ?? status}): check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and the key's rights on the bucket`;
  else if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET')
    message = `cannot reach the object storage at ${target.where} (${code}): check S3_ENDPOINT and that the storage is up`;
  else message = `the object storage at ${target.where} failed: ${detail}`;
  return new Error(`${message}. The bucket still serves the previous complete site.`, { cause: error });
}

async function storage<T>(target: BucketTarget, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw explainStorageError(error, target);
  }
}

/** The manifest, or null when the bucket has none under this prefix (a first deploy). */
export async function readManifest(target: BucketTarget): Promise<Manifest | null> {
  try {
    const response = await target.client.send(
      new GetObjectCommand({ Bucket: target.bucket, Key: target.prefix + MANIFEST_KEY }),
    );
    const manifest = JSON.parse(await response.Body!.transformToString()) as Manifest;
    return { ...emptyManifest(), ...manifest };
  } catch (error) {
    if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return null;
    throw explainStorageError(error, target);
  }
}

export const writeManifest = (target: BucketTarget, manifest: Manifest) =>
  storage(target, () =>
    target.client.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: target.prefix + MANIFEST_KEY,
        Body: JSON.stringify(manifest),
        ContentType: 'application/json; charset=utf-8',
        CacheControl: 'no-store',
      }),
    ),
  );

/** Every key under the prefix, relative to it, the manifest excepted. */
export async function listKeys(target: BucketTarget): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await storage(target, () =>
      target.client.send(
        new ListObjectsV2Command({ Bucket: target.bucket, Prefix: target.prefix, ContinuationToken: token }),
      ),
    );
    for (const object of page.Contents ?? []) keys.push(object.Key!.slice(target.prefix.length));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.filter((key) => key !== MANIFEST_KEY);
}

export const uploadFile = (target: BucketTarget, dir: string, file: BuildFile) =>
  storage(target, () =>
    target.client.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: target.prefix + file.path,
        Body: readFileSync(path.join(dir, file.path)),
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
        // S3's own redirect for an old path, honoured by website endpoints and many CDNs; the
        // body stays the build's meta-refresh page for those that serve the object instead.
        WebsiteRedirectLocation: file.redirect,
        Metadata: { sha256: file.sha256 },
      }),
    ),
  );

/** DeleteObjects takes at most 1,000 keys a request. */
export async function deleteKeys(target: BucketTarget, keys: string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 1000) {
    const batch = keys.slice(start, start + 1000);
    const result = await storage(target, () =>
      target.client.send(
        new DeleteObjectsCommand({
          Bucket: target.bucket,
          Delete: { Objects: batch.map((key) => ({ Key: target.prefix + key })), Quiet: true },
        }),
      ),
    );
    const failed = result.Errors ?? [];
    if (failed.length > 0)
      throw new Error(
        `${target.where} did not delete ${failed.length} stale file(s), e.g. ${failed[0].Key}: ${failed[0].Message ?? failed[0].Code}; the next deploy tries again`,
      );
  }
}
