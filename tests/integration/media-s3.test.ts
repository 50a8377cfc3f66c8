/**
 * Media in an S3-compatible bucket (UPLOAD_PROVIDER=s3, cms/src/upload/): a real Strapi on SQLite
 * stores uploads, their responsive formats, replacements and deletions in a real Ceph gateway
 * (scripts/lib/object-storage.ts), serves them from the bucket's public URL, and when the bucket
 * is down, refuses the keys or refuses one of the formats, the editor gets a clear message and
 * no file of the media library points at a missing object, nor is any object left over.
 */
import {
  DeleteObjectCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
} from '@aws-sdk/client-s3';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { startObjectStorage, type ObjectStorage } from '../../scripts/lib/object-storage.ts';
import { generateSecrets, startStrapi } from '../../scripts/lib/strapi.ts';
import { adminSession, type AdminSession } from '../helpers/admin-api';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { solidPng } from '../helpers/cms-editor';

const BUCKET = 'media';

interface StoredFormat {
  url: string;
  hash: string;
  mime: string;
}
interface StoredFile extends StoredFormat {
  id: number;
  formats: Record<string, StoredFormat> | null;
  provider: string;
}
interface Answer<T> {
  status: number;
  body: T;
}
interface ErrorBody {
  error: { status: number; name: string; message: string };
}

let storage: ObjectStorage;
let cms: TestCms;
let admin: AdminSession;

function mediaEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...storage.env, UPLOAD_PROVIDER: 's3', S3_BUCKET: BUCKET, SEED_DEMO: 'false', ...overrides };
}

beforeAll(async () => {
  storage = await startObjectStorage();
  await storage.createBucket(BUCKET, { publicRead: true });
  cms = await startTestCms({ env: mediaEnv() });
  admin = await adminSession(cms.url, DEMO_ADMIN);
});
afterAll(async () => {
  await cms?.dispose();
  await storage?.stop();
});

