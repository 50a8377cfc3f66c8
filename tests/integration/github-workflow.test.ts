/**
 * The GitHub path, run for real: the rebuild workflow's own `run:` steps, parsed from
 * .github/workflows/rebuild.yml, in a clean clone of the repository, against a real Strapi and
 * a "live site" served over HTTP. Earlier slugs and old WordPress URLs must survive: the build
 * reads the live site's path history and redirect map, turns them into redirects, and the
 * deployed site publishes both again for the next run, which is checked by a second run that
 * reads the first one's deploy. The first run deploys with DEPLOY_COMMAND alone; the second
 * also has DEPLOY_TARGET, a bucket on a real S3 server (Ceph, scripts/lib/object-storage.ts),
 * which `npm run deploy:site` fills before the command runs.
 *
 * Steps that use an action (checkout, setup-node, cache, upload-artifact) are GitHub's
 * machinery and are not run: the clone stands for the checkout, the pinned Node on PATH for
 * setup-node.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { MANIFEST_KEY } from '../../scripts/deploy/bucket.ts';
import { freePort } from '../../scripts/lib/net.ts';
import { startObjectStorage, type ObjectStorage } from '../../scripts/lib/object-storage.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startProcess } from '../../scripts/lib/processes.ts';
import { startStaticServer } from '../../scripts/lib/static-server.ts';
import { NGINX_REDIRECTS_FILE } from '../../site/src/lib/content/redirect-rules';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { readWorkflow, runnerShell, stepEnv, type ExpressionValues } from '../helpers/workflows';

const OLD_SLUG = '/novice/stari-naslov/';
const WORDPRESS_URL = '/2016/05/01/stari-clanek/';
const WORDPRESS_URL_ENCODED = '/2017/02/14/%C4%8Dokoladni-dan/';
// Set to run the workflow's own `npm ci` in the clone (minutes, and the registry) instead of
// linking the installed packages; either way only in the first run, which the cache step's
// restore after `npm ci` stands for in the second.
const REAL_INSTALL = process.env.GITHUB_WORKFLOW_TEST_NPM_CI === '1';
const BUCKET = 'www-koper-otok';

let storage: ObjectStorage;
let cms: TestCms;
let workDir: string;
let clone: string;
let liveServer: Server;
let liveRoot: string;
let siteUrl: string;
let historyKey: string;
let articlePath: string;
const deployed: string[] = [];
const logs: string[][] = [];

/**
 * Reuses the running checkout's installed packages instead of a full `npm ci` (minutes): the
 * root node_modules as one link, site/node_modules as a folder of links, so that Astro's cache
 * folder inside it (site/node_modules/.astro) belongs to the clone, as on a runner.
 */
function linkInstalledPackages(): void {
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'));
  const siteModules = path.join(repoRoot, 'site', 'node_modules');
  if (!existsSync(siteModules)) return;
  mkdirSync(path.join(clone, 'site', 'node_modules'));
  for (const entry of readdirSync(siteModules).filter((name) => name !== '.astro')) {
    symlinkSync(path.join(siteModules, entry), path.join(clone, 'site', 'node_modules', entry));
  }
}

/** The repository settings of a bucket deploy, as GitHub hands them to the deploy step. */
const bucketSettings = (): ExpressionValues => ({
  'vars.DEPLOY_TARGET': `s3://${BUCKET}`,
  'vars.DEPLOY_GRACE_SECONDS': '0',
  'vars.S3_ENDPOINT': storage.endpoint,
  'vars.S3_FORCE_PATH_STYLE': 'true',
  'secrets.S3_ACCESS_KEY_ID': storage.settings.accessKeyId,
  'secrets.S3_SECRET_ACCESS_KEY': storage.settings.secretAccessKey,
});

