/**
 * Faults during a site build, injected for real, each ending in a defined outcome:
 *   Strapi faults (through tests/helpers/faulty-proxy.ts): connection reset, no answer before
 *   the timeout, HTTP 500, 502 from a reverse proxy, malformed JSON. A persistent fault fails the
 *   build after a bounded number of attempts (STRAPI_RETRIES + 1) with a message naming the
 *   query, the URL and the reason; a transient one is retried away and the build completes.
 *   Strapi restarted mid-build: with enough retries the build completes with exactly the pages
 *   and HTML of an undisturbed build; without retries it fails clearly.
 *   Output faults (tests/helpers/filesystem-faults.ts): a file where the output folder must go,
 *   and a full disk (writes failing past a size limit). The build fails clearly and removes what it wrote.
 * In every case the live site (scripts/lib/live-site.ts) is the last good build, byte for byte,
 * and nothing unfinished is left where the live site is read from.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site-build.ts';
import {
  buildDir,
  currentBuildId,
  discardBuild,
  goLive,
  listBuilds,
  newBuildDir,
  partialDir,
} from '../../scripts/lib/live-site.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { SITE_URL } from '../helpers/demo-site';
import { fileInTheWay, withFileSizeLimit } from '../helpers/filesystem-faults';
import { startFaultyProxy, type FaultPlan, type FaultyProxy } from '../helpers/faulty-proxy';
import { builtPagePaths, readPage } from '../helpers/site-output';

let cms: TestCms;
let proxy: FaultyProxy;
let sitesDir: string;
let reference: { id: string; pages: string[] };
const tally = { injected: 0, survived: 0 };

/** A digest of every file of a folder, names and bytes. */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()) {
    hash.update(path.relative(dir, entry)).update(readFileSync(entry));
  }
  return hash.digest('hex');
}

let live: { id: string; fingerprint: string };

/** One rebuild as the rebuild service does it: a new folder under partial/, live only when complete. */
async function rebuild(env: NodeJS.ProcessEnv = {}): Promise<{ error?: Error; id: string; ms: number }> {
  const started = Date.now();
  const { id, dir } = newBuildDir(sitesDir);
  try {
    await buildSite({
      strapiUrl: proxy.url,
      tokenFile: cms.tokenFile,
      siteUrl: SITE_URL,
      outDir: dir,
      label: false,
      env,
    });
    goLive(sitesDir, id);
    live = { id, fingerprint: fingerprint(buildDir(sitesDir, id)) };
    return { id, ms: Date.now() - started };
  } catch (error) {
    // The build itself must have removed what it wrote; the service then drops the empty claim.
    expect(existsSync(dir), `a failed build left output in ${dir}`).toBe(false);
    discardBuild(sitesDir, id);
    return { error: error as Error, id, ms: Date.now() - started };
  }
}

function expectLastGoodSiteIntact(): void {
  expect(currentBuildId(sitesDir)).toBe(live.id);
  expect(fingerprint(buildDir(sitesDir, live.id))).toBe(live.fingerprint);
  expect(listBuilds(sitesDir)).toContain(live.id);
  // Only complete builds ever reach builds/, where the live site is read from.
  for (const id of listBuilds(sitesDir))
    expect(existsSync(path.join(buildDir(sitesDir, id), 'index.html')), id).toBe(true);
  expect(existsSync(partialDir(sitesDir)) ? readdirSync(partialDir(sitesDir)) : []).toEqual([]);
}

beforeAll(async () => {
  cms = await startTestCms();
  proxy = await startFaultyProxy(cms.url);
  sitesDir = tempDir('sites');
  const first = await rebuild();
  expect(first.error).toBeUndefined();
  reference = { id: first.id, pages: builtPagePaths(buildDir(sitesDir, first.id)) };
}, 300_000);

afterAll(async () => {
  console.log(
    `build-faults: ${tally.injected} faults injected (requests and writes), ${tally.survived} scenarios survived with the live site intact`,
  );
  await proxy?.close();
  await cms?.dispose();
  if (sitesDir) rmSync(sitesDir, { recursive: true, force: true });
});

async function withFault(plan: FaultPlan, env: NodeJS.ProcessEnv) {
  const before = proxy.faultsInjected;
  proxy.attempts.clear();
  proxy.setPlan({ ...plan });
  try {
    return await rebuild(env);
  } finally {
    proxy.setPlan(null);
    tally.injected += proxy.faultsInjected - before;
  }
}