/** POST /upload as the admin's media library does; with `replaceId` it replaces that file. */
async function postImage(
  baseUrl: string,
  token: string,
  png: Buffer,
  name: string,
  replaceId?: number,
): Promise<Answer<unknown>> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), name);
  form.append('fileInfo', JSON.stringify({ name }));
  const response = await fetch(`${baseUrl}/upload${replaceId ? `?id=${replaceId}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function uploadImage(png: Buffer, name: string): Promise<StoredFile> {
  const answer = await postImage(cms.url, admin.token, png, name);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return (answer.body as StoredFile[])[0];
}

async function mediaLibrary(): Promise<StoredFile[]> {
  const { status, body } = await admin.request<{ results: StoredFile[] }>('GET', '/upload/files?pageSize=100');
  expect(status).toBe(200);
  return body.results;
}

async function bucketKeys(): Promise<string[]> {
  const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

async function objectBytes(key: string): Promise<Buffer> {
  const object = await storage.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** The original and each format of a file, as Strapi stored them. */
const versions = (file: StoredFile): StoredFormat[] => [file, ...Object.values(file.formats ?? {})];

const keyOf = (url: string) => {
  const base = storage.objectUrl(BUCKET, '');
  expect(url.startsWith(base), `${url} is not in the bucket ${base}`).toBe(true);
  return url.slice(base.length);
};

const keysOf = (files: StoredFile[]) =>
  files
    .flatMap(versions)
    .map((version) => keyOf(version.url))
    .sort();

/** Every version is served at its stored URL, byte for byte the object in the bucket. */
async function expectServedFromBucket(file: StoredFile): Promise<Map<string, Buffer>> {
  const served = new Map<string, Buffer>();
  for (const version of versions(file)) {
    const response = await fetch(version.url);
    expect(response.status, version.url).toBe(200);
    expect(response.headers.get('content-type')).toBe(version.mime);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(await objectBytes(keyOf(version.url))), version.url).toBe(true);
    served.set(version.url, bytes);
  }
  return served;
}

const publicRead = {
  Effect: 'Allow',
  Principal: '*',
  Action: ['s3:GetObject'],
  Resource: [`arn:aws:s3:::${BUCKET}/*`],
};

/** Runs `action` while the bucket refuses to write objects whose key starts with `prefix`. */
async function whileRefusingWrites<T>(prefix: string, action: () => Promise<T>): Promise<T> {
  const policy = (statements: object[]) =>
    new PutBucketPolicyCommand({
      Bucket: BUCKET,
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    });
  const refusal = {
    Effect: 'Deny',
    Principal: '*',
    Action: ['s3:PutObject'],
    Resource: [`arn:aws:s3:::${BUCKET}/${prefix}*`],
  };
  await storage.client.send(policy([publicRead, refusal]));
  try {
    return await action();
  } finally {
    await storage.client.send(policy([publicRead]));
  }
}

/** The bucket holds exactly the objects of the media library's files: none missing, none left over. */
async function expectBucketMatchesLibrary(): Promise<void> {
  expect(await bucketKeys()).toEqual(keysOf(await mediaLibrary()));
}

describe('media in an S3 bucket', () => {
  let photo: StoredFile;
  let firstVersions: Map<string, Buffer>;

  it('stores an upload and its responsive formats in the bucket, served at the URLs Strapi stores', async () => {
    photo = await uploadImage(solidPng(1600, 1200, [200, 40, 40]), 'pristan.png');
    expect(photo.provider).toBe('aws-s3');
    expect(Object.keys(photo.formats ?? {}).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    firstVersions = await expectServedFromBucket(photo);
    await expectBucketMatchesLibrary();
    // Public through the bucket's policy, not a per-object ACL (which buckets without ACLs refuse).
    const acl = await storage.client.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: keyOf(photo.url) }));
    expect(acl.Grants?.map((grant) => grant.Grantee?.URI).filter(Boolean)).toEqual([]);
  });

  it('lets the admin show images and video from the bucket (Content Security Policy)', async () => {
    const response = await fetch(`${cms.url}/_health`);
    await response.arrayBuffer();
    const policy = response.headers.get('content-security-policy') ?? '';
    const origin = new URL(storage.endpoint).origin;
    expect(policy).toMatch(new RegExp(`img-src [^;]*'self'[^;]* ${origin}(;|$)`));
    expect(policy).toMatch(new RegExp(`media-src [^;]*'self'[^;]* ${origin}(;|$)`));
  });

  it('replaces a file: the new image is served at the same URL, formats it no longer has are deleted', async () => {
    const answer = await postImage(cms.url, admin.token, solidPng(400, 300, [20, 120, 40]), 'pristan.png', photo.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const replaced = answer.body as StoredFile;
    expect(replaced.url).toBe(photo.url);
    expect(Object.keys(replaced.formats ?? {})).toEqual(['thumbnail']);
    const served = await expectServedFromBucket(replaced);
    for (const version of versions(replaced)) {
      expect(served.get(version.url)!.equals(firstVersions.get(version.url)!), version.url).toBe(false);
    }
    await expectBucketMatchesLibrary();
    photo = replaced;
  });

  it('deletes a file and its objects', async () => {
    const { status } = await admin.request('DELETE', `/upload/files/${photo.id}`);
    expect(status).toBe(200);
    expect(await mediaLibrary()).toEqual([]);
    expect(await bucketKeys()).toEqual([]);
    // S3 answers 403 rather than 404 for a missing object to whoever may not list the bucket.
    for (const version of versions(photo)) expect([403, 404]).toContain((await fetch(version.url)).status);
  });

  it('deletes a file whose object is already gone from the bucket', async () => {
    const file = await uploadImage(solidPng(300, 200), 'manjka.png');
    await storage.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: keyOf(file.url) }));
    const { status } = await admin.request('DELETE', `/upload/files/${file.id}`);
    expect(status).toBe(200);
    expect(await mediaLibrary()).toEqual([]);
    expect(await bucketKeys()).toEqual([]);
  });
});

