/**
 * The results of bench/publish-to-live.ts: the JSON record and its Markdown tables (setup per
 * size, publish -> served and -> search per change, where a partial build's time goes, and the
 * issue's targets met or missed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildFigures, RunFigures, Usage } from './publish-measure.ts';
import { SCENARIO_LABELS, SCENARIOS, type ScenarioName } from './publish-scenarios.ts';
import { median, round } from './stats.ts';

export interface SizeResult {
  articles: number;
  /** Whether the cached benchmark database was reused, and how long loading it took when it was made. */
  database: { cached: boolean; loadMs: number };
  initialBuild: { durationMs: number; pages: number; detail: string | null; renderer: Usage; service: Usage };
  partner: { name: string; slug: string; articles: number };
  scenarios: Partial<Record<ScenarioName, RunFigures[]>>;
  failedBuilds: number;
}

export interface PublishResult {
  benchmark: 'publish-to-live';
  label: string;
  date: string;
  command: string;
  /** The commit measured (with "+changes" when the work tree differed from it). */
  commit?: string;
  machine: { cpus: number; cpuModel: string | undefined; memoryGiB: number; node: string };
  loadAverageAtEnd: number[];
  runs: number;
  quietMs: number;
  maxPartialPages: number;
  searchTimeoutMs: number;
  sizes: SizeResult[];
}

/** The targets of the issue: publish -> served medians per size, the partner rename, search lag. */
const SERVED_TARGET_MS: Record<number, number> = { 1000: 2000, 10000: 3000 };
const RENAME_TARGET_MS: Record<number, number> = { 10000: 15_000 };
const SEARCH_LAG_TARGET_MS: Record<number, number> = { 10000: 60_000 };

const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const n = (value: number) => value.toLocaleString('en');
const medianOrNull = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? median(known) : null;
};

/** The build that put the change live: the last one of the run (a follow-up build may come after a first). */
const mainBuild = (run: RunFigures): BuildFigures | undefined => run.builds.at(-1);

function modes(runs: RunFigures[]): string {
  const counts = new Map<string, number>();
  for (const run of runs)
    for (const build of run.builds) counts.set(build.mode ?? '?', (counts.get(build.mode ?? '?') ?? 0) + 1);
  return [...counts].map(([mode, count]) => `${count} ${mode}`).join(', ');
}

/** Search lag after the page was served, per run (null when search did not catch up). */
const searchLags = (runs: RunFigures[]) => runs.map((r) => (r.searchMs === null ? null : r.searchMs - r.servedMs));

/** Steps a partial build reports that come after its atomic switch (the switch itself takes milliseconds). */
const AFTER_SWITCH_STEPS = ['switchMs', 'sitemapMs'];

/**
 * Publish call -> the live folder switched to the build with the change, derived from the build's
 * steps (what follows the atomic switch is left out). A web server reading the live folder itself
 * (nginx in production) serves the change from then on; the service's own server, which the runs
 * poll, runs in the service's process and answers once that process is free again.
 */
export function switchedMs(run: RunFigures): number | null {
  const build = mainBuild(run);
  const steps = build?.steps;
  if (!build || !steps || steps.switchMs === undefined || build.durationMs === null) return null;
  const afterSwitch = AFTER_SWITCH_STEPS.reduce((sum, step) => sum + (steps[step] ?? 0), 0);
  return run.publishCallMs + build.waitedMs + build.durationMs - afterSwitch;
}

export interface ScenarioSummary {
  /** Publish call -> live folder switched, median (null without the build's steps). */
  switchedMedianMs: number | null;
  servedMedianMs: number;
  servedMinMs: number;
  servedMaxMs: number;
  searchLagMedianMs: number | null;
  searchNotes: string[];
}

export function summarise(runs: RunFigures[]): ScenarioSummary {
  const served = runs.map((r) => r.servedMs);
  return {
    switchedMedianMs: medianOrNull(runs.map(switchedMs)),
    servedMedianMs: median(served),
    servedMinMs: Math.min(...served),
    servedMaxMs: Math.max(...served),
    searchLagMedianMs: medianOrNull(searchLags(runs)),
    searchNotes: [...new Set(runs.map((r) => r.searchNote).filter((note): note is string => note !== null))],
  };
}

