/**
 * The summary of bench:publish (bench/lib/publish-report.ts): when the live folder switched is
 * derived from a build's steps, and targets are judged on the medians of the right runs.
 */
import { describe, expect, it } from 'vitest';
import type { BuildFigures, RunFigures } from '../../bench/lib/publish-measure.ts';
import { switchedMs, targetChecks, type PublishResult, type SizeResult } from '../../bench/lib/publish-report.ts';

const usage = { cpuMs: 100, peakRssBytes: 2 ** 20 };

function partialBuild(durationMs: number, switchMs: number): BuildFigures {
  return {
    mode: 'partial',
    detail: '3 pages rendered, 0 removed',
    result: 'succeeded',
    durationMs,
    pages: 100,
    waitedMs: 300,
    steps: { copyMs: 10, renderMs: durationMs - switchMs - 10, switchMs },
    rendered: 3,
    removed: 0,
  };
}

function run(servedMs: number, build: BuildFigures, searchMs: number | null = servedMs + 5000): RunFigures {
  return {
    run: 1,
    url: '/novice/x/',
    publishCallMs: 100,
    servedMs,
    searchMs,
    searchNote: null,
    builds: [build],
    renderer: usage,
    service: usage,
    serviceToSearch: usage,
    searchInstall: null,
  };
}

function size(articles: number, runs: RunFigures[]): SizeResult {
  return {
    articles,
    database: { cached: true, loadMs: 1 },
    initialBuild: { durationMs: 1, pages: 1, detail: null, renderer: usage, service: usage },
    partner: { name: 'P', slug: 'p', articles: 1000 },
    scenarios: { publish: runs, 'edit-title': runs, unpublish: runs, 'rename-partner': runs },
    failedBuilds: 0,
  };
}

const result = (sizes: SizeResult[]) => ({ sizes }) as PublishResult;

describe('bench:publish summary', () => {
  it('derives the switch from the publish call, the wait and the build up to its switch step', () => {
    expect(switchedMs(run(3000, partialBuild(2000, 1500)))).toBe(100 + 300 + 2000 - 1500);
    expect(switchedMs(run(3000, { ...partialBuild(2000, 1500), steps: null }))).toBeNull();
    // A sitemap written after the switch is after it too.
    const withSitemap = partialBuild(2000, 1000);
    withSitemap.steps = { ...withSitemap.steps, sitemapMs: 300 };
    expect(switchedMs(run(3000, withSitemap))).toBe(100 + 300 + 2000 - 1000 - 300);
  });

  it('judges served and switched medians against the target of the size, and the search lag at 10,000', () => {
    const slowSwitch = [1, 2, 3].map(() => run(3500, partialBuild(3000, 2000)));
    const checks = targetChecks(result([size(10000, slowSwitch)]));
    const publish = checks.find((c) => c.what.startsWith('publish a new article'))!;
    expect(publish).toMatchObject({
      target: '≤ 3.00 s',
      served: '3.50 s',
      met: false,
      switched: '1.40 s',
      metSwitched: true,
    });
    expect(checks.find((c) => c.what.startsWith('rename'))).toMatchObject({ met: true });
    expect(checks.find((c) => c.what.startsWith('search'))).toMatchObject({ met: true, served: '5.00 s at most' });

    const noSearch = [run(1000, partialBuild(500, 100), null)];
    expect(targetChecks(result([size(10000, noSearch)])).find((c) => c.what.startsWith('search'))).toMatchObject({
      met: null,
    });
    // No target at 100 articles.
    expect(targetChecks(result([size(100, noSearch)]))).toEqual([]);
  });
});
