/**
 * The built-in deploy to a bucket (DEPLOY_TARGET, scripts/deploy/) against a real S3 server
 * (Ceph's radosgw, scripts/lib/object-storage.ts), with generated sites shaped like Astro's
 * output (tests/helpers/generated-site.ts): the rebuild service deploys version 1, then version
 * 2 while readers fetch random pages from the bucket's public URLs and every asset each page
 * references, and none may be missing. Afterwards the bucket equals the build file for file,
 * with the right headers and the redirect, an unchanged redeploy uploads nothing, a rollback
 * restores version 1 exactly, and refused credentials or a missing bucket change nothing.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_KEY } from '../../scripts/deploy/bucket.ts';
import { deployToBucket } from '../../scripts/deploy/bucket-deploy.ts';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE } from '../../scripts/deploy/headers.ts';
import type { DeployTarget } from '../../scripts/deploy/target.ts';
import { buildDir, currentBuildId, listBuilds } from '../../scripts/lib/live-site.ts';
import { startObjectStorage, type ObjectStorage } from '../../scripts/lib/object-storage.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startProcess } from '../../scripts/lib/processes.ts';
import { deployInTurn } from '../../scripts/rebuild/deploy.ts';
import { generateWebhookSecret } from '../../scripts/rebuild/secret.ts';
import { startRebuildService, type RebuildService } from '../../scripts/rebuild/service.ts';
import { articleNumbers, generateSite, MOVED_ARTICLE, referencedPaths } from '../helpers/generated-site.ts';

const BUCKET = 'www-koper-otok';
const PREFIX = 'site/';
const ARTICLES = 240;
/** Long enough for every reader to finish with the pages it loaded before the switch. */
const GRACE_SECONDS = 3;
const READERS = 6;

let storage: ObjectStorage;
let workDir: string;
let sitesDir: string;
const versionDirs: Record<number, string> = {};
let service: RebuildService;
let serviceVersion = 1;
const serviceLog: string[] = [];
let target: DeployTarget;
let v2DeployedAt = 0;

const objectKey = (sitePath: string) => PREFIX + decodeURI(sitePath.replace(/^\//, ''));
const publicUrl = (key: string) => storage.objectUrl(BUCKET, key);

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** Every file of a folder as path -> MD5, sorted. */
function buildContents(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    entries
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort()
      .map((file) => [file, md5(readFileSync(path.join(dir, file)))]),
  );
}

/**
 * Every object under the prefix as path -> MD5, the manifest excepted. An object written by one
 * PutObject (the deploy never uploads in parts) has the MD5 of its bytes as its ETag.
 */
async function bucketContents(): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await storage.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      const etag = object.ETag!.replaceAll('"', '');
      expect(etag, `${object.Key} was uploaded in parts`).toMatch(/^[0-9a-f]{32}$/);
      contents[object.Key!.slice(PREFIX.length)] = etag;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  delete contents[MANIFEST_KEY];
  return Object.fromEntries(Object.entries(contents).sort(([a], [b]) => (a < b ? -1 : 1)));
}

interface ReaderTally {
  requests: number;
  pagesRead: number;
  /** Pages not (yet, or no longer) in the bucket: a new page before its upload. Not a failure. */
  pagesAbsent: number;
  missingAssets: string[];
  /** Pages seen per stylesheet: proves the readers saw both versions during the deploy. */
  stylesheets: Map<string, number>;
}

/** A visitor: a random page, then everything it references (and what Pagefind's files reference). */
async function readOnce(pageKeys: string[], tally: ReaderTally): Promise<void> {
  const key = pageKeys[Math.floor(Math.random() * pageKeys.length)];
  const response = await fetch(publicUrl(PREFIX + key));
  tally.requests++;
  // Anonymous readers may not list the bucket, so S3 answers a missing object with 403, not 404.
  if (response.status === 403 || response.status === 404) {
    await response.arrayBuffer();
    tally.pagesAbsent++;
    return;
  }
  expect(response.status, key).toBe(200);
  const body = await response.text();
  tally.pagesRead++;
  const stylesheet = /href="(\/_astro\/site\.[^"]+)"/.exec(body)?.[1];
  if (stylesheet) tally.stylesheets.set(stylesheet, (tally.stylesheets.get(stylesheet) ?? 0) + 1);
  let references = referencedPaths(key, body).map((sitePath) => ({ from: key, sitePath }));
  while (references.length > 0) {
    const next: typeof references = [];
    for (const { from, sitePath } of references) {
      const asset = await fetch(publicUrl(objectKey(sitePath)));
      tally.requests++;
      const text = await asset.text();
      if (asset.status !== 200) tally.missingAssets.push(`${from} -> ${sitePath}: ${asset.status}`);
      else if (sitePath.endsWith('.pf_meta'))
        next.push(...referencedPaths(sitePath, text).map((p) => ({ from: sitePath, sitePath: p })));
    }
    references = next;
  }
}

