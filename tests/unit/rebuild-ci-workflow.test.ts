/**
 * The rebuild workflow (.github/workflows/rebuild.yml) runs nothing the local tests do not: the
 * site's `npm ci`, the live site's history (scripts/rebuild/fetch-live-history.ts), then
 * `npm run build:site`, which is the build the rebuild service runs (scripts/lib/site-build.ts:
 * `astro build`, then the search index, in site/), with the same variables; it keeps Astro's
 * caches between runs, deploys with credentials from secrets, and only after CI passed on main,
 * on Strapi's publish dispatch, or by hand. tests/integration/github-workflow.test.ts runs its
 * steps for real.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repoRoot, siteDir } from '../../scripts/lib/paths.ts';
import { DISPATCH_EVENT_TYPE } from '../../scripts/rebuild/github-dispatch.ts';
import { siteBuildSteps } from '../../scripts/lib/site-build.ts';
import { expandExpressions, readWorkflow, runCommands, stepEnv, usedActions } from '../helpers/workflows';

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

  it('installs the site with npm ci, reads the live history and builds with the npm script the rebuild service runs, and nothing else', () => {
    expect(runCommands(job)).toEqual([
      expect.stringContaining('Set in the repository settings'),
      'npm ci --workspace site --include-workspace-root --no-audit --no-fund',
      'node scripts/rebuild/fetch-live-history.ts',
      'npm run build:site',
      expect.stringMatching(/npm run deploy:site -- "\$BUILD_DIR"; fi\n.*bash -c "\$DEPLOY_COMMAND"; fi$/),
    ]);
    expect(usedActions(job)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'actions/cache@v4',
      'actions/upload-artifact@v4',
    ]);
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

  it('deploys with the target, command and credentials from the settings, the build folder and id the rebuild service passes', () => {
    const deploy = job.steps.find((step) => step.name === 'Deploy');
    expect(deploy?.env).toEqual({
      DEPLOY_TARGET: '${{ vars.DEPLOY_TARGET }}',
      DEPLOY_GRACE_SECONDS: '${{ vars.DEPLOY_GRACE_SECONDS }}',
      S3_ENDPOINT: '${{ vars.S3_ENDPOINT }}',
      S3_REGION: '${{ vars.S3_REGION }}',
      S3_FORCE_PATH_STYLE: '${{ vars.S3_FORCE_PATH_STYLE }}',
      S3_ACCESS_KEY_ID: '${{ secrets.S3_ACCESS_KEY_ID }}',
      S3_SECRET_ACCESS_KEY: '${{ secrets.S3_SECRET_ACCESS_KEY }}',
      DEPLOY_COMMAND: '${{ secrets.DEPLOY_COMMAND }}',
      BUILD_DIR: '${{ github.workspace }}/site/dist',
      BUILD_ID: '${{ github.run_id }}',
      AWS_ACCESS_KEY_ID: '${{ secrets.AWS_ACCESS_KEY_ID }}',
      AWS_SECRET_ACCESS_KEY: '${{ secrets.AWS_SECRET_ACCESS_KEY }}',
      AWS_REGION: '${{ vars.AWS_REGION }}',
      DEPLOY_TOKEN: '${{ secrets.DEPLOY_TOKEN }}',
    });
    // Only the deploy step holds the deploy credentials.
    const others = job.steps.filter((step) => step !== deploy);
    expect(others.flatMap((step) => Object.values(step.env ?? {})).join(' ')).not.toContain('secrets.');
    expect(JSON.stringify(job.env)).not.toMatch(/DEPLOY|AWS_|S3_/);
    // The bucket deploy is the npm script the rebuild service's own deploy runs from.
    expect(rootScripts['deploy:site']).toBe('node scripts/deploy/main.ts');
  });

  it('deploys nothing, and says so, when neither DEPLOY_TARGET nor DEPLOY_COMMAND is set', () => {
    const deploy = job.steps.find((step) => step.name === 'Deploy')!;
    // GitHub refuses secrets in a step's `if:`; the script decides instead.
    expect(deploy.if).toBeUndefined();
    expect(deploy.run).toMatch(
      /^if \[ -z "\$DEPLOY_TARGET\$DEPLOY_COMMAND" \]; then echo "::notice::.*"; exit 0; fi$/m,
    );
  });

  it('keeps Astro’s image and markdown caches between runs, restored after npm ci and rolling forward', () => {
    const names = job.steps.map((step) => step.name ?? step.uses ?? step.run);
    const cache = job.steps.find((step) => step.uses?.startsWith('actions/cache@'))!;
    expect(names.indexOf(cache.name)).toBeGreaterThan(names.indexOf("Install the site's dependencies"));
    expect(names.indexOf(cache.name)).toBeLessThan(names.indexOf('npm run build:site'));
    // Astro's default cacheDir (site/node_modules/.astro) holds the image cache, and the markdown cache beside it.
    expect(cache.with).toEqual({
      path: 'site/node_modules/.astro',
      key: 'site-build-cache-${{ runner.os }}-${{ github.run_id }}',
      'restore-keys': 'site-build-cache-${{ runner.os }}-',
    });
    expect(String(cache.with!.key).startsWith(String(cache.with!['restore-keys']))).toBe(true);
  });

  it('reads the live history into the files the build reads, before the build', () => {
    const names = job.steps.map((step) => step.run?.trim());
    expect(names.indexOf('node scripts/rebuild/fetch-live-history.ts')).toBe(names.indexOf('npm run build:site') - 1);
    const values = { 'github.workspace': '/runner/work', 'vars.SITE_URL': 'https://www.koper-otok.test' };
    const env = stepEnv(
      workflow,
      job,
      job.steps.find((step) => step.run === 'npm run build:site')!,
      values,
    );
    expect(env).toMatchObject({
      SITE_PATH_HISTORY: '/runner/work/live-site/path-history.json',
      SITE_REDIRECTS: '/runner/work/live-site/redirects.json',
    });
    expect(env.SITE_PATH_HISTORY.startsWith(`${env.SITE_OUT_DIR}/`)).toBe(false);
    expect(env.SITE_REDIRECTS.startsWith(`${env.SITE_OUT_DIR}/`)).toBe(false);
  });

  it('gives the build its variables from secrets and repository variables', () => {
    expect(job.env).toMatchObject({
      STRAPI_URL: '${{ secrets.STRAPI_URL }}',
      STRAPI_TOKEN: '${{ secrets.STRAPI_READ_TOKEN }}',
      SITE_URL: '${{ vars.SITE_URL }}',
      // Inside site/, where sharp resolves with only the site installed.
      SITE_OUT_DIR: '${{ github.workspace }}/site/dist',
      SITE_PATH_HISTORY: '${{ github.workspace }}/live-site/path-history.json',
      SITE_REDIRECTS: '${{ github.workspace }}/live-site/redirects.json',
    });
  });

  it('never builds twice at once', () => {
    expect(workflow.concurrency).toEqual({ group: 'site-rebuild', 'cancel-in-progress': false });
  });
});

describe('expanding the workflow’s expressions for a test run', () => {
  it('substitutes context values, takes the first non-empty of `a || b`, and leaves missing settings empty', () => {
    const values = { 'github.sha': 'abc', 'github.workspace': '/w' };
    expect(
      expandExpressions('${{ github.event.workflow_run.head_sha || github.sha }}', {
        ...values,
        'github.event.workflow_run.head_sha': '',
      }),
    ).toBe('abc');
    expect(expandExpressions('${{ github.workspace }}/site-build', values)).toBe('/w/site-build');
    expect(expandExpressions('${{ secrets.DEPLOY_TOKEN }}', values)).toBe('');
  });

  it('refuses what it cannot evaluate, so a new expression fails the test instead of running wrongly', () => {
    expect(() => expandExpressions('${{ runner.temp }}', {})).toThrow('no value for ${{ runner.temp }}');
    expect(() => expandExpressions("${{ vars.X != '' }}", {})).toThrow('unsupported expression');
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

  it('reads the previous path history from SITE_PATH_HISTORY', async () => {
    vi.stubEnv('SITE_PATH_HISTORY', '/runner/work/live-site/path-history.json');
    vi.resetModules();
    const { config } = await import('../../site/src/config.ts');
    expect(config.pathHistoryFile).toBe('/runner/work/live-site/path-history.json');
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
