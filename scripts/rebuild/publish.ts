/**
 * One rebuild cycle. The local one: build into a fresh folder, make it live atomically, then
 * deploy it; whatever fails before the switch leaves the live site exactly as it was. (The other
 * cycle, handing the build to CI, is in github-dispatch.ts.)
 */
import { buildDir, discardBuild, goLive, liveLink, newBuildDir } from '../lib/live-site.ts';
import { countPages } from '../lib/site-build.ts';
import type { ChangeSet } from './changes.ts';
import type { BuildReason } from './queue.ts';
import { errorMessage } from './status.ts';

/** Writes a complete site into `outDir` (which exists and is empty), or rejects. */
export type BuildFunction = (outDir: string, signal: AbortSignal) => Promise<unknown>;

export interface LiveBuild {
  id: string;
  /** The build's folder (stays valid while the build is kept). */
  dir: string;
  /** The symlink visitors are served from. */
  liveLink: string;
}

/** Publishes a build that is already live locally: a sync to a bucket or CDN, say. */
export type DeployFunction = (build: LiveBuild, signal: AbortSignal) => Promise<void>;

export interface PublishOptions {
  sitesDir: string;
  /** Builds kept on disk, the live one included. */
  keepBuilds: number;
  build: BuildFunction;
  deploy?: DeployFunction;
  signal: AbortSignal;
  /** Called as soon as the build has its id, so status and logs can name a build that fails. */
  onBuildId?(id: string): void;
}

export interface CycleContext {
  signal: AbortSignal;
  /** Why the cycle runs: webhooks, a retry of a failed one, or a request (start-up, manual). */
  reason: BuildReason;
  /** Webhook events this cycle answers. */
  events: number;
  /** What those webhooks changed. */
  changes: ChangeSet;
  /** Called as soon as a local build has its id, so status and logs can name a build that fails. */
  onBuildId(id: string): void;
}

/** What one cycle did: pages of a local build, or a note when the build happens elsewhere. */
export interface CycleResult {
  pages: number | null;
  note?: string;
  /** A whole build, or only what the changes touched (partial-publish.ts). */
  mode?: 'full' | 'partial';
  /** Why a full build ran, or what a partial one rendered. */
  detail?: string;
  /** Milliseconds per step of a partial build (copy, read, model, render, finish), for /status and benchmarks. */
  steps?: Record<string, number>;
}

/** One rebuild cycle, whatever it means in this setup. */
export type Publisher = (context: CycleContext) => Promise<CycleResult>;

export function localPublisher(options: Omit<PublishOptions, 'signal' | 'onBuildId'>): Publisher {
  return async ({ signal, onBuildId }) => {
    const { pages } = await buildAndGoLive({ ...options, signal, onBuildId });
    return { pages };
  };
}

/**
 * Makes a finished build live, then deploys it; a failed deploy leaves it live here and says so.
 * `afterSwitch` runs between the two, on the live build's folder (a partial build's sitemap).
 */
export async function goLiveAndDeploy(
  options: Pick<PublishOptions, 'sitesDir' | 'keepBuilds' | 'deploy' | 'signal'>,
  id: string,
  afterSwitch?: (liveDir: string) => Promise<void>,
): Promise<{ id: string; pages: number }> {
  try {
    goLive(options.sitesDir, id, options.keepBuilds);
  } catch (error) {
    discardBuild(options.sitesDir, id);
    throw error;
  }
  const live: LiveBuild = { id, dir: buildDir(options.sitesDir, id), liveLink: liveLink(options.sitesDir) };
  await afterSwitch?.(live.dir);
  const pages = countPages(live.dir);
  if (options.deploy) {
    try {
      await options.deploy(live, options.signal);
    } catch (error) {
      throw new Error(`build ${id} is live here, but deploying it failed: ${errorMessage(error)}`, { cause: error });
    }
  }
  return { id, pages };
}

async function buildAndGoLive(options: PublishOptions): Promise<{ id: string; pages: number }> {
  const { id, dir } = newBuildDir(options.sitesDir);
  options.onBuildId?.(id);
  try {
    await options.build(dir, options.signal);
    options.signal.throwIfAborted();
  } catch (error) {
    discardBuild(options.sitesDir, id);
    throw error;
  }
  return goLiveAndDeploy(options, id);
}