function setupTable(result: PublishResult): string[] {
  return [
    '| articles × 2 locales | pages | first full build (Astro + Pagefind) | its CPU | its peak memory (service tree) | widely named partner |',
    '| --- | --- | --- | --- | --- | --- |',
    ...result.sizes.map(
      (size) =>
        `| ${n(size.articles)} | ${n(size.initialBuild.pages)} | ${s(size.initialBuild.durationMs)} | ${s(size.initialBuild.service.cpuMs)} | ${mb(size.initialBuild.service.peakRssBytes)} | named by ${n(size.partner.articles)} articles |`,
    ),
  ];
}

function changeTable(result: PublishResult): string[] {
  const rows: string[] = [];
  for (const size of result.sizes)
    for (const name of SCENARIOS) {
      const runs = size.scenarios[name];
      if (!runs?.length) continue;
      const summary = summarise(runs);
      const build = (r: RunFigures) => mainBuild(r)?.durationMs ?? null;
      rows.push(
        `| ${n(size.articles)} | ${SCENARIO_LABELS[name]} | **${s(summary.servedMedianMs)}** (${s(summary.servedMinMs)}–${s(summary.servedMaxMs)}) | ${s(summary.switchedMedianMs)} | ${s(median(runs.map((r) => r.publishCallMs)))} | ${modes(runs)} | ${s(medianOrNull(runs.map(build)))} | ${summary.searchLagMedianMs === null ? 'not measured' : s(summary.searchLagMedianMs)} | ${s(median(runs.map((r) => r.renderer.cpuMs)))} / ${mb(Math.max(...runs.map((r) => r.renderer.peakRssBytes)))} | ${s(median(runs.map((r) => r.service.cpuMs)))} / ${mb(Math.max(...runs.map((r) => r.service.peakRssBytes)))} |`,
      );
    }
  return [
    '| articles | change | publish → served, median (range) | publish → live folder switched | publish call | builds | build | search, after served | renderer CPU / peak memory | service CPU / peak memory |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

/** The steps of a partial build the service reports, in their order, with their column names. */
const STEPS: [string, string][] = [
  ['copyMs', 'link the build and its search index'],
  ['readMs', 're-read'],
  ['modelMs', 'model'],
  ['fingerprintMs', 'fingerprints'],
  ['renderMs', 'render'],
  ['finishMs', 'finish (sitemap, redirects)'],
  ['switchMs', 'switch'],
  ['sitemapMs', 'sitemap after the switch'],
];

function breakdownTable(result: PublishResult): string[] {
  const rows: string[] = [];
  for (const size of result.sizes)
    for (const name of SCENARIOS) {
      const partials = (size.scenarios[name] ?? []).flatMap((r) => r.builds).filter((b) => b.steps !== null);
      if (partials.length === 0) continue;
      const m = (pick: (b: BuildFigures) => number | null | undefined) =>
        s(medianOrNull(partials.map((b) => pick(b) ?? null)));
      rows.push(
        `| ${n(size.articles)} | ${SCENARIO_LABELS[name]} | ${m((b) => b.waitedMs)} | ${STEPS.map(([step]) => m((b) => b.steps![step])).join(' | ')} | ${n(median(partials.map((b) => b.rendered ?? 0)))} |`,
      );
    }
  return [
    `| articles | change | webhook + quiet window | ${STEPS.map(([, label]) => label).join(' | ')} | pages rendered |`,
    `| --- | --- | --- | ${STEPS.map(() => '---').join(' | ')} | --- |`,
    ...rows,
  ];
}

interface TargetCheck {
  what: string;
  target: string;
  /** Measured as served by the service; and, where it applies, as the live folder switched. */
  served: string;
  met: boolean | null;
  switched: string;
  metSwitched: boolean | null;
}

function servedCheck(what: string, runs: RunFigures[], targetMs: number): TargetCheck {
  const { servedMedianMs, switchedMedianMs } = summarise(runs);
  return {
    what,
    target: `≤ ${s(targetMs)}`,
    served: s(servedMedianMs),
    met: servedMedianMs <= targetMs,
    switched: s(switchedMedianMs),
    metSwitched: switchedMedianMs === null ? null : switchedMedianMs <= targetMs,
  };
}

export function targetChecks(result: PublishResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const size of result.sizes) {
    const at = `at ${n(size.articles)}`;
    for (const name of ['publish', 'edit-title', 'unpublish'] as const) {
      const runs = size.scenarios[name];
      const target = SERVED_TARGET_MS[size.articles];
      if (runs?.length && target !== undefined)
        checks.push(servedCheck(`${SCENARIO_LABELS[name]} → served, median ${at}`, runs, target));
    }
    const renames = size.scenarios['rename-partner'];
    const renameTarget = RENAME_TARGET_MS[size.articles];
    if (renames?.length && renameTarget !== undefined)
      checks.push(
        servedCheck(
          `rename a partner named by ${n(size.partner.articles)} articles → live, median ${at}`,
          renames,
          renameTarget,
        ),
      );
    const lagTarget = SEARCH_LAG_TARGET_MS[size.articles];
    const runs = SCENARIOS.flatMap((name) => size.scenarios[name] ?? []);
    if (lagTarget !== undefined && runs.length > 0) {
      const lags = searchLags(runs);
      const worst = lags.some((lag) => lag === null) ? null : Math.max(...(lags as number[]));
      checks.push({
        what: `search updated after the page, every change ${at}`,
        target: `≤ ${s(lagTarget)}`,
        served: worst === null ? 'not measured in every run' : `${s(worst)} at most`,
        met: worst === null ? null : worst <= lagTarget,
        switched: '–',
        metSwitched: null,
      });
    }
  }
  return checks;
}

const verdict = (met: boolean | null) => (met === null ? '–' : met ? 'met' : 'missed');

export function renderPublish(result: PublishResult): string {
  const notes = result.sizes.flatMap((size) =>
    SCENARIOS.flatMap((name) =>
      summarise(size.scenarios[name] ?? []).searchNotes.map(
        (note) => `- ${n(size.articles)}, ${SCENARIO_LABELS[name]}: ${note}.`,
      ),
    ),
  );
  const fullRuns = result.sizes.flatMap((size) =>
    SCENARIOS.flatMap((name) =>
      (size.scenarios[name] ?? []).flatMap((run) =>
        run.builds
          .filter((b) => b.mode !== 'partial')
          .map(
            (b) => `- ${n(size.articles)}, ${SCENARIO_LABELS[name]}, run ${run.run}: a ${b.mode} build (${b.detail}).`,
          ),
      ),
    ),
  );
  const targets = targetChecks(result).map(
    (c) => `| ${c.what} | ${c.target} | ${c.served} | ${verdict(c.met)} | ${c.switched} | ${verdict(c.metSwitched)} |`,
  );
  return [
    `${result.label === 'quick' ? 'Quick run (smoke check), ' : ''}${result.date.slice(0, 10)}, \`${result.command}\`${result.commit ? ` at ${result.commit}` : ''}, ${result.runs} run(s) of each change, quiet window ${result.quietMs} ms; ${result.machine.cpus} cores (${result.machine.cpuModel}), ${result.machine.memoryGiB} GiB, load average ${result.loadAverageAtEnd.join(' / ')} at the end.`,
    '',
    ...setupTable(result),
    '',
    'Publish call (admin API) → Strapi webhook → rebuild service → build → served; "renderer" is the warm renderer process tree (a child of the bench process), "service" the bench process that runs the service with all its children but Strapi, both from the publish call to served.',
    '',
    ...changeTable(result),
    '',
    'Where the time of the partial builds goes (medians):',
    '',
    ...breakdownTable(result),
    '',
    ...(fullRuns.length > 0 ? ['Builds that were not partial:', '', ...fullRuns, ''] : []),
    ...(notes.length > 0 ? ['Search index:', '', ...notes, ''] : []),
    ...(targets.length > 0
      ? [
          '| target | wanted | measured (served by the service) | | live folder switched (what nginx serves) | |',
          '| --- | --- | --- | --- | --- | --- |',
          ...targets,
          '',
        ]
      : []),
  ].join('\n');
}

/** Writes <name>.json and <name>.md into `outDir`. */
export function writePublishResults(outDir: string, name: string, result: PublishResult): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(outDir, `${name}.md`), renderPublish(result));
}

export function machine(): PublishResult['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

export const loadAverage = () => os.loadavg().map((value) => round(value, 2));
