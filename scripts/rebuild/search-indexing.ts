/**
 * The search index beside partial builds: a build goes live with the index it has (a partial
 * build's copy of the live one; a full build gets the live one's, or on the very first build
 * its own), and the follower (search-follower.ts) then indexes the new live build in the
 * background and switches its index on its own.
 */
import path from 'node:path';
import type { SearchIndexing } from './partial-publish.ts';
import { createSearchFollower, indexWithPagefind, type SearchStatus } from './search-follower.ts';
import { carrySearchIndex, SEARCH_INDEX_DIR } from './search-index-files.ts';
import { serialQueue } from '../lib/serial-queue.ts';

export interface SearchIndexingOptions {
  sitesDir: string;
  graceMs: number;
  log: (line: string) => void;
}

export interface FollowingSearch extends SearchIndexing {
  status(): SearchStatus;
  whenIdle(options?: { cleaned?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export function createSearchIndexing(options: SearchIndexingOptions): FollowingSearch {
  // One at a time: what runs in `exclusive` never overlaps another such call.
  const exclusive = serialQueue();
  const follower = createSearchFollower({ ...options, exclusive });
  return {
    request: () => follower.request(),
    async prepare(fromLive, newBuild, signal) {
      // Inside the lock: the follower may be removing replaced files from the live build.
      const carried = fromLive ? await exclusive(() => carrySearchIndex(fromLive, newBuild, signal)) : false;
      if (carried) return false;
      await indexWithPagefind(newBuild, path.join(newBuild, SEARCH_INDEX_DIR), signal);
      return true;
    },
    exclusive,
    status: () => follower.status(),
    whenIdle: (opts) => follower.whenIdle(opts),
    stop: () => follower.stop(),
  };
}