/** One run of the workflow's job, as a fresh runner would do it (the build caches excepted). */
async function runWorkflow(run: number): Promise<{ deployDir: string; log: string[] }> {
  const workflow = readWorkflow('rebuild.yml', clone);
  const job = workflow.jobs.build;
  const deployDir = path.join(workDir, `deployed-${run}`);
  const values: ExpressionValues = {
    'secrets.STRAPI_URL': cms.url,
    'secrets.STRAPI_READ_TOKEN': readFileSync(cms.tokenFile, 'utf8').trim(),
    'secrets.DEPLOY_COMMAND': 'mkdir -p "$DEPLOY_TO" && cp -R "$BUILD_DIR/." "$DEPLOY_TO/"',
    'vars.SITE_URL': siteUrl,
    'github.workspace': clone,
    'github.run_id': String(4000 + run),
    'runner.os': 'Linux',
    ...(run === 2 ? bucketSettings() : {}),
  };
  for (const folder of ['site/dist', 'live-site']) rmSync(path.join(clone, folder), { recursive: true, force: true });
  const log: string[] = [];
  for (const step of job.steps) {
    if (step.run === undefined) continue;
    expect(step.if, `${step.name}: the test cannot evaluate a step's if:`).toBeUndefined();
    const script = step.run.trim();
    const install = script.startsWith('npm ci ');
    if (install && run === 2) continue;
    if (install && !REAL_INSTALL) {
      linkInstalledPackages();
      continue;
    }
    const env = { ...stepEnv(workflow, job, step, values), DEPLOY_TO: deployDir };
    const [shell, args] = runnerShell(script);
    const proc = startProcess(shell, [...args], { cwd: clone, env, label: false });
    const code = await proc.exited;
    log.push(...proc.output);
    if (code !== 0) {
      throw new Error(
        `step "${step.name ?? script}" failed with exit code ${code}\n${proc.output.slice(-25).join('\n')}`,
      );
    }
  }
  return { deployDir, log };
}

beforeAll(async () => {
  workDir = tempDir('github-workflow');
  clone = path.join(workDir, 'repository');
  // A clean clone of the running checkout's HEAD: what is committed, nothing else.
  execFileSync('git', ['clone', '--quiet', repoRoot, clone]);

  storage = await startObjectStorage();
  await storage.createBucket(BUCKET, { publicRead: true });
  cms = await startTestCms();
  const { body } = await cms.graphql<{ articles: { documentId: string; slug: string }[] }>(
    '{ articles(locale: "sl", pagination: { limit: 1 }) { documentId slug } }',
  );
  const [article] = body.data!.articles;
  articlePath = `/novice/${article.slug}/`;
  historyKey = `article:${article.documentId}:sl`;

  // The site a previous deploy left live: the article used to live at OLD_SLUG, and the
  // WordPress importer's map sends an old permalink to that earlier slug.
  liveRoot = path.join(workDir, 'previous-live');
  mkdirSync(liveRoot);
  writeFileSync(path.join(liveRoot, 'path-history.json'), JSON.stringify({ [historyKey]: [OLD_SLUG, articlePath] }));
  writeFileSync(
    path.join(liveRoot, 'redirects.json'),
    JSON.stringify([
      { from: WORDPRESS_URL, to: OLD_SLUG },
      { from: '/2017/02/14/čokoladni-dan', to: '/novice/' },
    ]),
  );
  const port = await freePort();
  liveServer = await startStaticServer(() => liveRoot, port);
  siteUrl = `http://127.0.0.1:${port}`;

  for (const run of [1, 2]) {
    const result = await runWorkflow(run);
    deployed.push(result.deployDir);
    logs.push(result.log);
    // The next run reads what this one deployed, as it would from the real live site.
    liveRoot = result.deployDir;
  }
}, 600_000);

