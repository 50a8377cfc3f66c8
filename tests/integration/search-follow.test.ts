/**
 * The search index following the live site (scripts/rebuild/search-follower.ts) with the real
 * Pagefind, over a small sites folder laid out by scripts/lib/live-site.ts: builds go live as a
 * partial rebuild makes them (hard links to the live build's files, a few pages changed) or as
 * a full build without an index of its own (carrySearchIndex). Searches run in Debian's Chromium
 * with Pagefind's own JavaScript; while indexes are replaced, readers fetch the entry file and
 * the files it leads to over HTTP, and a check on every event-loop turn reads them from disk
 * between any two file moves: none may be missing.
 */
import {
  existsSync,
  mkdtempSync,
  realpathSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTree, listFiles, writeFileByRename } from '../../scripts/lib/file-tree.ts';
import { buildDir, currentBuildId, goLive, liveLink, newBuildDir, rollBack } from '../../scripts/lib/live-site.ts';
import { resolveRoot, startStaticServer } from '../../scripts/lib/static-server.ts';
import {
  createSearchFollower,
  indexWithPagefind,
  type IndexFunction,
  type SearchFollower,
} from '../../scripts/rebuild/search-follower.ts';
import { carrySearchIndex, ENTRY_FILE, pagesOf, SEARCH_INDEX_DIR } from '../../scripts/rebuild/search-index-files.ts';
import { launchChromium, loopbackContext } from '../helpers/browser.ts';

/** Longer than one reader's pass over the index, far shorter than a real deployment's. */
const GRACE_MS = 1500;
/** Pages besides the named ones, so an index has hundreds of files and several index chunks. */
const FILLER_PAGES = 200;
/** Chunks and fragments a reader fetches per pass, picked at random from those the meta file names. */
const SAMPLE = 20;

let workDir: string;
let sitesDir: string;
let server: Server;
let siteUrl: string;
let browser: Browser;
let context: BrowserContext;

const page = (title: string, text: string) =>
  `<!doctype html><html lang="sl"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><nav>Meni</nav><main data-pagefind-body><h1>${title}</h1><p>${text}</p></main></body></html>`;

const HOME = '<!doctype html><html lang="sl"><head><title>Koper</title></head><body><h1>Koper</h1></body></html>';

const livePath = (file = '') => path.join(liveLink(sitesDir), file);
const liveIndexFile = (file: string) => livePath(path.join(SEARCH_INDEX_DIR, file));
const liveEntry = () => readFileSync(liveIndexFile(ENTRY_FILE));

const fillerPages = (): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: FILLER_PAGES }, (_, i) => [
      `novice/${i}`,
      `Novica ${i}: obvestilo št. ${i * 7} o mestnem jedru.`,
    ]),
  );

/** A full build: every page written anew (the filler pages too), no search index. Returns its id. */
function fullBuild(pages: Record<string, string>): string {
  const { id, dir } = newBuildDir(sitesDir);
  writeFileSync(path.join(dir, 'index.html'), HOME);
  for (const [slug, text] of Object.entries({ ...fillerPages(), ...pages }))
    writeFileByRename(path.join(dir, slug, 'index.html'), page(slug, text));
  return id;
}

/**
 * A partial build as the rebuild service makes one: hard links to the live build's files (its
 * search index included), the changed pages replaced by rename, removed pages unlinked.
 */
async function partialBuild(changed: Record<string, string>, removed: string[] = []): Promise<string> {
  const { id, dir } = newBuildDir(sitesDir);
  await linkTree(livePath(), dir);
  for (const [slug, text] of Object.entries(changed))
    writeFileByRename(path.join(dir, slug, 'index.html'), page(slug, text));
  for (const slug of removed) rmSync(path.join(dir, slug), { recursive: true });
  return id;
}

/** Every file of a folder with its bytes. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((file) => [file, readFileSync(path.join(dir, file)).toString('base64')]),
  );
}

/** The page URLs a search for `word` finds on the live site, with Pagefind's own JavaScript. */
async function search(word: string): Promise<string[]> {
  const tab = await context.newPage();
  try {
    await tab.goto(`${siteUrl}/`);
    // A string, so the test's own bundler leaves the browser's import() alone.
    const urls = (await tab.evaluate(`(async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      const found = await pagefind.search(${JSON.stringify(word)});
      return Promise.all(found.results.map(async (result) => (await result.data()).url));
    })()`)) as string[];
    return urls.sort();
  } finally {
    await tab.close();
  }
}

