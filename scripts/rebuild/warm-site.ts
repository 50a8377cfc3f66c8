/**
 * The site's builds for the rebuild service, both kinds, through one warm renderer process
 * (site/render-server.ts):
 *   - full: a new renderer runs the whole static build into a fresh folder and stays up;
 *   - partial: the live build is copied as hard links into a fresh folder, and the warm renderer
 *     re-renders only what the changed entries touch (site/partial-build/).
 * The renderer of the last full build answers every partial one until the next full build
 * replaces it; if it died, the next change gets a full build.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { binDir, siteDir } from '../lib/paths.ts';
import { startProcess, type RunningProcess } from '../lib/processes.ts';
import type { ChangedDocuments, PartialResult } from '../../site/partial-build/update.ts';

export interface WarmSiteOptions {
  strapiUrl: string;
  /** File holding Strapi's read-only API token (or STRAPI_TOKEN in the environment). */
  tokenFile?: string;
  siteUrl: string;
  redirectsFile?: string;
  /** More changed pages than this: the partial path refuses and a full build runs. */
  maxPartialPages: number;
  env?: NodeJS.ProcessEnv;
}

/** The partial path cannot build this change as a full build would (the renderer said why). */
export class PartialRefused extends Error {
  override name = 'PartialRefused';
}

type RendererMessage =
  | { kind: 'built' }
  | { kind: 'partial-done'; id: number; result: PartialResult }
  | { kind: 'sitemap-done'; id: number; written: boolean }
  | { kind: 'partial-failed' | 'sitemap-failed'; id: number; refused: boolean; message: string };

interface Renderer {
  process: RunningProcess;
  scratch: string;
  /** Answers to partial requests, by id. */
  waiting: Map<number, { resolve(result: PartialResult | boolean): void; reject(error: Error): void }>;
}

export interface WarmSite {
  /** Builds everything into outDir (empty) in a new renderer, which then stays warm. */
  full(outDir: string, options: { pathHistoryFile?: string; signal: AbortSignal }): Promise<void>;
  /** Whether a warm renderer is up to take partial builds. */
  isWarm(): boolean;
  /** Renders what `changes` touch into outDir, which holds a hard-linked copy of the live build. */
  partial(outDir: string, changes: ChangedDocuments[], signal: AbortSignal): Promise<PartialResult>;
  /** After a partial build went live: writes its sitemap into the live build, if it changed; resolves to whether it did. */
  writeOwedSitemap(liveDir: string): Promise<boolean>;
  stop(): Promise<void>;
}

const tail = (output: string[]) => output.slice(-25).join('\n');

export function createWarmSite(options: WarmSiteOptions): WarmSite {
  let renderer: Renderer | null = null;
  let nextId = 1;

  async function stopRenderer(): Promise<void> {
    const current = renderer;
    renderer = null;
    if (!current) return;
    await current.process.stop();
    rmSync(current.scratch, { recursive: true, force: true });
  }

  function listen(current: Renderer, onBuilt: () => void, onExit: (code: number | null) => void): void {
    current.process.child.on('message', (message: RendererMessage) => {
      if (message.kind === 'built') return onBuilt();
      const waiter = current.waiting.get(message.id);
      current.waiting.delete(message.id);
      if (message.kind === 'partial-done') waiter?.resolve(message.result);
      else if (message.kind === 'sitemap-done') waiter?.resolve(message.written);
      else waiter?.reject(message.refused ? new PartialRefused(message.message) : new Error(message.message));
    });
    void current.process.exited.then((code) => {
      if (renderer === current) renderer = null;
      for (const waiter of current.waiting.values())
        waiter.reject(
          new Error(`the warm renderer exited (${code}) during a partial build\n${tail(current.process.output)}`),
        );
      current.waiting.clear();
      onExit(code);
    });
  }

  /** Sends a request to the warm renderer and resolves with its answer. */
  function ask<T extends PartialResult | boolean>(request: object): Promise<T> {
    const current = renderer;
    if (!current) return Promise.reject(new PartialRefused('no warm renderer (the last full build is gone)'));
    const id = nextId++;
    const answer = new Promise<T>((resolve, reject) =>
      current.waiting.set(id, { resolve: (value) => resolve(value as T), reject }),
    );
    current.process.child.send({ ...request, id });
    return answer;
  }

  return {
    async full(outDir, { pathHistoryFile, signal }) {
      await stopRenderer();
      mkdirSync(path.join(siteDir, '.builds'), { recursive: true });
      // Astro keeps its intermediate chunks under the working folder: one of its own per renderer.
      const scratch = mkdtempSync(path.join(siteDir, '.builds', 'render-'));
      const child = startProcess(path.join(binDir, 'node'), [path.join(siteDir, 'render-server.ts')], {
        cwd: scratch,
        label: false,
        ipc: true,
        env: {
          STRAPI_URL: options.strapiUrl,
          STRAPI_TOKEN_FILE: options.tokenFile,
          SITE_URL: options.siteUrl,
          SITE_OUT_DIR: outDir,
          SITE_REDIRECTS: options.redirectsFile ?? '',
          SITE_PATH_HISTORY: pathHistoryFile ?? '',
          ...options.env,
        },
      });
      const current: Renderer = { process: child, scratch, waiting: new Map() };
      const onAbort = () => void child.stop();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        await new Promise<void>((resolve, reject) => {
          listen(current, resolve, (code) =>
            reject(new Error(`the site build failed with exit code ${code}\n${tail(child.output)}`)),
          );
        });
      } catch (error) {
        rmSync(scratch, { recursive: true, force: true });
        throw error;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      renderer = current;
    },

    isWarm: () => renderer !== null,

    async partial(outDir, changes, signal) {
      const answer = ask<PartialResult>({ kind: 'partial', outDir, changes, maxPages: options.maxPartialPages });
      // A partial build cut short leaves the renderer's state unknown: the next build is a full one.
      const onAbort = () => void stopRenderer();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await answer;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },

    writeOwedSitemap: (liveDir) => ask<boolean>({ kind: 'sitemap', liveDir }),

    stop: stopRenderer,
  };
}
