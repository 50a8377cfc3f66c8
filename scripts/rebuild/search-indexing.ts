/**
 * The search index beside partial builds: a build goes live with the index it has (a partial
 * build's copy of the live one; a full build gets the live one's, or on the very first build
 * its own), and the index of the new live build follows in the background.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { binDir, siteDir } from '../lib/paths.ts';
import { runProcess } from '../lib/processes.ts';
import type { SearchIndexing } from './partial-publish.ts';

export interface SearchIndexingOptions {
  sitesDir: string;
  graceMs: number;
  log: (line: string) => void;
}

/** Runs Pagefind over a built site into its pagefind/ folder (site/search-index.ts), in a process of its own. */
export const indexSiteNow = (dir: string, signal: AbortSignal) =>
  runProcess(path.join(binDir, 'node'), [path.join(siteDir, 'search-index.ts'), dir], {
    cwd: siteDir,
    label: false,
    signal,
  });

/** One at a time: what runs in `exclusive` never overlaps another such call. */
function createMutex() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T> | T): Promise<T> => {
    const run = last.then(fn, fn);
    last = run.catch(() => undefined);
    return run;
  };
}

export function createSearchIndexing(_options: SearchIndexingOptions): SearchIndexing {
  const exclusive = createMutex();
  return {
    request() {},
    async prepare(fromLive, newBuild, signal) {
      const index = fromLive ? path.join(fromLive, 'pagefind') : null;
      if (index && existsSync(path.join(index, 'pagefind-entry.json')))
        await runProcess('cp', ['-al', index, path.join(newBuild, 'pagefind')], {
          cwd: newBuild,
          label: false,
          signal,
        });
      else await indexSiteNow(newBuild, signal);
    },
    exclusive,
  };
}
