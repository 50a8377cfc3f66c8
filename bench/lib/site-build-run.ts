/**
 * One measured production build of the site (the same `astro build` that scripts/lib/
 * site-build.ts runs, with the same environment), from Strapi over GraphQL or from a JSON
 * snapshot of the content. Besides the process-tree cost it reads the build's own log lines:
 * the CMS fetch ("[cms] fetched ... in N ms, R requests") and Pagefind ("indexed N pages for
 * search in M ms"), so search indexing can be reported on its own. The build's steps (Astro,
 * then the search index in its own process) run one after the other: their wall and CPU times
 * add up, and the peak memory is the larger of the two.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { siteDir } from '../../scripts/lib/paths.ts';
import { countPages, siteBuildSteps } from '../../scripts/lib/site-build.ts';
import { runMeasured, type Cost } from './measure.ts';

export interface SiteBuildRun extends Cost {
  source: 'graphql' | 'json';
  pages: number;
  outputBytes: number;
  /** From the build log: time spent fetching from Strapi, and the requests it made. */
  fetchMs: number | null;
  fetchRequests: number | null;
  pagefindMs: number | null;
  pagefindPages: number | null;
}

export interface SiteBuildRunOptions {
  outDir: string;
  siteUrl: string;
  /** GraphQL source: Strapi's URL and the read-only token file. */
  strapiUrl?: string;
  tokenFile?: string;
  /** JSON source: build from this snapshot, no network. */
  snapshotIn?: string;
  /** Also write the fetched content to this snapshot file. */
  snapshotOut?: string;
  env?: NodeJS.ProcessEnv;
  /** Another copy of site/ to build (e.g. the code before an optimisation); default site/. */
  siteDir?: string;
}

export function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

const FETCH_LINE = /\[cms\] fetched \w+ content from \S+ in (\d+) ms, (\d+) requests/;
// The build's other GraphQL fetch, before Astro sets up its routes; counted with the content's.
const REDIRECTS_LINE = /\[cms\] fetched \d+ staff redirects from \S+ in \d+ ms, (\d+) requests/;
const PAGEFIND_LINE = /indexed (\d+) pages for search in (\d+) ms/;

export async function runSiteBuild(options: SiteBuildRunOptions): Promise<SiteBuildRun> {
  let fetchMs: number | null = null;
  let fetchRequests: number | null = null;
  let pagefindMs: number | null = null;
  let pagefindPages: number | null = null;
  const root = options.siteDir ?? siteDir;
  // A copy of the code from before the search index left Astro's process (--before-site-dir)
  // has no search-index.ts: its Astro step indexes too.
  const separateIndex = existsSync(path.join(root, 'search-index.ts'));
  const steps = siteBuildSteps(root).filter((step) => step.name === 'astro' || separateIndex);
  const cost = { wallMs: 0, peakRssBytes: 0, cpuMs: 0 };
  for (const step of steps) {
    const stepCost = await runMeasured(step.command, step.args, {
      cwd: root,
      label: false,
      env: {
        STRAPI_URL: options.strapiUrl ?? 'http://127.0.0.1:9', // unused with a snapshot; a closed port if it were
        STRAPI_TOKEN_FILE: options.tokenFile,
        SITE_URL: options.siteUrl,
        SITE_OUT_DIR: options.outDir,
        SITE_CONTENT_SNAPSHOT: options.snapshotIn,
        SITE_CONTENT_SNAPSHOT_OUT: options.snapshotOut,
        ...options.env,
      },
      onLine(line) {
        const fetched = FETCH_LINE.exec(line);
        if (fetched) [fetchMs, fetchRequests] = [Number(fetched[1]), (fetchRequests ?? 0) + Number(fetched[2])];
        const redirects = REDIRECTS_LINE.exec(line);
        if (redirects) fetchRequests = (fetchRequests ?? 0) + Number(redirects[1]);
        const indexed = PAGEFIND_LINE.exec(line);
        if (indexed) [pagefindPages, pagefindMs] = [Number(indexed[1]), Number(indexed[2])];
      },
    });
    cost.wallMs += stepCost.wallMs;
    cost.cpuMs += stepCost.cpuMs;
    cost.peakRssBytes = Math.max(cost.peakRssBytes, stepCost.peakRssBytes);
  }
  return {
    source: options.snapshotIn ? 'json' : 'graphql',
    wallMs: cost.wallMs,
    peakRssBytes: cost.peakRssBytes,
    cpuMs: cost.cpuMs,
    pages: countPages(options.outDir),
    outputBytes: directoryBytes(options.outDir),
    fetchMs,
    fetchRequests,
    pagefindMs,
    pagefindPages,
  };
}
