/**
 * Smoke test of the performance benchmark (bench/performance.ts): `npm run bench -- --quick`
 * runs end to end at N=100 (load, GraphQL and JSON builds, Hugo when installed, API load on
 * SQLite and on PostgreSQL (.ci/run installs it), page weight when Chromium is there) and writes a results file of the expected shape. No timing
 * is asserted: CI machines are shared and their times say nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../scripts/lib/processes.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { hugoVersion } from '../../bench/lib/hugo.ts';
import { CHROMIUM } from '../../bench/lib/page-weight.ts';

const outDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-bench-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const timing = { wallMs: expect.any(Number), peakRssBytes: expect.any(Number), cpuMs: expect.any(Number) };

describe('npm run bench -- --quick', () => {
  it('measures N=100 end to end and writes the results as JSON and Markdown', async () => {
    await runProcess(process.execPath, ['bench/performance.ts', '--quick', `--out-dir=${outDir}`], {
      cwd: repoRoot,
      label: 'bench',
    });

    // A quick run has fixed names of its own, so it never replaces a full run's performance.json.
    const files = readdirSync(outDir);
    expect(files.sort()).toEqual(['performance-quick.json', 'performance-quick.md']);
    const jsonFile = 'performance-quick.json';
    const result = JSON.parse(readFileSync(path.join(outDir, jsonFile), 'utf8'));

    expect(result).toMatchObject({
      benchmark: 'performance',
      label: 'quick',
      rounds: 1,
      machine: { cpus: expect.any(Number) },
    });
    expect(result.sizes).toHaveLength(1);
    const [size] = result.sizes;
    expect(size.articles).toBe(100);
    expect(size.content.sl).toMatchObject({ regions: 12, partners: 50 });
    expect(size.content.sl.articles).toBeGreaterThanOrEqual(100);
    expect(size.content.en.workshops).toBeGreaterThanOrEqual(10);
    expect(size.load).toMatchObject({ articles: 100, workshops: 10, loadMs: expect.any(Number) });

    const { graphql, json, hugo } = size.median;
    expect(graphql).toMatchObject({
      ...timing,
      source: 'graphql',
      fetchRequests: expect.any(Number),
      pagefindMs: expect.any(Number),
    });
    expect(json).toMatchObject({ ...timing, source: 'json', fetchRequests: null });
    expect(graphql.pages).toBeGreaterThan(2 * 100);
    expect(json.pages).toBe(graphql.pages); // the same content, from a snapshot
    // Hugo and Chromium are optional for the bench; when installed, their parts must be there.
    expect(hugo !== null, 'a Hugo build exactly when Hugo is installed').toBe(hugoVersion() !== null);
    if (hugo !== null) expect(hugo.pages).toBeGreaterThan(2 * 100);
    expect(size.graphqlTraffic.graphqlRequests).toBe(graphql.fetchRequests);
    expect(size.graphqlTraffic.graphqlResponseBytes).toBeGreaterThan(0);
    expect(size.fetchOverhead).toEqual(expect.any(Number));

    expect(result.api.results).toHaveLength(6);
    expect(result.apiPostgres).toMatchObject({
      database: 'postgres',
      articles: 100,
      load: { articles: 100, loadMs: expect.any(Number) },
    });
    expect(result.apiPostgres.results).toHaveLength(6);
    for (const step of [...result.api.results, ...result.apiPostgres.results]) {
      expect(step).toMatchObject({
        requests: expect.any(Number),
        latencyMs: { p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) },
      });
      expect(step.requests).toBeGreaterThan(0);
      expect(step.errors + step.non2xx).toBe(0);
    }
    expect(Boolean(result.pageWeight), `page weight exactly when ${CHROMIUM} exists`).toBe(existsSync(CHROMIUM));
    if (result.pageWeight) {
      expect(Object.keys(result.pageWeight.pages)).toEqual(['home', 'article', 'workshop']);
      expect(result.pageWeight.pages.article.htmlCssJsFonts).toBeGreaterThan(0);
    }
    expect(readFileSync(path.join(outDir, 'performance-quick.md'), 'utf8')).toContain('#### Build scaling');
    expect(readFileSync(path.join(outDir, 'performance-quick.md'), 'utf8')).toContain('PostgreSQL, 100 articles');
  }, 300_000);
});
