/**
 * The bucket deploy's decisions, without a bucket (scripts/deploy/): which files go up (by
 * content hash and headers), in which order, which stale files are scheduled for deletion and
 * when they come due, the headers per file (and that they agree with deploy/nginx/site.conf),
 * the redirects, and the DEPLOY_TARGET settings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.ts';
import type { BuildFile } from '../../scripts/deploy/build-files.ts';
import { redirectsByKey } from '../../scripts/deploy/build-files.ts';
import {
  cacheControlOf,
  contentTypeOf,
  HASHED_ASSETS_FOLDER,
  IMMUTABLE_CACHE,
  isPage,
  REVALIDATE_CACHE,
} from '../../scripts/deploy/headers.ts';
import { emptyManifest, finishDeploy, planDeploy, type Manifest } from '../../scripts/deploy/plan.ts';
import { readDeployTarget } from '../../scripts/deploy/target.ts';
import { readRebuildConfig } from '../../scripts/rebuild/config.ts';

function file(filePath: string, content = filePath, redirect?: string): BuildFile {
  return {
    path: filePath,
    sha256: `sha-${content}`,
    size: content.length,
    contentType: contentTypeOf(filePath),
    cacheControl: cacheControlOf(filePath),
    ...(redirect ? { redirect } : {}),
  };
}

const V1 = [
  file('index.html', 'home v1'),
  file('novice/a/index.html'),
  file('novice/b/index.html'),
  file('_astro/site.AAA.css'),
  file('_astro/page.AAA.js'),
  file('media/cover.webp'),
  file('pagefind/pagefind-entry.json', 'entry v1'),
  file('pagefind/fragment/en_111.pf_fragment'),
  file('sitemap-0.xml', 'map v1'),
];

const T0 = new Date('2030-01-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The manifest after deploying `files` as `buildId` at `when`, with a grace period. */
function deployed(files: BuildFile[], previous: Manifest, buildId: string, when: Date, graceSeconds = 300) {
  return finishDeploy({ files, previous, buildId, pagesReplacedAt: when, graceSeconds });
}

const v1Manifest = deployed(V1, emptyManifest(), 'v1', T0).manifest;

describe('planDeploy: what goes up, and in which order', () => {
  it('uploads everything into an empty bucket, assets before pages, and stages every key first', () => {
    const plan = planDeploy(V1, emptyManifest());
    expect(plan.assets.map((f) => f.path)).toEqual([
      '_astro/site.AAA.css',
      '_astro/page.AAA.js',
      'media/cover.webp',
      'pagefind/fragment/en_111.pf_fragment',
    ]);
    expect(plan.pages.map((f) => f.path)).toEqual([
      'index.html',
      'novice/a/index.html',
      'novice/b/index.html',
      'pagefind/pagefind-entry.json',
      'sitemap-0.xml',
    ]);
    expect(plan.unchanged).toEqual([]);
    expect(plan.staging.staged).toHaveLength(V1.length);
  });

  it('uploads nothing for an unchanged build', () => {
    const plan = planDeploy(V1, v1Manifest);
    expect(plan.assets).toEqual([]);
    expect(plan.pages).toEqual([]);
    expect(plan.unchanged).toHaveLength(V1.length);
  });

  it('uploads the files whose content, headers or redirect changed, and only those', () => {
    const v2 = V1.map((f) => (f.path === 'index.html' ? file('index.html', 'home v2') : f));
    v2.push(file('_astro/site.BBB.css'));
    const moved = v2.map((f) => (f.path === 'novice/b/index.html' ? { ...f, redirect: '/novice/c/' } : f));
    const plan = planDeploy(moved, v1Manifest);
    expect(plan.assets.map((f) => f.path)).toEqual(['_astro/site.BBB.css']);
    expect(plan.pages.map((f) => f.path)).toEqual(['index.html', 'novice/b/index.html']);
    const retyped = V1.map((f) => (f.path === 'media/cover.webp' ? { ...f, cacheControl: IMMUTABLE_CACHE } : f));
    expect(planDeploy(retyped, v1Manifest).assets.map((f) => f.path)).toEqual(['media/cover.webp']);
  });

  it('uploads again what a deploy that stopped halfway may have written, whatever the manifest says', () => {
    const halfway: Manifest = { ...v1Manifest, staged: ['index.html', '_astro/site.BBB.css'] };
    const plan = planDeploy(V1, halfway);
    expect(plan.pages.map((f) => f.path)).toEqual(['index.html']);
    expect(plan.unchanged).toHaveLength(V1.length - 1);
  });

  it('keeps Pagefind’s entry file, which names the current index by its hash, for after its fragments', () => {
    expect(isPage('pagefind/pagefind-entry.json')).toBe(true);
    for (const asset of ['pagefind/pagefind.en_1.pf_meta', 'pagefind/index/en_1.pf_index', 'pagefind/pagefind.js'])
      expect(isPage(asset)).toBe(false);
    for (const page of ['rss.xml', 'delavnice.ics', 'robots.txt', '_redirects', 'redirects.json', '404.html'])
      expect(isPage(page)).toBe(true);
  });
});

