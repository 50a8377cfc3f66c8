/**
 * Times one change of bench/lib/publish-scenarios.ts end to end, the way staff live it: the
 * admin API call, then Strapi's own webhook to the rebuild service, its (partial) build and
 * atomic switch, until the site serves the change, and then until the live search index has
 * it. Alongside, the CPU and peak memory of the warm renderer's process tree and of the whole
 * service (the bench process and its children, Strapi's tree left out), and every build the
 * change caused, with the steps of a partial build as the service reports them.
 */
import { existsSync } from 'node:fs';
import type { BuildRecord } from '../../scripts/rebuild/status.ts';
import type { RebuildService } from '../../scripts/rebuild/service.ts';
import type { SearchInstall } from '../../scripts/rebuild/search-follower.ts';
import type { Change } from './publish-scenarios.ts';
import { searchCaughtUp, type SearchProbe } from './search-probe.ts';
import { findDescendant, sampleTree } from './measure.ts';

const POLL_MS = 20;
const SEARCH_POLL_MS = 250;
const SERVED_TIMEOUT_MS = 10 * 60_000;

export interface Usage {
  cpuMs: number;
  peakRssBytes: number;
}

/** One build a change caused, with where a partial build's time went. */
export interface BuildFigures {
  mode: BuildRecord['mode'];
  detail: string | null;
  result: BuildRecord['result'];
  durationMs: number | null;
  pages: number | null;
  /** Publish call answered -> build started: Strapi's webhook and the quiet window. */
  waitedMs: number;
  /** A partial build's steps as the service reports them (copyMs, readMs, modelMs, ... switchMs). */
  steps: Record<string, number> | null;
  /** Pages a partial build rendered and removed (from its detail). */
  rendered: number | null;
  removed: number | null;
}

export interface RunFigures {
  run: number;
  url: string;
  publishCallMs: number;
  /** Publish call -> the change served: the figure. */
  servedMs: number;
  /** Publish call -> the live search index has the change; null when it did not within the time allowed. */
  searchMs: number | null;
  searchNote: string | null;
  builds: BuildFigures[];
  /** The warm renderer's process tree (a child of the bench process) from the publish call to served. */
  renderer: Usage;
  /** The bench process (which runs the service) and its children but Strapi, from the publish call to served. */
  service: Usage;
  /** The same, up to search updated (the search index follows in the background). */
  serviceToSearch: Usage;
  /** The search follower's last install as the service reported it once search was idle. */
  searchInstall: SearchInstall | null;
}

export interface MeasureContext {
  service: RebuildService;
  /** Every settled build, in order (from the service's log callback). */
  builds: BuildRecord[];
  probe: SearchProbe;
  strapiPid: () => number | undefined;
  searchTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean> | boolean, intervalMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(intervalMs);
  }
  return false;
}

/** The warm renderer's pid, looked up again only when the one known has gone (a full build starts a new one). */
export function rendererPid(): () => number | undefined {
  let known: number | undefined;
  return () => {
    if (known === undefined || !existsSync(`/proc/${known}`)) known = findDescendant(process.pid, 'render-server.ts');
    return known;
  };
}

function figuresOf(record: BuildRecord, answered: number): BuildFigures {
  const counts = /(\d+) pages rendered, (\d+) removed/.exec(record.detail ?? '');
  return {
    mode: record.mode,
    detail: record.detail,
    result: record.result,
    durationMs: record.durationMs,
    pages: record.pages,
    waitedMs: Date.parse(record.startedAt) - answered,
    steps: record.steps,
    rendered: counts ? Number(counts[1]) : null,
    removed: counts ? Number(counts[2]) : null,
  };
}

/** Makes the change and times it; the service must be idle. */
export async function measureChange(context: MeasureContext, run: number, change: Change): Promise<RunFigures> {
  const { service, probe } = context;
  const buildsBefore = context.builds.length;
  const entryBefore = probe.entry();
  const rendererSampler = sampleTree(rendererPid());
  const serviceSampler = sampleTree(() => process.pid, context.strapiPid);

  const clicked = Date.now();
  await change.act();
  const answered = Date.now();
  if (!(await until(change.served, POLL_MS, SERVED_TIMEOUT_MS)))
    throw new Error(`${change.url} did not show the change within ${SERVED_TIMEOUT_MS / 60_000} minutes`);
  const served = Date.now();
  const renderer = rendererSampler.stop();
  const serviceToServed = serviceSampler.snapshot();

  const searched = await until(
    () => searchCaughtUp(probe, entryBefore, change.search),
    SEARCH_POLL_MS,
    context.searchTimeoutMs,
  );
  const searchDone = Date.now();
  const serviceToSearch = serviceSampler.stop();
  // The next change starts on a quiet service: no build, no index run (a follow-up one included).
  await service.whenIdle();
  await service.whenSearchIdle();
  const searchNote = searched
    ? null
    : probe.entry() === entryBefore
      ? `the live index did not change within ${context.searchTimeoutMs / 1000} s`
      : `the live index changed but did not show the change within ${context.searchTimeoutMs / 1000} s`;
  return {
    run,
    url: change.url,
    publishCallMs: answered - clicked,
    servedMs: served - clicked,
    searchMs: searched ? searchDone - clicked : null,
    searchNote,
    builds: context.builds.slice(buildsBefore).map((record) => figuresOf(record, answered)),
    renderer,
    service: serviceToServed,
    serviceToSearch,
    searchInstall: service.status().search?.lastInstall ?? null,
  };
}