describe('Strapi misbehaving during a build', () => {
  it.each<[FaultPlan['fault'], number, RegExp, NodeJS.ProcessEnv]>([
    ['http-500', 3, /HTTP 500/, {}],
    ['hang', 1, /timeout|aborted/i, { STRAPI_TIMEOUT_MS: '1000', STRAPI_RETRIES: '1' }],
    ['reset', 1, /fetch failed|socket|ECONNRESET|closed/i, { STRAPI_RETRIES: '1' }],
    ['bad-gateway', 1, /HTTP 502/, { STRAPI_RETRIES: '1' }],
    ['malformed', 1, /JSON|Unexpected|Unterminated/i, { STRAPI_RETRIES: '1' }],
  ])(
    '%s on every request: gives up after 1 + %i retries, naming the query, the URL and the reason',
    async (fault, retries, reason, env) => {
      const { error, ms } = await withFault({ fault, times: Infinity, delayMs: 5_000 }, env);
      expect(error, 'the build should fail').toBeInstanceOf(Error);
      const message = error!.message;
      expect(message).toMatch(
        new RegExp(`Strapi query "[^"]+" to ${proxy.url}/graphql failed after ${retries + 1} attempt\\(s\\)`),
      );
      expect(message).toMatch(reason);
      // Bounded: no operation was tried more than retries + 1 times, and the build gave up in time.
      expect(Math.max(...proxy.attempts.values())).toBeLessThanOrEqual(retries + 1);
      expect(ms).toBeLessThan(60_000);
      expectLastGoodSiteIntact();
      tally.survived += 1;
    },
  );

  it('a transient fault (the first requests reset) is retried away: the build completes and goes live', async () => {
    const { error } = await withFault({ fault: 'reset', times: 3 }, {});
    expect(error).toBeUndefined();
    expect(builtPagePaths(buildDir(sitesDir, live.id))).toEqual(reference.pages);
    expectLastGoodSiteIntact();
    tally.survived += 1;
  });
});

describe('Strapi restarted in the middle of a build', () => {
  /** Restarts Strapi on the build's first request and lets that request through only once Strapi is down. */
  async function buildDuringRestart(env: NodeJS.ProcessEnv) {
    let restarting: Promise<void> | undefined;
    proxy.onRequest(async (count) => {
      if (count !== 1 || restarting) return;
      restarting = cms.restart();
      for (
        let i = 0;
        i < 100 &&
        (await fetch(`${cms.url}/_health`).then(
          () => true,
          () => false,
        ));
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
    });
    proxy.resetCount();
    const result = await rebuild(env);
    await restarting;
    proxy.onRequest(null);
    tally.injected += 1;
    return result;
  }

  it('with retries to ride it out (STRAPI_RETRIES=6): completes, with the same pages and HTML as an undisturbed build', async () => {
    const { error } = await buildDuringRestart({ STRAPI_RETRIES: '6' });
    expect(error).toBeUndefined();
    const built = buildDir(sitesDir, live.id);
    expect(builtPagePaths(built)).toEqual(reference.pages);
    for (const urlPath of reference.pages)
      expect(readPage(built, urlPath), urlPath).toBe(readPage(buildDir(sitesDir, reference.id), urlPath));
    expectLastGoodSiteIntact();
    tally.survived += 1;
  });

  it('without retries (STRAPI_RETRIES=0): fails clearly, and the next build after the restart succeeds', async () => {
    const { error } = await buildDuringRestart({ STRAPI_RETRIES: '0' });
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(
      new RegExp(`Strapi query "[^"]+" to ${proxy.url}/graphql failed after 1 attempt\\(s\\): HTTP 502`),
    );
    expectLastGoodSiteIntact();
    expect((await rebuild()).error).toBeUndefined();
    tally.survived += 1;
  });
});

describe('output that cannot be written', () => {
  it('a file where the output folder must be: the build fails naming the path, the live site is untouched', async () => {
    const blocked = fileInTheWay(path.join(sitesDir, 'partial', 'blocked'));
    const error = await buildSite({
      strapiUrl: proxy.url,
      tokenFile: cms.tokenFile,
      siteUrl: SITE_URL,
      outDir: blocked,
      label: false,
    }).catch((e: Error) => e);
    tally.injected += 1;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/ENOTDIR|EEXIST|not a directory/);
    expect((error as Error).message).toContain(path.join(sitesDir, 'partial', 'blocked'));
    rmSync(path.join(sitesDir, 'partial', 'blocked'));
    expectLastGoodSiteIntact();
    tally.survived += 1;
  });

  it('a full disk: the build fails with the write error, removes what it wrote, the live site is untouched', async () => {
    // 40 KB per file: pages fit, the first larger write (an image, the search index) fails midway.
    const result = await withFileSizeLimit(40 * 1024, () => rebuild());
    tally.injected += 1;
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error!.message).toMatch(/EFBIG|file too large/i);
    console.log(
      `build-faults: full disk -> ${result.error!.message.split('\n').filter((l) => /EFBIG|too large/i.test(l))[0]}`,
    );
    expectLastGoodSiteIntact();
    expect((await rebuild()).error).toBeUndefined(); // space again: the next build succeeds
    tally.survived += 1;
  });
});