describe('finishDeploy: stale files, deleted only after a grace period', () => {
  const v2 = V1.filter((f) => f.path !== '_astro/site.AAA.css' && f.path !== 'novice/b/index.html').concat(
    file('_astro/site.BBB.css'),
  );

  it('schedules the files the new build no longer has, due a grace period after the pages were replaced', () => {
    const result = deployed(v2, v1Manifest, 'v2', at(60));
    expect(result.scheduled).toEqual(['_astro/site.AAA.css', 'novice/b/index.html']);
    expect(result.deleteNow).toEqual([]);
    expect(result.manifest.pendingDeletions['_astro/site.AAA.css'].dueAt).toBe(at(360).toISOString());
    expect(Object.keys(result.manifest.files)).toEqual(v2.map((f) => f.path));
    expect(result.manifest.files['_astro/site.BBB.css'].build).toBe('v2');
    expect(result.manifest.files['index.html'].build).toBe('v1');
  });

  it('deletes them in a later deploy once due, and at once with no grace', () => {
    const v2Manifest = deployed(v2, v1Manifest, 'v2', at(60)).manifest;
    expect(deployed(v2, v2Manifest, 'v2', at(200)).deleteNow).toEqual([]);
    const later = deployed(v2, v2Manifest, 'v2', at(360));
    expect(later.deleteNow).toEqual(['_astro/site.AAA.css', 'novice/b/index.html']);
    expect(later.manifest.pendingDeletions).toEqual({});
    expect(later.scheduled).toEqual([]);
    expect(deployed(v2, v1Manifest, 'v2', at(60), 0).deleteNow).toEqual(['_astro/site.AAA.css', 'novice/b/index.html']);
  });

  it('keeps the first due time when a file stays stale over several deploys', () => {
    const v2Manifest = deployed(v2, v1Manifest, 'v2', at(60)).manifest;
    const again = deployed(v2, v2Manifest, 'v2', at(120)).manifest;
    expect(again.pendingDeletions['novice/b/index.html'].dueAt).toBe(at(360).toISOString());
  });

  it('un-schedules a file that comes back, without uploading it again when its content is the same', () => {
    const v2Manifest = deployed(v2, v1Manifest, 'v2', at(60)).manifest;
    const plan = planDeploy(V1, v2Manifest);
    expect(plan.unscheduled.sort()).toEqual(['_astro/site.AAA.css', 'novice/b/index.html']);
    expect(plan.assets.concat(plan.pages)).toEqual([]);
    const back = deployed(V1, v2Manifest, 'v1-again', at(120));
    expect(back.manifest.pendingDeletions).toEqual({ '_astro/site.BBB.css': expect.anything() });
    expect(back.manifest.files['_astro/site.AAA.css'].build).toBe('v1');
  });

  it('deletes what a stopped deploy staged and no build has, and what another tool left in the bucket', () => {
    const stopped: Manifest = { ...v1Manifest, staged: ['_astro/orphan.CCC.js'] };
    expect(deployed(V1, stopped, 'v1', at(10), 0).deleteNow).toEqual(['_astro/orphan.CCC.js']);
  });
});

