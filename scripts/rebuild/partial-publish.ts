/**
 * The rebuild cycle with partial builds. A webhook's changes are rendered by the warm renderer
 * into a hard-linked copy of the live build (warm-site.ts) and go live by the same atomic
 * switch as a full build. A full build runs instead on start-up, on request, on a retry, for
 * changes that show on every page (menus, redirects, media), for more entries than
 * `maxPartialDocuments`, and whenever the partial path refuses or fails; the log line says why.
 * The search index follows the live site (search: the follower), so a build never waits for it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { copyBuildAsLinks } from '../lib/build-copy.ts';
import { linkTree } from '../lib/file-tree.ts';
import { buildDir, discardBuild, liveLink, newBuildDir } from '../lib/live-site.ts';
import { resolveRoot } from '../lib/static-server.ts';
import { countDocuments } from './changes.ts';
import {
  goLiveAndDeploy,
  type CycleContext,
  type CycleResult,
  type DeployFunction,
  type Publisher,
} from './publish.ts';
import { errorMessage } from './status.ts';
import { SEARCH_INDEX_DIR } from './search-index-files.ts';
import type { WarmSite } from './warm-site.ts';

/** How the live build's search index keeps up (search-follow.ts); runs around builds, never in their way. */
export interface SearchIndexing {
  /** A new build went live: index it in the background. */
  request(): void;
  /**
   * A full build that has no index yet gets the live one's (or, on the very first build, its
   * own); resolves to whether the build now has an index of its own pages.
   */
  prepare(fromLive: string | null, newBuild: string, signal: AbortSignal): Promise<boolean>;
  /** Runs `fn` while the index is not being installed into the live build. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T>;
}

export interface PartialPublisherOptions {
  sitesDir: string;
  keepBuilds: number;
  site: WarmSite;
  search: SearchIndexing;
  deploy?: DeployFunction;
  /** More changed entries than this in one cycle: a full build. */
  maxPartialDocuments: number;
  log: (line: string) => void;
}

/** Why this cycle cannot be partial, or null when it can. */
function fullBuildReason(context: CycleContext, options: PartialPublisherOptions, live: string | null): string | null {
  if (context.reason === 'manual') return 'requested';
  if (context.reason === 'retry') return 'retrying a failed build';
  if (context.changes.fullReason) return context.changes.fullReason;
  if (!live) return 'no live build yet';
  if (!options.site.isWarm()) return 'no warm renderer';
  const documents = countDocuments(context.changes);
  if (documents === 0) return 'the webhooks named no entries';
  if (documents > options.maxPartialDocuments)
    return `${documents} entries changed, more than ${options.maxPartialDocuments}`;
  return null;
}

/**
 * The next partial build's folder, made ahead: a hard-linked copy of the live build (all but its
 * search index, which changes in the background and is linked when the build starts), prepared
 * right after a build goes live, so that linking tens of thousands of files is not part of the
 * time from publish to live.
 */
interface Spare {
  forLive: string;
  id: string;
  dir: string;
  ready: Promise<void>;
}

/** A publisher that holds something between cycles (the next build's folder), to let go of on stop. */
export type StoppablePublisher = Publisher & { stop?(): Promise<void> };

export function partialPublisher(options: PartialPublisherOptions): StoppablePublisher {
  const { sitesDir, site, search } = options;
  let spare: Spare | null = null;

  function prepareSpare(live: string): void {
    const { id, dir } = newBuildDir(sitesDir);
    const ready = copyBuildAsLinks(live, dir, [SEARCH_INDEX_DIR]);
    ready.catch(() => undefined); // a failed copy is discarded when the spare is taken
    spare = { forLive: live, id, dir, ready };
  }

  /** A folder holding the live build as hard links: the spare when it is a copy of this live build. */
  async function folderFor(live: string): Promise<{ id: string; dir: string }> {
    const taken = spare;
    spare = null;
    if (taken) {
      const copied = await taken.ready.then(
        () => true,
        () => false,
      );
      if (copied && taken.forLive === live) return taken;
      discardBuild(sitesDir, taken.id);
    }
    const fresh = newBuildDir(sitesDir);
    await copyBuildAsLinks(live, fresh.dir, [SEARCH_INDEX_DIR]);
    return fresh;
  }

  /** After a switch: the next spare, and the search index of the new live build unless it has its own. */
  function afterSwitch(id: string, indexed = false): void {
    prepareSpare(buildDir(sitesDir, id));
    if (!indexed) search.request();
  }

  async function partialCycle(context: CycleContext, live: string): Promise<CycleResult> {
    const started = Date.now();
    const { id, dir } = await folderFor(live);
    context.onBuildId(id);
    try {
      const index = path.join(live, SEARCH_INDEX_DIR);
      await search.exclusive(async () => {
        if (existsSync(index)) await linkTree(index, path.join(dir, SEARCH_INDEX_DIR));
      });
      const copyMs = Date.now() - started;
      const result = await site.partial(dir, context.changes.documents, context.signal);
      context.signal.throwIfAborted();
      const switched = Date.now();
      let sitemapMs = 0;
      const { pages } = await goLiveAndDeploy({ ...options, signal: context.signal }, id, async (liveDir) => {
        await site.writeOwedSitemap(liveDir);
        sitemapMs = Date.now() - switched;
      });
      afterSwitch(id);
      return {
        pages,
        mode: 'partial',
        detail: `${result.rendered} pages rendered, ${result.removed} removed`,
        steps: { copyMs, ...result.timings, sitemapMs, switchMs: Date.now() - switched - sitemapMs },
      };
    } catch (error) {
      discardBuild(sitesDir, id);
      throw error;
    }
  }

  /** Builds everything into `dir`; resolves to whether the build made its own search index. */
  async function buildFully(context: CycleContext, live: string | null, dir: string): Promise<boolean> {
    const history = live ? path.join(live, 'path-history.json') : undefined;
    await site.full(dir, {
      pathHistoryFile: history && existsSync(history) ? history : undefined,
      signal: context.signal,
    });
    const indexed = await search.prepare(live, dir, context.signal);
    context.signal.throwIfAborted();
    return indexed;
  }

  async function fullCycle(context: CycleContext, live: string | null, reason: string): Promise<CycleResult> {
    const { id, dir } = newBuildDir(sitesDir);
    context.onBuildId(id);
    const indexed = await buildFully(context, live, dir).catch((error: unknown) => {
      discardBuild(sitesDir, id);
      throw error;
    });
    const { pages } = await goLiveAndDeploy({ ...options, signal: context.signal }, id);
    afterSwitch(id, indexed);
    return { pages, mode: 'full', detail: reason };
  }

  const publish: Publisher = async (context) => {
    const live = resolveRoot(liveLink(sitesDir))();
    const reason = fullBuildReason(context, options, live);
    if (reason === null && live) {
      try {
        return await partialCycle(context, live);
      } catch (error) {
        if (context.signal.aborted) throw error;
        return fullCycle(context, live, `the partial build could not: ${errorMessage(error)}`);
      }
    }
    return fullCycle(context, live, reason ?? 'no live build yet');
  };
  return Object.assign(publish, {
    /** Waits for the next build's folder being linked, then removes it: nothing is left linking after a stop. */
    async stop() {
      const taken = spare;
      spare = null;
      if (!taken) return;
      await taken.ready.catch(() => undefined);
      discardBuild(sitesDir, taken.id);
    },
  });
}
