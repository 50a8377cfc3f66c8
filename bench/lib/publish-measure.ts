/**
 * Times one change of bench/lib/publish-scenarios.ts end to end, the way staff live it: the
 * admin API call, then Strapi's own webhook to the rebuild service, its (partial) build and
 * atomic switch, until the site serves the change, and then until the live search index has
 * it. Alongside, the CPU and peak memory of the warm renderer's process tree and of the whole
 * service (the bench process and its children, Strapi's tree left out), and every build the
 * change caused, with the partial build's own timings.
 */
import { existsSync } from 'node:fs';
import type { BuildRecord } from '../../scripts/rebuild/status.ts';
import type { RebuildService } from '../../scripts/rebuild/service.ts';
import type { ChangedDocuments, PartialResult } from '../../site/partial-build/update.ts';
import type { WarmSite } from '../../scripts/rebuild/warm-site.ts';
import type { Change } from './publish-scenarios.ts';
import { searchCaughtUp, type SearchProbe } from './search-probe.ts';
import { findDescendant, sampleTree } from './measure.ts';

const POLL_MS = 20;
const SEARCH_POLL_MS = 250;
const SERVED_TIMEOUT_MS = 10 * 60_000;

/** A partial build as the warm renderer answered it. */
export interface PartialCall {
  calledAt: number;
  answeredAt: number;
  result: PartialResult | null;
}

/** The warm site, with every partial build it answers kept for the report (the service keeps only counts). */
export function recordingSite(site: WarmSite): { site: WarmSite; calls: PartialCall[] } {
  const calls: PartialCall[] = [];
  return {
    calls,
    site: {
      ...site,
      async partial(outDir: string, changes: ChangedDocuments[], signal: AbortSignal) {
        const call: PartialCall = { calledAt: Date.now(), answeredAt: 0, result: null };
        calls.push(call);
        try {
          call.result = await site.partial(outDir, changes, signal);
          return call.result;
        } finally {
          call.answeredAt = Date.now();
        }
      },
    },
  };
}

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
  /** Partial builds: build start -> renderer asked (the hard-linked copy of the live build). */
  copyMs: number | null;
  /** Partial builds: the renderer's own timings, and the answer's round trip. */
  renderer: (PartialResult['timings'] & { totalMs: number; rendered: number; removed: number }) | null;
  /** Partial builds: renderer answered -> build finished (the switch). */
  switchMs: number | null;
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
}

export interface MeasureContext {
  service: RebuildService;
  /** Every settled build, in order (from the service's log callback). */
  builds: BuildRecord[];
  partialCalls: PartialCall[];
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

function figuresOf(record: BuildRecord, answered: number, calls: PartialCall[]): BuildFigures {
  const started = Date.parse(record.startedAt);
  const finished = record.finishedAt ? Date.parse(record.finishedAt) : null;
  const call = calls.find((c) => c.calledAt >= started && (finished === null || c.answeredAt <= finished));
  const partial = record.mode === 'partial' && call?.result ? call : null;
  return {
    mode: record.mode,
    detail: record.detail,
    result: record.result,
    durationMs: record.durationMs,
    pages: record.pages,
    waitedMs: started - answered,
    copyMs: partial ? partial.calledAt - started : null,
    renderer: partial?.result
      ? {
          ...partial.result.timings,
          totalMs: partial.answeredAt - partial.calledAt,
          rendered: partial.result.rendered,
          removed: partial.result.removed,
        }
      : null,
    switchMs: partial && finished !== null ? finished - partial.answeredAt : null,
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
  await service.whenIdle();
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
    builds: context.builds.slice(buildsBefore).map((record) => figuresOf(record, answered, context.partialCalls)),
    renderer,
    service: serviceToServed,
    serviceToSearch,
  };
}
