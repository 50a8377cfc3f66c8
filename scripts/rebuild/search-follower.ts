/**
 * The search index follows the live site. A page goes live without waiting for Pagefind; then
 * the follower indexes the live build in the background (into a scratch folder, the build itself
 * read-only) and installs the new index into whatever build is live by then, switching it with
 * one rename of pagefind-entry.json (search-index-files.ts). The files of the index it replaced
 * stay for graceMs, for searches that browsers already started, and are removed after.
 *
 * Requests coalesce: one run at a time and at most one follow-up, which indexes the newest live
 * build. A failed run leaves the installed index as it was and is retried by the next request.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { liveLink } from '../lib/live-site.ts';
import { binDir, siteDir as siteSourceDir } from '../lib/paths.ts';
import { runProcess } from '../lib/processes.ts';
import { serialQueue } from '../lib/serial-queue.ts';
import {
  applyInstall,
  planInstall,
  removeFiles,
  servedEntry,
  unreferencedFiles,
  type InstalledIndex,
} from './search-index-files.ts';

/** Indexes the built site in `siteDir`, writing Pagefind's files into `outDir`. */
export type IndexFunction = (siteDir: string, outDir: string, signal: AbortSignal) => Promise<void>;

export interface SearchFollowerOptions {
  sitesDir: string;
  /** Default: site/search-index.ts in its own process (indexWithPagefind). */
  index?: IndexFunction;
  /** How long the files of a replaced index stay, for searches already running in browsers. */
  graceMs: number;
  /** Runs fn while no build is being linked from or switched to live (the service's mutex). */
  exclusive?: <T>(fn: () => Promise<T> | T) => Promise<T>;
  log?: (line: string) => void;
}

export interface SearchInstall {
  /** The build whose pages the index covers. */
  indexedBuildId: string;
  /** The build it went live in: the live one then, newer than the indexed one if a build went live meanwhile. */
  installedIntoBuildId: string;
  /** The first request this index answers. */
  requestedAt: string;
  installedAt: string;
  /** From that request to the index being live: how long search lagged behind the pages. */
  lagMs: number;
  pages: number;
  /** Pagefind's run alone. */
  indexMs: number;
}

export interface SearchStatus {
  state: 'idle' | 'indexing' | 'installing';
  followUpQueued: boolean;
  liveBuildId: string | null;
  /** Whether the installed index was made from the live build. */
  liveBuildIndexed: boolean;
  /** The oldest request whose change search does not show yet (null when it is up to date). */
  waitingSince: string | null;
  lastInstall: SearchInstall | null;
  lastError: { at: string; buildId: string | null; message: string } | null;
  counters: { runs: number; installed: number; failed: number; filesRemoved: number };
}

export interface SearchFollower {
  /** The live build changed: (re)index it in the background. */
  request(): void;
  /** Resolves when no index run is running or queued; with `cleaned`, also when no replaced index waits for removal. */
  whenIdle(options?: { cleaned?: boolean }): Promise<void>;
  status(): SearchStatus;
  /** Stops: aborts a running index process, queues nothing more, cancels pending removals. */
  stop(): Promise<void>;
}

const SCRATCH_DIR = 'search-index-runs';
const MAX_ERROR_CHARS = 4000;

/** The production indexer: site/search-index.ts in its own process, stopped by the signal. */
export const indexWithPagefind: IndexFunction = (siteDir, outDir, signal) =>
  runProcess(path.join(binDir, 'node'), [path.join(siteSourceDir, 'search-index.ts'), siteDir, outDir], {
    cwd: siteSourceDir,
    label: false,
    signal,
  });

function liveBuild(sitesDir: string): { id: string; dir: string } | null {
  try {
    const dir = realpathSync(liveLink(sitesDir));
    return { id: path.basename(dir), dir };
  } catch {
    return null;
  }
}

