/**
 * One Strapi against two, behind HAProxy with the production configuration
 * (deploy/haproxy/koper-otok-cms.cfg, started by tests/helpers/haproxy.ts), on one PostgreSQL
 * database already loaded with the generated content: the article-by-slug query at 10 and 50
 * connections through the balancer. "One instance" is the same balancer with cms2 in
 * maintenance, so both figures include the balancer's hop. Steps run one, two, two, one at each
 * connection count, so drift on the shared machine hits both alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStrapi, type StrapiInstance } from '../../scripts/lib/strapi.ts';
import { startBalancer } from '../../tests/helpers/haproxy.ts';
import { apiScenarios, loadScenario, type ApiResult } from './autocannon.ts';
import { stopOnInterrupt } from './cleanup.ts';
import { sampleTree } from './measure.ts';
import { median, round } from './stats.ts';

export const INSTANCE_CONNECTIONS = [10, 50];

export interface InstancesStep {
  instances: 1 | 2;
  result: ApiResult;
  /** CPU of both Strapi process trees during the step / its duration: the cores Strapi kept busy. */
  strapiCores: number;
  /** The machine's one-minute load average at the end of the step (other work shows here). */
  loadAverage: number;
}

export interface InstancesComparison {
  connections: number;
  /** Medians of the steps with one and with two instances. */
  one: { requestsPerSecond: number; p95Ms: number; strapiCores: number };
  two: { requestsPerSecond: number; p95Ms: number; strapiCores: number };
  /** Two instances' requests per second / one instance's. */
  ratio: number;
  failedRequests: number;
}

export interface InstancesResult {
  articles: number;
  database: 'postgres';
  scenario: string;
  durationSPerStep: number;
  steps: InstancesStep[];
  comparison: InstancesComparison[];
}

export interface InstancesOptions {
  articles: number;
  /** A data folder the loader wrote (uploads); both instances share it like a shared volume. */
  dataDir: string;
  secrets: Record<string, string>;
  databaseEnv: NodeJS.ProcessEnv;
  seconds: number;
  log?: (line: string) => void;
}

async function startInstances(options: InstancesOptions): Promise<StrapiInstance[]> {
  const instances: StrapiInstance[] = [];
  // One after the other: both write the same build-token file at start.
  for (let i = 0; i < 2; i++) {
    instances.push(
      await startStrapi({
        dataDir: options.dataDir,
        databaseEnv: options.databaseEnv,
        env: { ...options.secrets, SEED_DEMO: 'true', NODE_ENV: 'development', IS_PROXIED: 'true' },
        startTimeoutMs: 300_000,
      }),
    );
  }
  return instances;
}

function compare(steps: InstancesStep[], connections: number): InstancesComparison {
  const of = (count: 1 | 2) =>
    steps.filter((step) => step.instances === count && step.result.connections === connections);
  const figures = (count: 1 | 2) => ({
    requestsPerSecond: round(median(of(count).map((step) => step.result.requestsPerSecond)), 1),
    p95Ms: round(median(of(count).map((step) => step.result.latencyMs.p95)), 1),
    strapiCores: round(median(of(count).map((step) => step.strapiCores)), 2),
  });
  const one = figures(1);
  const two = figures(2);
  const failedRequests = [...of(1), ...of(2)].reduce((sum, step) => sum + step.result.non2xx + step.result.errors, 0);
  return { connections, one, two, ratio: round(two.requestsPerSecond / one.requestsPerSecond, 2), failedRequests };
}

export async function measureInstances(options: InstancesOptions): Promise<InstancesResult> {
  const log = options.log ?? console.log;
  const scenario = apiScenarios(options.articles).find((candidate) => candidate.name === 'article by slug')!;
  const instances = await startInstances(options);
  const stopInstances = () => Promise.all(instances.map((instance) => instance.stop())).then(() => undefined);
  const unregisterInstances = stopOnInterrupt(stopInstances);
  const balancer = await startBalancer([`127.0.0.1:${instances[0].port}`, `127.0.0.1:${instances[1].port}`]);
  const unregisterBalancer = stopOnInterrupt(balancer.stop);
  try {
    const steps: InstancesStep[] = [];
    for (const connections of INSTANCE_CONNECTIONS) {
      for (const count of [1, 2, 2, 1] as const) {
        await balancer.setInRotation('cms2', count === 2);
        await balancer.waitUntilIdle();
        const samplers = instances.map((instance) => sampleTree(() => instance.process.child.pid));
        const result = await loadScenario(balancer.url, scenario, connections, options.seconds);
        const strapiCpuMs = samplers.map((sampler) => sampler.stop().cpuMs).reduce((a, b) => a + b, 0);
        const step = {
          instances: count,
          result,
          strapiCores: round(strapiCpuMs / (result.durationS * 1000), 2),
          loadAverage: round(os.loadavg()[0], 2),
        };
        log(
          `bench: ${count} instance(s) behind HAProxy, ${scenario.name}, ${connections} connections: ${result.requestsPerSecond} req/s, p95 ${result.latencyMs.p95} ms, Strapi ${step.strapiCores} cores, load ${step.loadAverage}, failed ${result.non2xx + result.errors}`,
        );
        steps.push(step);
      }
    }
    return {
      articles: options.articles,
      database: 'postgres',
      scenario: scenario.name,
      durationSPerStep: options.seconds,
      steps,
      comparison: INSTANCE_CONNECTIONS.map((connections) => compare(steps, connections)),
    };
  } finally {
    await balancer.stop();
    unregisterBalancer();
    await stopInstances();
    unregisterInstances();
  }
}

/** Requests per second of Strapi CPU: what an instance does with the CPU it gets. */
const perCore = (figures: { requestsPerSecond: number; strapiCores: number }) =>
  Math.round(figures.requestsPerSecond / Math.max(figures.strapiCores, 0.01));

/** The Markdown table of bench/README.md's "One Strapi instance or two" section. */
export function renderInstances(result: InstancesResult): string {
  const rows = result.comparison.map(
    (c) =>
      `| ${c.connections} | ${c.one.requestsPerSecond} | ${c.two.requestsPerSecond} | ${c.ratio.toFixed(2)}× | ${c.one.p95Ms} ms | ${c.two.p95Ms} ms | ${c.one.strapiCores} / ${c.two.strapiCores} | ${perCore(c.one)} / ${perCore(c.two)} | ${c.failedRequests} |`,
  );
  const loads = result.steps.map((step) => step.loadAverage);
  return [
    `PostgreSQL, ${result.articles.toLocaleString('en')} articles, ${result.scenario}, through HAProxy, ${result.durationSPerStep} s per step (median of two steps each), autocannon on the same machine; load average ${Math.min(...loads)}–${Math.max(...loads)} during the steps.`,
    '',
    '| connections | one instance, requests/s | two instances, requests/s | two / one | p95, one | p95, two | Strapi cores busy, one / two | requests per Strapi CPU-second, one / two | errors + non-2xx |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Writes instances.json and instances.md into `outDir`; `command` is recorded with the figures. */
export function writeInstancesResults(outDir: string, result: InstancesResult, command: string): void {
  const record = {
    benchmark: 'instances',
    date: new Date().toISOString(),
    command,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    loadAverageAtEnd: os.loadavg().map((value) => round(value, 2)),
    ...result,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'instances.json'), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'instances.md'), renderInstances(result));
}