describe('headers', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8', REVALIDATE_CACHE],
    ['_astro/site.AAA.css', 'text/css; charset=utf-8', IMMUTABLE_CACHE],
    ['_astro/page.AAA.js', 'text/javascript; charset=utf-8', IMMUTABLE_CACHE],
    ['_astro/photo.AAA.avif', 'image/avif', IMMUTABLE_CACHE],
    ['media/cover.webp', 'image/webp', REVALIDATE_CACHE],
    ['rss.xml', 'application/xml; charset=utf-8', REVALIDATE_CACHE],
    ['delavnice.ics', 'text/calendar; charset=utf-8', REVALIDATE_CACHE],
    ['pagefind/pagefind-entry.json', 'application/json; charset=utf-8', REVALIDATE_CACHE],
    ['pagefind/wasm.en.pagefind', 'application/octet-stream', REVALIDATE_CACHE],
    ['favicon.svg', 'image/svg+xml', REVALIDATE_CACHE],
    ['_redirects', 'text/plain; charset=utf-8', REVALIDATE_CACHE],
  ])('%s: %s, %s', (filePath, contentType, cacheControl) => {
    expect(contentTypeOf(filePath)).toBe(contentType);
    expect(cacheControlOf(filePath)).toBe(cacheControl);
  });

  it('are the caching policy nginx serves the same site with (deploy/nginx/site.conf)', () => {
    const conf = readFileSync(path.join(repoRoot, 'deploy', 'nginx', 'site.conf'), 'utf8');
    expect(conf).toContain(`set $cache_control "${REVALIDATE_CACHE}";`);
    const immutable = new RegExp(`location /${HASHED_ASSETS_FOLDER} \\{\\s*set \\$cache_control "([^"]+)";`);
    expect(immutable.exec(conf)?.[1]).toBe(IMMUTABLE_CACHE);
    expect(conf.match(/set \$cache_control/g)).toHaveLength(2);
  });
});

describe('redirects from the build’s _redirects', () => {
  it('go on the old path’s page, with the target percent-encoded for the header', () => {
    const byKey = redirectsByKey(
      '/novice/star/ /novice/nov/ 301\n/2017/02/14/%C4%8Dokoladni-dan /novice/čaj/ 301\n/stari.pdf /media/novi.pdf 301\n',
    );
    expect(Object.fromEntries(byKey)).toEqual({
      'novice/star/index.html': '/novice/nov/',
      '2017/02/14/čokoladni-dan/index.html': '/novice/%C4%8Daj/',
      'stari.pdf': '/media/novi.pdf',
    });
  });

  it('leave temporary redirects to their pages: an object redirect is always a 301, which browsers keep', () => {
    const byKey = redirectsByKey('/akcija/ /delavnice/ 302\n/stari-partner/ https://www.koper.si/ 301\n');
    expect(Object.fromEntries(byKey)).toEqual({ 'stari-partner/index.html': 'https://www.koper.si/' });
  });
});

describe('DEPLOY_TARGET settings', () => {
  const s3 = { S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret', S3_ENDPOINT: 'http://127.0.0.1:7480' };

  it('reads the bucket, the prefix, the shared S3 settings and the grace period', () => {
    const target = readDeployTarget({ ...s3, DEPLOY_TARGET: 's3://www-koper/site', DEPLOY_GRACE_SECONDS: '0' });
    expect(target).toMatchObject({ bucket: 'www-koper', prefix: 'site/', graceSeconds: 0 });
    expect(target?.settings).toMatchObject({ endpoint: 'http://127.0.0.1:7480', forcePathStyle: true });
    expect(readDeployTarget({ ...s3, DEPLOY_TARGET: 's3://www-koper' })).toMatchObject({
      prefix: '',
      graceSeconds: 300,
    });
    expect(readDeployTarget({})).toBeUndefined();
  });

  it.each([
    [{ ...s3, DEPLOY_TARGET: 'https://bucket.example/' }, /DEPLOY_TARGET is set, but .* is not an S3 address/],
    [{ DEPLOY_TARGET: 's3://www-koper' }, /DEPLOY_TARGET is set, but object storage needs S3_ACCESS_KEY_ID/],
    [{ ...s3, DEPLOY_TARGET: 's3://www-koper', DEPLOY_GRACE_SECONDS: '-5' }, /DEPLOY_GRACE_SECONDS must be a whole/],
  ])('refuses a wrong setting with a message naming it (%#)', (env, message) => {
    expect(() => readDeployTarget(env)).toThrow(message);
    expect(() => readRebuildConfig({ REBUILD_WEBHOOK_SECRET: 'x'.repeat(40), ...env })).toThrow(message);
  });
});
