/**
 * Media in an S3 bucket, end to end, on one Ceph cluster (the S3 server) and one seeded Strapi with
 * UPLOAD_PROVIDER=s3: the WordPress importer's uploads land in the bucket and the imported articles
 * point at them; the site build downloads covers, partner logos, body images and linked files from
 * the bucket and the built site names neither the bucket nor the CMS; a backup restored into a
 * fresh database and an emptied bucket brings back every file entry, pointing at objects whose
 * bytes equal the originals' (originals and resized formats); a backup while the storage is down
 * fails with a message saying what to check and leaves no archive.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportReport } from '../../scripts/import-wordpress/import.ts';
import { startObjectStorage, type ObjectStorage } from '../../scripts/lib/object-storage.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { runProcess } from '../../scripts/lib/processes.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { dataDirEnv } from '../../scripts/lib/strapi.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { openEditor, type CmsEditor } from '../helpers/cms-editor';
import { snapshotCms, type CmsSnapshot } from '../helpers/cms-snapshot';
import { SITE_URL, DEMO_PAGE_TYPES } from '../helpers/demo-site';
import { allTextFiles, brokenInternalLinks, readPage } from '../helpers/site-output';

const WORDPRESS = path.join(repoRoot, 'tests', 'fixtures', 'wordpress');
const BUCKET = 'koper-otok-media';

interface LibraryFile {
  name: string;
  url: string;
  formats?: Record<string, { url: string }> | null;
}
interface ImportedArticle {
  slug: string;
  body: string;
  cover: { name: string; url: string } | null;
}

let storage: ObjectStorage;
let mediaBase: string;
let cms: TestCms;
let editor: CmsEditor;
const folders: string[] = [];

async function bucketKeys(): Promise<string[]> {
  const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1000 }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

async function emptyBucket(): Promise<void> {
  const keys = await bucketKeys();
  if (keys.length === 0) return;
  await storage.client.send(
    new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
  );
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const libraryFiles = async () =>
  (await cms.rest<LibraryFile[]>('GET', '/api/upload/files?pagination[pageSize]=100', undefined, editor.token)).body;

/** Runs one of the repository's scripts the way npm does, with the CMS's environment. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return runProcess(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], {
    cwd: repoRoot,
    env,
    label: false,
  });
}

/** The variables a tool needs to open the same database and bucket as a test Strapi in dataDir. */
function toolEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_CLIENT, DATABASE_FILENAME, PUBLIC_DIR } = dataDirEnv(dataDir);
  return { ...cms.env, DATABASE_CLIENT, DATABASE_FILENAME, PUBLIC_DIR };
}

beforeAll(async () => {
  storage = await startObjectStorage();
  await storage.createBucket(BUCKET, { publicRead: true });
  mediaBase = `${storage.endpoint}/${BUCKET}`;
  cms = await startTestCms({
    env: { ...storage.env, UPLOAD_PROVIDER: 's3', S3_BUCKET: BUCKET, S3_PUBLIC_URL: mediaBase },
  });
  editor = await openEditor(cms);
}, 240_000);

afterAll(async () => {
  await cms?.dispose();
  await storage?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the seeded demo', () => {
  it('keeps its media in the bucket: every file and format URL is an object there', async () => {
    const files = await libraryFiles();
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.some((file) => Object.keys(file.formats ?? {}).length > 0)).toBe(true);
    const urls = files.flatMap((file) => [file.url, ...Object.values(file.formats ?? {}).map((f) => f.url)]);
    for (const url of urls) expect(url.startsWith(`${mediaBase}/`), url).toBe(true);
    const keys = await bucketKeys();
    expect(urls.map((url) => decodeURIComponent(url.slice(mediaBase.length + 1))).sort()).toEqual(keys);
  });
});