export function createSearchFollower(options: SearchFollowerOptions): SearchFollower {
  const { sitesDir, graceMs, index = indexWithPagefind, log = (line) => console.log(line) } = options;
  const exclusive = options.exclusive ?? (async (fn) => fn());
  // An install and a removal never overlap.
  const inTurn = serialQueue();
  const scratchRoot = path.join(sitesDir, SCRATCH_DIR);
  // Left by a process that stopped mid-run; nothing else uses them.
  rmSync(scratchRoot, { recursive: true, force: true });

  const lifetime = new AbortController();
  let running: Promise<void> | null = null;
  let followUp = false;
  let state: SearchStatus['state'] = 'idle';
  let runAbort: AbortController | null = null;
  let waitingSince: number | null = null;
  /**
   * Installed indexes whose files must stay, oldest first: the newest, and those replaced less
   * than graceMs ago. The removal scheduled for an install drops the ones before it.
   */
  const installs: InstalledIndex[] = [];
  const removals = new Set<Promise<void>>();
  let lastInstall: SearchInstall | null = null;
  let lastError: SearchStatus['lastError'] = null;
  const counters = { runs: 0, installed: 0, failed: 0, filesRemoved: 0 };

  function fail(what: string, buildId: string | null, error: unknown): void {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
    lastError = { at: new Date().toISOString(), buildId, message };
    log(`[search] ${what} of build ${buildId ?? '(none)'} failed; the installed index stays: ${message}`);
  }

  /**
   * The comparison with the live build runs before `exclusive`, the moves inside it; if another
   * build went live in between, it is compared again.
   */
  async function installIntoLive(freshDir: string): Promise<{ index: InstalledIndex; into: string }> {
    const planned = liveBuild(sitesDir);
    if (!planned) throw new Error(`no live build in ${sitesDir} to install the search index into`);
    const plan = await planInstall(freshDir, planned.dir);
    return exclusive(async () => {
      const live = liveBuild(sitesDir);
      if (!live) throw new Error(`no live build in ${sitesDir} to install the search index into`);
      const installed = await applyInstall(live.dir === planned.dir ? plan : await planInstall(freshDir, live.dir));
      installs.push(installed);
      return { index: installed, into: live.id };
    });
  }

  /** The files no index still in use names, in the live build; null when that build is not the follower's to tidy. */
  async function filesToRemove(): Promise<{ buildDir: string; files: string[] } | null> {
    const live = liveBuild(sitesDir);
    const newest = installs.at(-1);
    if (!live || !newest) return null;
    // A live build whose index the follower did not install (a full build's own, a rollback) is left alone.
    if (!(await servedEntry(live.dir))?.equals(newest.entry)) return null;
    const keep = new Set(installs.flatMap((install) => [...install.files]));
    return { buildDir: live.dir, files: unreferencedFiles(live.dir, keep) };
  }

  /** Like an install: the listing before `exclusive`, the removal inside it, listed again if another build went live. */
  async function removeReplaced(install: InstalledIndex): Promise<void> {
    installs.splice(0, Math.max(0, installs.indexOf(install)));
    const planned = await filesToRemove();
    if (!planned) return;
    const removed = await exclusive(async () => {
      const current = liveBuild(sitesDir)?.dir === planned.buildDir ? planned : await filesToRemove();
      if (current) await removeFiles(current.buildDir, current.files);
      return current;
    });
    if (!removed || removed.files.length === 0) return;
    counters.filesRemoved += removed.files.length;
    log(
      `[search] removed ${removed.files.length} files of replaced search indexes from build ${path.basename(removed.buildDir)}`,
    );
  }

  /** graceMs after an install, the indexes it replaced are removed (unless a newer one needs their files). */
  function scheduleRemoval(install: InstalledIndex): void {
    const removal = sleep(graceMs, undefined, { signal: lifetime.signal })
      .then(
        () => inTurn(() => removeReplaced(install)),
        () => undefined, // stopped
      )
      .catch((error: unknown) => fail('removing replaced index files', liveBuild(sitesDir)?.id ?? null, error))
      .finally(() => removals.delete(removal));
    removals.add(removal);
  }

  async function runOnce(): Promise<void> {
    const requestedAt = waitingSince ?? Date.now();
    waitingSince = null;
    const live = liveBuild(sitesDir);
    counters.runs++;
    mkdirSync(scratchRoot, { recursive: true });
    const scratch = mkdtempSync(path.join(scratchRoot, 'run-'));
    runAbort = new AbortController();
    const started = Date.now();
    try {
      if (!live) throw new Error(`no live build in ${sitesDir} to index`);
      state = 'indexing';
      await index(live.dir, scratch, runAbort.signal);
      runAbort.signal.throwIfAborted();
      const indexMs = Date.now() - started;
      state = 'installing';
      const installed = await inTurn(() => installIntoLive(scratch));
      const installedAt = Date.now();
      counters.installed++;
      lastInstall = {
        indexedBuildId: live.id,
        installedIntoBuildId: installed.into,
        requestedAt: new Date(requestedAt).toISOString(),
        installedAt: new Date(installedAt).toISOString(),
        lagMs: installedAt - requestedAt,
        pages: installed.index.pages,
        indexMs,
      };
      log(
        `[search] indexed build ${live.id} (${lastInstall.pages} pages, ${indexMs} ms); live in build ` +
          `${installed.into} ${lastInstall.lagMs} ms after the request`,
      );
      scheduleRemoval(installed.index);
    } catch (error) {
      counters.failed++;
      // The change is still not searchable: it waits since its request, until a run succeeds.
      waitingSince = Math.min(waitingSince ?? requestedAt, requestedAt);
      fail('indexing', live?.id ?? null, error);
    } finally {
      state = 'idle';
      runAbort = null;
      // Thousands of files: removed without holding up the service's other work (its site server).
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async function runWhileRequested(): Promise<void> {
    do {
      followUp = false;
      await runOnce();
    } while (followUp && !lifetime.signal.aborted);
  }

  return {
    request() {
      if (lifetime.signal.aborted) return;
      waitingSince ??= Date.now();
      if (running) {
        followUp = true;
        return;
      }
      running = runWhileRequested().finally(() => {
        running = null;
      });
    },

    async whenIdle({ cleaned = false } = {}) {
      for (;;) {
        if (running) await running;
        else if (cleaned && removals.size > 0) await Promise.all(removals);
        else return;
      }
    },

    status() {
      const liveBuildId = liveBuild(sitesDir)?.id ?? null;
      return {
        state,
        followUpQueued: followUp,
        liveBuildId,
        liveBuildIndexed: liveBuildId !== null && lastInstall?.indexedBuildId === liveBuildId,
        waitingSince: waitingSince === null ? null : new Date(waitingSince).toISOString(),
        lastInstall,
        lastError,
        counters: { ...counters },
      };
    },

    async stop() {
      followUp = false;
      lifetime.abort();
      runAbort?.abort(new Error('the search follower was stopped'));
      await running;
      await Promise.all(removals);
    },
  };
}