afterAll(async () => {
  await new Promise((resolve) => liveServer?.close(resolve));
  await cms?.dispose();
  await storage?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.each([1, 2])('run %i of the rebuild workflow', (run) => {
  const deployDir = () => deployed[run - 1];

  it('reads the live site’s path history and redirect map before building', () => {
    expect(logs[run - 1]).toContainEqual(
      expect.stringMatching(/live history: \d+ paths of entries into .*, 2 redirects into/),
    );
  });

  it('deploys the build through DEPLOY_COMMAND', () => {
    expect(existsSync(path.join(deployDir(), 'index.html'))).toBe(true);
    expect(existsSync(path.join(deployDir(), articlePath, 'index.html'))).toBe(true);
  });

  it('keeps the earlier slug and the WordPress URLs as HTTP redirects, chains collapsed to one hop', () => {
    const redirects = readFileSync(path.join(deployDir(), '_redirects'), 'utf8').split('\n');
    expect(redirects).toEqual(
      expect.arrayContaining([
        `${WORDPRESS_URL} ${articlePath} 301`,
        `${WORDPRESS_URL_ENCODED} /novice/ 301`,
        `${OLD_SLUG} ${articlePath} 301`,
      ]),
    );
    const nginx = readFileSync(path.join(deployDir(), NGINX_REDIRECTS_FILE), 'utf8');
    expect(nginx).toContain(`location = "${OLD_SLUG}" { return 301 "${articlePath}"; }`);
    expect(nginx).toContain(`location = "${WORDPRESS_URL}" { return 301 "${articlePath}"; }`);
  });

  it('keeps them as redirect pages, leading to the article, for hosts without HTTP redirects', () => {
    const refreshTarget = (from: string) => {
      const page = readFileSync(path.join(deployDir(), from, 'index.html'), 'utf8');
      return /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(page)?.[1];
    };
    expect(refreshTarget(OLD_SLUG)).toBe(articlePath);
    // The WordPress page is made from the map alone (Astro's redirects config), before the
    // moved pages are known, so it points at the earlier slug, whose page goes on to the article.
    expect(refreshTarget(WORDPRESS_URL)).toBe(OLD_SLUG);
    expect(refreshTarget('/2017/02/14/čokoladni-dan/')).toBe('/novice/');
  });

  it('publishes the path history with the earlier slug and the redirect map for the next run', () => {
    const history = JSON.parse(readFileSync(path.join(deployDir(), 'path-history.json'), 'utf8'));
    expect(history[historyKey]).toEqual([OLD_SLUG, articlePath]);
    expect(JSON.parse(readFileSync(path.join(deployDir(), 'redirects.json'), 'utf8'))).toEqual([
      { from: WORDPRESS_URL, to: OLD_SLUG },
      { from: '/2017/02/14/čokoladni-dan/', to: '/novice/' },
    ]);
  });
});

describe('run 2, with DEPLOY_TARGET', () => {
  it('deploys the build to the bucket with npm run deploy:site, file for file', async () => {
    expect(logs[1]).toContainEqual(expect.stringMatching(/s3:\/\/www-koper-otok: deployed build 4002: \d+ uploaded/));
    const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 10_000 }));
    const keys = (listed.Contents ?? []).map((object) => object.Key!).filter((key) => key !== MANIFEST_KEY);
    const files = readdirSync(deployed[1], { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(deployed[1], path.join(entry.parentPath, entry.name)));
    expect(keys.sort()).toEqual(files.sort());
  });

  it('writes the earlier slug’s page as an S3 redirect to the article', async () => {
    const head = await storage.client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `${OLD_SLUG.slice(1)}index.html` }),
    );
    expect(head.WebsiteRedirectLocation).toBe(articlePath);
  });
});

describe('the build caches', () => {
  it('are written where the workflow’s cache step keeps them: Astro’s image cache and the markdown cache', () => {
    const cacheStep = readWorkflow('rebuild.yml', clone).jobs.build.steps.find((step) =>
      step.uses?.startsWith('actions/cache@'),
    );
    const cacheDir = path.join(clone, String(cacheStep?.with?.path));
    expect(readdirSync(cacheDir).filter((name) => name.startsWith('markdown-cache-'))).toHaveLength(1);
    expect(readdirSync(path.join(cacheDir, 'assets')).length).toBeGreaterThan(0);
  });

  it('let the second run reuse the rendered markdown of the first', () => {
    expect(logs[1]).toContainEqual(expect.stringMatching(/\d+ markdown texts: [1-9]\d* reused from the last build/));
  });
});