describe('when the bucket fails', () => {
  let kept: StoredFile;

  beforeAll(async () => {
    kept = await uploadImage(solidPng(600, 400), 'ostane.png');
  });

  it('with the gateway stopped, an upload gets a clear message and leaves no file behind', async () => {
    await storage.stopGateway();
    try {
      const answer = await postImage(cms.url, admin.token, solidPng(1200, 900), 'nedosegljivo.png');
      expect(answer.status).toBe(503);
      const { error } = answer.body as ErrorBody;
      expect(error.message).toMatch(/^Shramba datotek ni dosegljiva, zato datoteka ni bila shranjena\./);
      expect(error.message).toContain('The file storage cannot be reached');
      // Deleting while the storage is down keeps the file: its objects are still in the bucket.
      const removal = await admin.request<ErrorBody>('DELETE', `/upload/files/${kept.id}`);
      expect(removal.status).toBe(503);
      expect(removal.body.error.message).toMatch(/^Shramba datotek ni dosegljiva, zato datoteka ni bila izbrisana\./);
      expect((await mediaLibrary()).map((file) => file.id)).toEqual([kept.id]);
    } finally {
      await storage.startGateway();
    }
    await expectBucketMatchesLibrary();
    await expectServedFromBucket(kept);
  });

  it('after the gateway is back, uploads work again', async () => {
    const file = await uploadImage(solidPng(1200, 900), 'spet-dela.png');
    await expectServedFromBucket(file);
    await expectBucketMatchesLibrary();
  });

  it('when the bucket refuses one format, the objects already written are deleted and no file is added', async () => {
    const before = await mediaLibrary();
    // Only the "large" format is refused: the original and the smaller formats are written.
    const answer = await whileRefusingWrites('large_', () =>
      postImage(cms.url, admin.token, solidPng(1600, 1200), 'zavrnjeno.png'),
    );
    expect(answer.status).toBe(503);
    expect((answer.body as ErrorBody).error.message).toMatch(/^Shramba datotek je zavrnila dostop/);
    expect(await mediaLibrary()).toEqual(before);
    await expectBucketMatchesLibrary();
  });

  it('when a replacement fails, the file keeps every format it lists', async () => {
    const large = await uploadImage(solidPng(1600, 1200, [90, 90, 200]), 'zamenjava.png');
    // The smaller image drops large, medium and small; its thumbnail is refused.
    const answer = await whileRefusingWrites('thumbnail_', () =>
      postImage(cms.url, admin.token, solidPng(400, 300), 'zamenjava.png', large.id),
    );
    expect(answer.status).toBe(503);
    const stored = (await mediaLibrary()).find((file) => file.id === large.id)!;
    expect(Object.keys(stored.formats ?? {}).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    await expectServedFromBucket(stored);
    await expectBucketMatchesLibrary();
  });

  it('with a wrong secret key, an upload gets a clear message and adds no file', async () => {
    const wrongKey = await startTestCms({ env: mediaEnv({ S3_SECRET_ACCESS_KEY: 'not-the-secret-key' }) });
    try {
      const session = await adminSession(wrongKey.url, DEMO_ADMIN);
      const answer = await postImage(wrongKey.url, session.token, solidPng(800, 600), 'kljuc.png');
      expect(answer.status).toBe(503);
      const { error } = answer.body as ErrorBody;
      expect(error.message).toMatch(/^Shramba datotek je zavrnila dostop, zato datoteka ni bila shranjena\./);
      expect(error.message).toContain('S3_SECRET_ACCESS_KEY');
      const library = await session.request<{ results: StoredFile[] }>('GET', '/upload/files');
      expect(library.body.results).toEqual([]);
    } finally {
      await wrongKey.dispose();
    }
    await expectBucketMatchesLibrary();
  });
});

describe('start-up', () => {
  it('refuses to start with UPLOAD_PROVIDER=s3 and no bucket, naming what is missing', async () => {
    const dataDir = tempDir('cms-no-bucket');
    try {
      const env = { ...generateSecrets(), ...mediaEnv({ S3_BUCKET: '' }) };
      await expect(startStrapi({ dataDir, env, label: false })).rejects.toThrow(
        'Refusing to start: UPLOAD_PROVIDER=s3 needs S3_BUCKET.',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