async function readWhile(pageKeys: string[], running: () => boolean): Promise<ReaderTally> {
  const tally: ReaderTally = { requests: 0, pagesRead: 0, pagesAbsent: 0, missingAssets: [], stylesheets: new Map() };
  const reader = async () => {
    while (running()) await readOnce(pageKeys, tally);
  };
  await Promise.all(Array.from({ length: READERS }, reader));
  return tally;
}

const pageKeysOf = (dir: string) => [
  ...Object.keys(buildContents(dir)).filter((file) => file.endsWith('.html')),
  'pagefind/pagefind-entry.json',
];

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = startProcess(process.execPath, [path.join(repoRoot, script), ...args], {
    cwd: repoRoot,
    label: false,
    env: { ...storage.env, DEPLOY_TARGET: `s3://${BUCKET}/${PREFIX}`, ...env },
  });
  return child.exited.then((code) => ({ code, output: child.output.join('\n') }));
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-bucket-deploy-'));
  for (const version of [1, 2]) {
    versionDirs[version] = path.join(workDir, `v${version}`);
    generateSite(versionDirs[version], { version, articles: ARTICLES });
  }
  storage = await startObjectStorage();
  await storage.createBucket(BUCKET, { publicRead: true });
  target = {
    url: `s3://${BUCKET}/${PREFIX}`,
    bucket: BUCKET,
    prefix: PREFIX,
    settings: storage.settings,
    graceSeconds: GRACE_SECONDS,
    concurrency: 8,
  };
  sitesDir = path.join(workDir, 'sites');
  service = await startRebuildService({
    secret: generateWebhookSecret(),
    sitesDir,
    port: 0,
    statusPort: 0,
    serveSite: false,
    maxRetries: 0,
    build: async (outDir) => cpSync(versionDirs[serviceVersion], outDir, { recursive: true }),
    deploy: deployInTurn({ deployTarget: target, log: (line) => serviceLog.push(line) }),
    log: (line) => serviceLog.push(line),
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await storage?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('deploying to a bucket', () => {
  it('the rebuild service deploys a build to DEPLOY_TARGET after its switch', async () => {
    service.buildNow();
    await service.whenIdle();
    expect(service.status().lastBuild).toMatchObject({ result: 'succeeded', error: null });
    const files = Object.keys(buildContents(versionDirs[1])).length;
    expect(serviceLog).toContainEqual(expect.stringMatching(new RegExp(`: deployed build .*: ${files} uploaded`)));
    expect(await bucketContents()).toEqual(buildContents(versionDirs[1]));
  });

  it('while the next build deploys, readers never get a page whose CSS, script, image or index file is missing', async () => {
    serviceVersion = 2;
    const pageKeys = [...new Set([...pageKeysOf(versionDirs[1]), ...pageKeysOf(versionDirs[2])])];
    let deploying = true;
    const started = Date.now();
    const readers = readWhile(pageKeys, () => deploying);
    service.buildNow();
    await service.whenIdle();
    v2DeployedAt = Date.now();
    // A moment more: visitors who loaded an old page just before its replacement still fetch its assets.
    await new Promise((resolve) => setTimeout(resolve, 500));
    deploying = false;
    const tally = await readers;
    console.log(
      `bucket deploy readers: ${tally.requests} requests (${tally.pagesRead} pages read, ${tally.pagesAbsent} not yet there) ` +
        `in ${Date.now() - started} ms, ${tally.missingAssets.length} missing assets; pages per stylesheet: ` +
        JSON.stringify(Object.fromEntries(tally.stylesheets)),
    );
    expect(service.status().lastBuild).toMatchObject({ result: 'succeeded', error: null });
    expect(tally.missingAssets).toEqual([]);
    expect(tally.pagesRead).toBeGreaterThan(20);
    // Both versions were read while the deploy ran: the readers overlapped it.
    expect(tally.stylesheets.size).toBe(2);
  });

  it('keeps the stale files for the grace period, then an unchanged redeploy uploads nothing and deletes them', async () => {
    const stale = Object.keys(buildContents(versionDirs[1])).filter((file) => !(file in buildContents(versionDirs[2])));
    expect(stale.length).toBeGreaterThan(10);
    const contents = await bucketContents();
    for (const file of stale) expect(contents, file).toHaveProperty([file]);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, v2DeployedAt + GRACE_SECONDS * 1000 - Date.now())));
    const { code, output } = await runScript('scripts/deploy/main.ts', [versionDirs[2], 'v2-again'], {});
    expect(code, output).toBe(0);
    expect(output).toMatch(
      /0 uploaded \(0\.0 MB\), \d+ unchanged, 0 scheduled for deletion, (\d+) deleted, 0 awaiting/,
    );
    expect(output).toContain(`, ${stale.length} deleted`);
    expect(await bucketContents()).toEqual(buildContents(versionDirs[2]));
  });

  it('serves each file with its content type and caching policy', async () => {
    const head = (file: string) => storage.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: PREFIX + file }));
    const css = Object.keys(buildContents(versionDirs[2])).find((file) => file.endsWith('.css'))!;
    const expected: [string, string, string][] = [
      ['index.html', 'text/html; charset=utf-8', REVALIDATE_CACHE],
      [css, 'text/css; charset=utf-8', IMMUTABLE_CACHE],
      ['media/cover-0.jpg', 'image/jpeg', REVALIDATE_CACHE],
      ['rss.xml', 'application/xml; charset=utf-8', REVALIDATE_CACHE],
      ['pagefind/pagefind-entry.json', 'application/json; charset=utf-8', REVALIDATE_CACHE],
    ];
    for (const [file, contentType, cacheControl] of expected) {
      expect(await head(file), file).toMatchObject({ ContentType: contentType, CacheControl: cacheControl });
    }
    const fromPublicUrl = await fetch(publicUrl(PREFIX + css));
    await fromPublicUrl.arrayBuffer();
    expect(fromPublicUrl.headers.get('cache-control')).toBe(IMMUTABLE_CACHE);
  });

  it('writes the old path of a moved page as an S3 redirect, its body the build’s redirect page', async () => {
    const oldPage = `novice/clanek-${MOVED_ARTICLE}/index.html`;
    const head = await storage.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: PREFIX + oldPage }));
    expect(head.WebsiteRedirectLocation).toBe(`/novice/clanek-${MOVED_ARTICLE}-nov/`);
    const response = await fetch(publicUrl(PREFIX + oldPage));
    expect(response.headers.get('x-amz-website-redirect-location')).toBe(`/novice/clanek-${MOVED_ARTICLE}-nov/`);
    expect(await response.text()).toContain('http-equiv="refresh"');
  });

  it('npm run rollback redeploys the kept earlier build, and the bucket is that build exactly', async () => {
    const [v1Build, v2Build] = listBuilds(sitesDir);
    expect(currentBuildId(sitesDir)).toBe(v2Build);
    const { code, output } = await runScript('scripts/rebuild/rollback.ts', [], {
      SITES_DIR: sitesDir,
      DEPLOY_GRACE_SECONDS: '0',
    });
    expect(code, output).toBe(0);
    expect(output).toContain(`the live site is now build ${v1Build}`);
    expect(await bucketContents()).toEqual(buildContents(buildDir(sitesDir, v1Build)));
    expect(articleNumbers({ version: 1, articles: ARTICLES })).toHaveLength(ARTICLES);
  });

  it('a deploy stopped after the assets leaves every old page with its assets; the next one finishes the job', async () => {
    const v1Build = listBuilds(sitesDir)[0];
    const v1 = buildContents(buildDir(sitesDir, v1Build));
    const stop = new AbortController();
    const stopped = deployToBucket(versionDirs[2], 'stopped', {
      bucket: BUCKET,
      prefix: PREFIX,
      graceSeconds: 0,
      settings: storage.settings,
      signal: stop.signal,
      log: (line) => {
        if (line.includes('assets uploaded')) stop.abort(new Error('stopped after the assets'));
      },
    });
    await expect(stopped).rejects.toThrow('stopped after the assets');
    const halfway = await bucketContents();
    const pages = Object.keys(v1).filter((file) => file.endsWith('.html'));
    for (const page of pages) expect(halfway[page], page).toBe(v1[page]);
    const tally: ReaderTally = { requests: 0, pagesRead: 0, pagesAbsent: 0, missingAssets: [], stylesheets: new Map() };
    for (const page of pages.slice(0, 40)) await readOnce([page], tally);
    expect(tally.missingAssets).toEqual([]);

    const finished = await deployToBucket(versionDirs[2], 'finished', {
      bucket: BUCKET,
      prefix: PREFIX,
      graceSeconds: 0,
      settings: storage.settings,
    });
    expect(finished.uploaded).toBeGreaterThan(0);
    expect(await bucketContents()).toEqual(buildContents(versionDirs[2]));
  });

  it('stops with a clear message when the storage refuses the credentials or the bucket is missing, changing nothing', async () => {
    const before = await bucketContents();
    const options = { bucket: BUCKET, prefix: PREFIX, graceSeconds: 0 };
    const refused = deployToBucket(versionDirs[2], 'refused', {
      ...options,
      settings: { ...storage.settings, secretAccessKey: 'not-the-secret' },
    });
    await expect(refused).rejects.toThrow(
      /refused the credentials for bucket "www-koper-otok" .*check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY.*still serves the previous complete site/,
    );
    const missing = deployToBucket(versionDirs[2], 'missing', {
      ...options,
      bucket: 'no-such-bucket',
      settings: storage.settings,
    });
    await expect(missing).rejects.toThrow(/the bucket "no-such-bucket" does not exist at http:.*correct DEPLOY_TARGET/);
    expect(await bucketContents()).toEqual(before);
  });
});
