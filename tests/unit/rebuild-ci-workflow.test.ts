/**
 * The rebuild workflow (.github/workflows/rebuild.yml) cannot run here, so it must run nothing
 * the local tests do not: `npm ci`, then `npm run build:site`, which is the build the rebuild
 * service runs (scripts/lib/site-build.ts: `astro build`, then the search index, in site/), with
 * the same variables; and it deploys only after CI passed on main, on Strapi's publish dispatch,
 * or by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repoRoot, siteDir } from '../../scripts/lib/paths.ts';
import { DISPATCH_EVENT_TYPE } from '../../scripts/rebuild/github-dispatch.ts';
import { siteBuildSteps } from '../../scripts/lib/site-build.ts';
import { readWorkflow, runCommands, usedActions } from '../helpers/workflows';

const workflow = readWorkflow('rebuild.yml');
const ci = readWorkflow('ci.yml');
const job = workflow.jobs.build;
const rootScripts: Record<string, string> = JSON.parse(
  readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
).scripts;
const siteScripts: Record<string, string> = JSON.parse(
  readFileSync(path.join(siteDir, 'package.json'), 'utf8'),
).scripts;

describe('rebuild workflow', () => {
  it('runs after CI succeeds on main, on the dispatch the rebuild service sends, and by hand; never on a bare push', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['repository_dispatch', 'workflow_dispatch', 'workflow_run']);
    expect(workflow.on.workflow_run).toEqual({ workflows: [ci.name], types: ['completed'], branches: ['main'] });
    expect(workflow.on.repository_dispatch).toEqual({ types: [DISPATCH_EVENT_TYPE] });
    expect(Object.keys(workflow.jobs)).toEqual(['build']);
  });

  it('builds after CI only when CI succeeded on a push, and builds the commit CI tested', () => {
    expect(job.if).toBe(
      "github.event_name != 'workflow_run' || " +
        "(github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push')",
    );
    const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBe('${{ github.event.workflow_run.head_sha || github.sha }}');
  });

  it('installs with npm ci and builds with the npm script the rebuild service runs, and nothing else', () => {
    expect(runCommands(job)).toEqual([
      expect.stringContaining('Set in the repository settings'),
      'npm ci --no-audit --no-fund',
      'npm run build:site',
      'bash -c "$DEPLOY_COMMAND"',
    ]);
    expect(usedActions(job)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/upload-artifact@v4']);
    expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toEqual({
      'node-version-file': '.nvmrc',
      cache: 'npm',
    });
    expect(rootScripts['build:site']).toBe('npm run build -w site');
    // scripts/lib/site-build.ts runs exactly these steps in site/; a pre- or post-step here would
    // run in CI only, so a new step belongs in siteBuildSteps() and in this script alike.
    const spelled = siteBuildSteps()
      .map(({ command, args }) => {
        const rootless = args.filter((arg, i) => arg !== '--root' && args[i - 1] !== '--root');
        return [
          path.basename(command),
          ...rootless.map((arg) => (path.isAbsolute(arg) ? path.relative(siteDir, arg) : arg)),
        ].join(' ');
      })
      .join(' && ');
    expect(spelled).toBe('astro build && node search-index.ts');
    expect(siteScripts.build).toBe(spelled);
    expect(siteScripts.prebuild).toBeUndefined();
    expect(siteScripts.postbuild).toBeUndefined();
  });

  it('deploys only when DEPLOY_COMMAND is set, with the build folder and id the rebuild service passes', () => {
    const deploy = job.steps.find((step) => step.name === 'Deploy');
    expect(deploy).toMatchObject({
      if: "${{ vars.DEPLOY_COMMAND != '' }}",
      env: {
        DEPLOY_COMMAND: '${{ vars.DEPLOY_COMMAND }}',
        BUILD_DIR: '${{ github.workspace }}/site-build',
        BUILD_ID: '${{ github.run_id }}',
      },
    });
  });

  it('gives the build its variables from secrets and repository variables', () => {
    expect(job.env).toMatchObject({
      STRAPI_URL: '${{ secrets.STRAPI_URL }}',
      STRAPI_TOKEN: '${{ secrets.STRAPI_READ_TOKEN }}',
      SITE_URL: '${{ vars.SITE_URL }}',
      SITE_OUT_DIR: '${{ github.workspace }}/site-build',
    });
  });

  it('never builds twice at once', () => {
    expect(workflow.concurrency).toEqual({ group: 'site-rebuild', 'cancel-in-progress': false });
  });
});

describe('the variables the workflow sets are the ones the site build reads', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('reads Strapi’s address and token from STRAPI_URL and STRAPI_TOKEN', async () => {
    vi.stubEnv('STRAPI_URL', 'https://cms.koper-otok.test/');
    vi.stubEnv('STRAPI_TOKEN', 'read-only-token');
    vi.resetModules();
    const { config } = await import('../../site/src/config.ts');
    expect(config).toMatchObject({ strapiUrl: 'https://cms.koper-otok.test', strapiToken: 'read-only-token' });
  });

  it('reads the public address and the output folder from SITE_URL and SITE_OUT_DIR', async () => {
    vi.stubEnv('SITE_URL', 'https://www.koper-otok.test');
    vi.stubEnv('SITE_OUT_DIR', '/tmp/site-build');
    vi.resetModules();
    const { default: astroConfig } = await import('../../site/astro.config.mjs');
    expect(astroConfig.site).toBe('https://www.koper-otok.test');
    expect(String(astroConfig.outDir)).toBe('/tmp/site-build');
  });
});