/** What an entry file leads a browser to: per language, its meta file and its wasm. */
function languagesOf(entry: string): { language: string; meta: string; wasm: string }[] {
  const { languages } = JSON.parse(entry) as { languages: Record<string, { hash: string; wasm: string | null }> };
  return Object.entries(languages).map(([language, { hash, wasm }]) => ({
    language,
    meta: `pagefind.${hash}.pf_meta`,
    wasm: `wasm.${wasm ?? 'unknown'}.pagefind`,
  }));
}

/**
 * A sample of the index chunks and fragments a meta file (gzip'd CBOR) names by hash, each as
 * its two possible files: one of them must exist.
 */
function chunksNamedBy(meta: Buffer, language: string): [string, string][] {
  const named = gunzipSync(meta)
    .toString('latin1')
    .match(new RegExp(`${language}_[0-9a-f]{7,}`, 'g'));
  return [...new Set(named)]
    .sort(() => Math.random() - 0.5)
    .slice(0, SAMPLE)
    .map((hash) => [`index/${hash}.pf_index`, `fragment/${hash}.pf_fragment`]);
}

/**
 * One reader's pass over HTTP, as a browser searches: the entry file, each language's wasm and
 * meta file, then index chunks and fragments the meta file names. Returns the entry and what was missing.
 */
async function readIndexOnce(): Promise<{ entry: string; missing: string[] }> {
  const get = async (file: string) => {
    const response = await fetch(`${siteUrl}/pagefind/${file}`);
    const body = Buffer.from(await response.arrayBuffer());
    return response.ok ? body : null;
  };
  const entry = (await get(ENTRY_FILE))?.toString('utf8');
  if (entry === undefined) return { entry: '', missing: [ENTRY_FILE] };
  const missing: string[] = [];
  for (const { language, meta, wasm } of languagesOf(entry)) {
    if (!(await get(wasm))) missing.push(wasm);
    const metaBytes = await get(meta);
    if (!metaBytes) missing.push(meta);
    else
      for (const files of chunksNamedBy(metaBytes, language))
        if (!(await Promise.all(files.map(get))).some(Boolean)) missing.push(files[1]);
  }
  return { entry, missing };
}

/** Readers looping over the live index over HTTP until stopped; what each pass saw. */
function startReaders(count: number) {
  let running = true;
  const passes: { entry: string; missing: string[] }[] = [];
  const loops = Array.from({ length: count }, async () => {
    while (running) passes.push(await readIndexOnce());
  });
  return {
    passes,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The same pass straight on the live folder, synchronously: it sees the folder as it is at one instant. */
function missingInLiveIndex(): string[] {
  const exists = (file: string) => existsSync(liveIndexFile(file));
  if (!exists(ENTRY_FILE)) return [ENTRY_FILE];
  const missing: string[] = [];
  for (const { language, meta, wasm } of languagesOf(liveEntry().toString('utf8'))) {
    if (!exists(wasm)) missing.push(wasm);
    if (!exists(meta)) missing.push(meta);
    else
      for (const files of chunksNamedBy(readFileSync(liveIndexFile(meta)), language))
        if (!files.some(exists)) missing.push(files[1]);
  }
  return missing;
}

/**
 * Checks the live index on every turn of the event loop. The follower moves files with
 * asynchronous renames, so this sees the folder between any two of them: the order of the moves
 * is checked, not only their end result.
 */
function checkEveryTurn() {
  let running = true;
  let checks = 0;
  const missing = new Set<string>();
  const check = () => {
    if (!running) return;
    checks++;
    for (const file of missingInLiveIndex()) missing.add(file);
    setImmediate(check);
  };
  setImmediate(check);
  return {
    missing,
    checks: () => checks,
    stop: () => {
      running = false;
    },
  };
}

function follower(options: { index?: IndexFunction; log?: string[] } = {}): SearchFollower {
  return createSearchFollower({
    sitesDir,
    graceMs: GRACE_MS,
    index: options.index,
    log: (line) => options.log?.push(line),
  });
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'search-follow-'));
  sitesDir = path.join(workDir, 'sites');
  server = await startStaticServer(resolveRoot(liveLink(sitesDir)), 0);
  siteUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
  context = await loopbackContext(browser);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(workDir, { recursive: true, force: true });
});

