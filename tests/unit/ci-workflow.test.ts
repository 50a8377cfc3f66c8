/**
 * The CI workflow (.github/workflows/ci.yml) cannot run here, so this checks that it runs what
 * `npm test` runs locally (lint, type checks, both vitest projects), each as its own step, and
 * the integration tests on Debian, where Chromium and PostgreSQL are where the tests look.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import vitestConfig from '../../vitest.config.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { npmScriptOf, readWorkflow, runCommands, usedActions } from '../helpers/workflows';

const ci = readWorkflow('ci.yml');
const rootPackage = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const scripts = rootPackage.scripts;
const allRuns = Object.values(ci.jobs).flatMap(runCommands);
const npmScripts = allRuns.map(npmScriptOf).filter((script) => script !== null);

describe('CI workflow', () => {
  it('runs on every push and pull request', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on.push).toBeNull();
    expect(ci.on.pull_request).toBeNull();
  });

  it('installs with npm ci on the Node version of .nvmrc, the one package.json pins', () => {
    const nvmrc = readFileSync(path.join(repoRoot, '.nvmrc'), 'utf8').trim();
    expect(rootPackage.engines.node).toBe(`>=${nvmrc} <${Number(nvmrc) + 1}`);
    for (const [name, job] of Object.entries(ci.jobs)) {
      expect(usedActions(job).slice(0, 2), name).toEqual(['actions/checkout@v4', 'actions/setup-node@v4']);
      expect(job.steps.find((step) => step.uses === 'actions/setup-node@v4')?.with, name).toEqual({
        'node-version-file': '.nvmrc',
        cache: 'npm',
      });
      expect(runCommands(job), name).toContain('npm ci --no-audit --no-fund');
    }
  });

  it('lints, type-checks and runs the unit tests as separate steps, before anything slow', () => {
    expect(Object.keys(ci.jobs)).toEqual(['checks', 'integration']);
    expect(ci.jobs.checks['runs-on']).toBe('ubuntu-latest');
    expect(runCommands(ci.jobs.checks)).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run lint',
      'npm run typecheck',
      'npm run test:unit',
    ]);
    expect(ci.jobs.integration.needs).toBe('checks');
  });

  it('runs the integration and browser tests in Debian, with Debian’s Chromium, PostgreSQL, nginx and Java', () => {
    const integration = ci.jobs.integration;
    expect(integration.container).toBe('debian:bookworm');
    const [install, ...rest] = runCommands(integration);
    expect(install).toMatch(/^apt-get update/);
    expect(install.split(/\s+/)).toEqual(
      expect.arrayContaining(['install', 'chromium', 'postgresql', 'nginx', 'default-jre-headless']),
    );
    expect(rest).toEqual(['npm ci --no-audit --no-fund', 'npm run test:integration']);
  });

  it('runs every script npm test runs: lint, typecheck, and every vitest project', () => {
    expect(npmScripts.sort()).toEqual(['lint', 'test:integration', 'test:unit', 'typecheck']);
    for (const script of npmScripts) expect(scripts[script], script).toBeDefined();
    expect(scripts.pretest).toContain('npm run lint');
    expect(scripts.pretest).toContain('npm run typecheck');
    const projects = (vitestConfig.test?.projects ?? []).map((project) =>
      typeof project === 'object' && 'test' in project ? project.test?.name : undefined,
    );
    expect(projects).toEqual(['unit', 'integration']);
    expect(scripts['test:unit']).toBe('vitest run --project unit');
    expect(scripts['test:integration']).toContain('vitest run --project integration');
  });
});