describe('the WordPress importer on S3', () => {
  let report: ImportReport;
  let published: ImportedArticle[];

  beforeAll(async () => {
    const workDir = tempDir('wordpress-s3');
    folders.push(workDir);
    report = await runImport({
      file: path.join(WORDPRESS, 'export.xml'),
      uploadsDir: path.join(WORDPRESS, 'uploads'),
      strapiUrl: cms.url,
      token: editor.token,
      redirectsFile: path.join(workDir, 'redirects.json'),
    });
    const { body } = await cms.rest<{ data: ImportedArticle[] }>(
      'GET',
      '/api/articles?locale=sl&pagination[pageSize]=100&populate[cover][fields][0]=name&populate[cover][fields][1]=url',
    );
    published = body.data;
  }, 120_000);

  const article = (slug: string) => published.find((a) => a.slug === slug)!;

  it('uploads the old site’s files into the bucket, byte for byte where Strapi keeps them as they are', async () => {
    expect(report.media).toMatchObject({ uploaded: 7, reused: 0 });
    const pdf = (await libraryFiles()).find((f) => f.name === '2017-03-urnik-delavnic-2017.pdf')!;
    expect(pdf.url.startsWith(`${mediaBase}/`)).toBe(true);
    expect(await download(pdf.url)).toEqual(
      readFileSync(path.join(WORDPRESS, 'uploads', '2017/03/urnik-delavnic-2017.pdf')),
    );
  });

  it('gives the imported articles covers and body images on the bucket, all served', async () => {
    const cover = article('zivahno-mestno-jedro-kopra').cover!;
    expect(cover.name).toBe('2017-06-koper-otok-trg.jpg');
    expect(cover.url.startsWith(`${mediaBase}/`)).toBe(true);
    const gallery = article('galerija-dan-odprtih-vrat').body;
    const bodyUrls = [...gallery.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(bodyUrls).toHaveLength(2);
    for (const url of [cover.url, ...bodyUrls]) {
      expect(url.startsWith(`${mediaBase}/`), url).toBe(true);
      expect((await download(url)).length).toBeGreaterThan(50);
    }
    for (const a of published) {
      expect(a.body ?? '', a.slug).not.toContain('/wp-content/uploads/');
      expect(a.body ?? '', a.slug).not.toContain(cms.url);
    }
  });
});

describe('the site build with media in the bucket', () => {
  let outDir: string;
  const importedArticle = '/novice/galerija-dan-odprtih-vrat/';

  beforeAll(async () => {
    outDir = path.join(tempDir('site-s3'), 'dist');
    folders.push(path.dirname(outDir));
    await buildSite({
      strapiUrl: cms.url,
      tokenFile: cms.tokenFile,
      siteUrl: SITE_URL,
      outDir,
      label: false,
      // As in production: the site's web server passes the registration routes to Strapi.
      env: { MEDIA_URL: mediaBase, REGISTRATION_API_URL: '/' },
    });
  }, 300_000);

  it('downloads covers, partner logos, body images and linked files into the build', () => {
    const imagesOf = (page: string) =>
      [...readPage(outDir, page).matchAll(/<img[^>]* src="(\/[^"]+)"/g)].map((m) => m[1]);
    for (const page of [DEMO_PAGE_TYPES.article[0], DEMO_PAGE_TYPES.partner[0], importedArticle]) {
      expect(imagesOf(page).length, page).toBeGreaterThan(0);
    }
    expect(readPage(outDir, importedArticle)).toContain('<picture>');
    const pdf = readPage(outDir, '/novice/urnik-delavnic-2017/').match(/href="(\/media\/[^"]+\.pdf)"/)?.[1];
    expect(pdf).toBeDefined();
    expect(readFileSync(path.join(outDir, pdf!))).toEqual(
      readFileSync(path.join(WORDPRESS, 'uploads', '2017/03/urnik-delavnic-2017.pdf')),
    );
    expect(brokenInternalLinks(outDir)).toEqual([]);
  });

  it('names neither the bucket nor the CMS anywhere in the built site', () => {
    const leaks = allTextFiles(outDir)
      .filter(({ text }) => text.includes(storage.endpoint) || text.includes(new URL(cms.url).host))
      .map(({ file }) => path.relative(outDir, file));
    expect(leaks).toEqual([]);
  });
});

describe('backup and restore with media in the bucket', () => {
  let before: CmsSnapshot;
  let after: CmsSnapshot;
  let archive: string;
  let restored: TestCms;
  let keysBefore: string[];
  let failedArchive: string;
  let failedBackup: string;

  beforeAll(async () => {
    before = await snapshotCms(cms, editor);
    keysBefore = await bucketKeys();
    const backups = tempDir('backups-s3');
    folders.push(backups);
    archive = path.join(backups, 'koper-otok.tar.gz');

    // The storage down during a backup: the backup fails, says why and leaves no archive.
    failedArchive = path.join(backups, 'while-storage-down.tar.gz');
    await storage.stopGateway();
    failedBackup = await runScript('backup.ts', ['--file', failedArchive], toolEnv(cms.dataDir)).then(
      () => 'succeeded',
      (error: Error) => error.message,
    );
    await storage.startGateway();

    await runScript('backup.ts', ['--file', archive], toolEnv(cms.dataDir));

    // The server and its bucket lost: a fresh database, and not one object left to copy from.
    await cms.stop();
    await emptyBucket();
    expect(await bucketKeys()).toEqual([]);
    const freshDir = tempDir('restored-s3');
    await runScript('restore.ts', [archive], toolEnv(freshDir));
    restored = await startTestCms({ env: { ...cms.env, SEED_DEMO: 'false' }, dataDir: freshDir });
    after = await snapshotCms(restored, await openEditor(restored));
  }, 300_000);

  afterAll(async () => {
    console.log(
      `media-s3 backup: ${statSync(archive).size} bytes for ${before?.counts.files} files (${before?.counts.fileBytes} bytes of media, ${keysBefore?.length} objects)`,
    );
    await restored?.dispose();
  });

  it('fails a backup while the storage is down, saying what to check, and leaves no archive', () => {
    expect(failedBackup).toContain('backup failed: Error: a media file could not be read into the backup');
    expect(failedBackup).toContain('S3_PUBLIC_URL');
    expect(existsSync(failedArchive)).toBe(false);
  });

  it('puts every object back into the emptied bucket', async () => {
    expect(await bucketKeys()).toEqual(keysBefore);
  });

  it('brings back every file entry pointing at an object with the original bytes', () => {
    expect(before.counts.files).toBeGreaterThanOrEqual(9);
    expect(after.files).toEqual(before.files);
    expect(after.counts).toEqual(before.counts);
  });

  it('brings back every entry with its media references', () => {
    expect(after.entries).toEqual(before.entries);
  });
});