describe('the search index follows the live site', () => {
  it('indexes the live build and installs its index: a search finds its pages', async () => {
    goLive(
      sitesDir,
      fullBuild({
        solinar: 'Solinar pobira sol v Sečovljah.',
        ribic: 'Ribič lovi ob pomolu.',
        jadro: 'Jadralec pluje.',
      }),
      10,
    );
    const log: string[] = [];
    const search1 = follower({ log });
    search1.request();
    await search1.whenIdle({ cleaned: true });

    expect(pagesOf(liveEntry())).toBe(FILLER_PAGES + 3);
    expect(await search('solinar')).toEqual(['/solinar/']);
    const status = search1.status();
    expect(status).toMatchObject({ state: 'idle', liveBuildIndexed: true, waitingSince: null, lastError: null });
    expect(status.lastInstall).toMatchObject({ indexedBuildId: currentBuildId(sitesDir), pages: FILLER_PAGES + 3 });
    expect(status.lastInstall!.lagMs).toBeGreaterThanOrEqual(status.lastInstall!.indexMs);
    expect(log.join('\n')).toMatch(
      /indexed build \S+ \(\d+ pages, \d+ ms\); live in build \S+ \d+ ms after the request/,
    );
    expect(readdirSync(path.join(sitesDir, 'search-index-runs'))).toEqual([]); // the scratch folder is gone
    await search1.stop();
  });

  it('follows partial and full builds: removed pages leave the index, readers never miss a file, old builds keep theirs', async () => {
    const search2 = follower();
    const firstBuild = currentBuildId(sitesDir)!;
    const firstIndex = contents(path.join(buildDir(sitesDir, firstBuild), SEARCH_INDEX_DIR));
    const readers = startReaders(3);
    const checker = checkEveryTurn();
    try {
      // A partial build: a page added, one removed, the rest (its search index too) hard links.
      goLive(sitesDir, await partialBuild({ kamnosek: 'Kamnosek kleše kamen za vodnjak.' }, ['ribic']), 10);
      expect(await search('ribič')).toEqual(['/ribic/']); // the old index until the new one is installed
      search2.request();
      await search2.whenIdle();
      expect(await search('kamnosek')).toEqual(['/kamnosek/']);
      expect(await search('ribič')).toEqual([]);

      // A full build without an index: it goes live with the previous one carried over.
      const previous = buildDir(sitesDir, currentBuildId(sitesDir)!);
      const full = fullBuild({ solinar: 'Solinar pobira sol.', kamnosek: 'Kamnosek kleše.', mornar: 'Mornar krmari.' });
      expect(await carrySearchIndex(previous, path.join(sitesDir, 'partial', full))).toBe(true);
      goLive(sitesDir, full, 10);
      expect(await search('kamnosek')).toEqual(['/kamnosek/']);
      search2.request();
      await search2.whenIdle({ cleaned: true });
      expect(await search('mornar')).toEqual(['/mornar/']);
    } finally {
      await readers.stop();
      checker.stop();
    }

    expect([...checker.missing]).toEqual([]);
    expect(checker.checks()).toBeGreaterThan(100);
    expect(readers.passes.filter((pass) => pass.missing.length > 0)).toEqual([]);
    expect(new Set(readers.passes.map((pass) => pass.entry)).size).toBeGreaterThanOrEqual(3);
    expect(search2.status().counters).toMatchObject({ runs: 2, installed: 2, failed: 0 });

    // After the grace time the live index is exactly what a fresh index of the same pages is.
    const fresh = path.join(workDir, 'fresh-index');
    await indexWithPagefind(livePath(), fresh, new AbortController().signal);
    expect(contents(liveIndexFile(''))).toEqual(contents(fresh));
    // Nothing was written into a file shared with an older build.
    expect(contents(path.join(buildDir(sitesDir, firstBuild), SEARCH_INDEX_DIR))).toEqual(firstIndex);
  });

  it('coalesces requests: ten during a run make one follow-up, which indexes the newest build', async () => {
    let runs = 0;
    let release!: () => void;
    const firstRunHeld = new Promise<void>((resolve) => (release = resolve));
    const search3 = follower({
      index: async (siteDir, outDir, signal) => {
        if (++runs === 1) await firstRunHeld;
        await indexWithPagefind(siteDir, outDir, signal);
      },
    });
    const indexed = currentBuildId(sitesDir)!;
    search3.request();
    const newest = await partialBuild({ vodnjak: 'Vodnjak na trgu.' });
    goLive(sitesDir, newest, 10);
    for (let i = 0; i < 10; i++) search3.request();
    expect(search3.status()).toMatchObject({ state: 'indexing', followUpQueued: true });
    release();
    await search3.whenIdle();

    expect(runs).toBe(2);
    expect(search3.status().counters).toMatchObject({ runs: 2, installed: 2 });
    expect(search3.status().lastInstall).toMatchObject({ indexedBuildId: newest, installedIntoBuildId: newest });
    expect(await search('vodnjak')).toEqual(['/vodnjak/']);
    expect(indexed).not.toBe(newest);
    await search3.stop();
  });

  it('installs an index of an older build into the build live by then', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const search4 = follower({
      index: async (siteDir, outDir, signal) => {
        await held;
        await indexWithPagefind(siteDir, outDir, signal);
      },
    });
    const indexed = currentBuildId(sitesDir)!;
    search4.request(); // resolves the live build at once
    const newer = await partialBuild({ trg: 'Tartinijev trg.' });
    goLive(sitesDir, newer, 10);
    release();
    await search4.whenIdle();
    expect(search4.status()).toMatchObject({
      liveBuildIndexed: false,
      lastInstall: { indexedBuildId: indexed, installedIntoBuildId: newer },
    });
    expect(await search('vodnjak')).toEqual(['/vodnjak/']);
    search4.request(); // as the newer build's own request would
    await search4.whenIdle({ cleaned: true });
    expect(search4.status().liveBuildIndexed).toBe(true);
    expect(await search('tartinijev')).toEqual(['/trg/']);
  });

  it('a failing run leaves the installed index, reports the error and is retried by the next request only', async () => {
    let fail = true;
    const log: string[] = [];
    const search5 = follower({
      log,
      // The real indexer, over a folder that holds no site when `fail` is set.
      index: (siteDir, outDir, signal) =>
        indexWithPagefind(fail ? path.join(siteDir, 'nowhere') : siteDir, outDir, signal),
    });
    goLive(sitesDir, await partialBuild({ barka: 'Barka v mandraču.' }), 10);
    const entryBefore = liveEntry();
    search5.request();
    await search5.whenIdle();

    const failed = search5.status();
    expect(failed.lastError?.message).toMatch(/holds no built site/);
    expect(failed.lastError?.buildId).toBe(currentBuildId(sitesDir));
    expect(failed.waitingSince).not.toBeNull();
    expect(failed.counters).toMatchObject({ runs: 1, failed: 1, installed: 0 });
    expect(log.join('\n')).toMatch(/indexing of build \S+ failed; the installed index stays: /);
    expect(liveEntry().equals(entryBefore)).toBe(true);
    expect(await search('barka')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(search5.status().counters.runs).toBe(1); // no retry loop

    fail = false;
    search5.request();
    await search5.whenIdle();
    expect(search5.status()).toMatchObject({ waitingSince: null, counters: { runs: 2, installed: 1 } });
    expect(await search('barka')).toEqual(['/barka/']);
    await search5.stop();
  });

  it('leaves alone a live build whose index it did not install (a rollback)', async () => {
    const search7 = follower();
    const older = buildDir(sitesDir, currentBuildId(sitesDir)!);
    goLive(sitesDir, await partialBuild({ kapitan: 'Kapitan v pristanišču.' }), 10);
    search7.request();
    await search7.whenIdle();
    const olderIndex = contents(path.join(older, SEARCH_INDEX_DIR));
    rollBack(sitesDir);
    expect(realpathSync(livePath())).toBe(older);
    await search7.whenIdle({ cleaned: true });
    expect(contents(path.join(older, SEARCH_INDEX_DIR))).toEqual(olderIndex);
    expect(search7.status().counters.filesRemoved).toBe(0);
    await search7.stop();
  });

  it('stop() aborts a running index process and installs nothing', async () => {
    let outcome: string | null = null;
    const search6 = follower({
      index: (siteDir, outDir, signal) =>
        indexWithPagefind(siteDir, outDir, signal).then(
          () => void (outcome = 'finished'),
          (error: Error) => {
            outcome = error.message;
            throw error;
          },
        ),
    });
    goLive(sitesDir, await partialBuild({ svetilnik: 'Svetilnik sveti.' }), 10);
    const entryBefore = liveEntry();
    search6.request();
    expect(search6.status().state).toBe('indexing');
    await search6.stop();

    expect(outcome).toMatch(/was stopped/);
    expect(search6.status().counters).toMatchObject({ installed: 0, failed: 1 });
    expect(liveEntry().equals(entryBefore)).toBe(true);
    expect(statSync(path.join(sitesDir, 'search-index-runs')).isDirectory()).toBe(true);
    expect(readdirSync(path.join(sitesDir, 'search-index-runs'))).toEqual([]);
    search6.request(); // ignored once stopped
    expect(search6.status().state).toBe('idle');
  });
});
