/** Runs one Astro build of the site into a given (new) folder. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { binDir, siteDir } from './paths.ts';
import { runProcess } from './processes.ts';

export interface SiteBuildOptions {
  strapiUrl: string;
  tokenFile?: string;
  siteUrl: string;
  outDir: string;
  label?: string | false;
  env?: NodeJS.ProcessEnv;
  /** The redirect map (old URL -> new page) to build redirect pages from; none by default. */
  redirectsFile?: string;
  /** The previous build's path-history.json: changed slugs leave redirect pages; none by default. */
  pathHistoryFile?: string;
  /** Aborting stops the build; its partial output is removed. */
  signal?: AbortSignal;
}

/** The same without holding up the process's other work (the rebuild service serves the site meanwhile). */
export async function countPagesInBackground(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name === 'index.html').length;
}

export function countPages(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name === 'index.html')
    .length;
}

/**
 * Astro keeps its intermediate server chunks in <cwd>/.astro when the output folder lies
 * outside the working directory, so two builds from site/ would overwrite each other's chunks
 * (the rebuild service, the preview build, tests). Each build therefore runs in a scratch
 * folder of its own inside site/ (inside, so the chunks still resolve site's node_modules).
 */
function scratchDir(): string {
  return mkdtempSync(path.join(siteDir, '.builds', 'build-'));
}

/**
 * The production build of the site, step by step (what `npm run build -w site` runs, spelled
 * for a given site folder): Astro writes the pages, then Pagefind indexes them in a process of
 * its own, so its memory never adds to what Astro still holds at the end of a build.
 */
export function siteBuildSteps(root = siteDir): { name: string; command: string; args: string[] }[] {
  return [
    { name: 'astro', command: path.join(binDir, 'astro'), args: ['build', '--root', root] },
    { name: 'search index', command: path.join(binDir, 'node'), args: [path.join(root, 'search-index.ts')] },
  ];
}

/** Builds into options.outDir; on failure removes the partial output and rethrows. */
export async function buildSite(options: SiteBuildOptions): Promise<{ pages: number; durationMs: number }> {
  const started = Date.now();
  mkdirSync(path.join(siteDir, '.builds'), { recursive: true });
  const cwd = scratchDir();
  try {
    const env = {
      STRAPI_URL: options.strapiUrl,
      STRAPI_TOKEN_FILE: options.tokenFile,
      SITE_URL: options.siteUrl,
      SITE_OUT_DIR: options.outDir,
      SITE_REDIRECTS: options.redirectsFile ?? '',
      SITE_PATH_HISTORY: options.pathHistoryFile ?? '',
      ...options.env,
    };
    const [astro, searchIndex] = siteBuildSteps();
    await runProcess(astro.command, astro.args, { cwd, label: options.label ?? 'site', signal: options.signal, env });
    if (!existsSync(path.join(options.outDir, 'index.html')))
      throw new Error(`the build wrote no index.html into ${options.outDir}`);
    await runProcess(searchIndex.command, searchIndex.args, {
      cwd,
      label: options.label ?? 'site',
      signal: options.signal,
      env,
    });
  } catch (error) {
    rmSync(options.outDir, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  return { pages: countPages(options.outDir), durationMs: Date.now() - started };
}
