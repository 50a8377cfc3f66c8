/**
 * The CI workflow (.github/workflows/rebuild.yml) cannot run here, so it must run nothing the
 * local tests do not: `npm ci`, then `npm run build:site`, which is the build the rebuild service
 * runs (scripts/lib/site-build.ts: `astro build`, then the search index, in site/), with the
 * same variables.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, siteDir } from '../../scripts/lib/paths.ts';
import { DISPATCH_EVENT_TYPE } from '../../scripts/rebuild/github-dispatch.ts';
import { siteBuildSteps } from '../../scripts/lib/site-build.ts';

const workflow = readFileSync(path.join(repoRoot, '.github', 'workflows', 'rebuild.yml'), 'utf8');
const rootScripts: Record<string, string> = JSON.parse(
  readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
).scripts;
const siteScripts: Record<string, string> = JSON.parse(
  readFileSync(path.join(siteDir, 'package.json'), 'utf8'),
).scripts;

/** The `run:` commands of the workflow's steps, in order (single-line runs). */
const runSteps = () => [...workflow.matchAll(/^\s*-\s+run:\s*(.+)$/gm)].map((m) => m[1].trim());

describe('CI rebuild workflow', () => {
  it('runs on push and on the dispatch the rebuild service sends', () => {
    expect(workflow).toMatch(/^on:\n(?:.*\n)*?\s+push:/m);
    expect(workflow).toMatch(new RegExp(`repository_dispatch:\\n\\s+types: \\[${DISPATCH_EVENT_TYPE}\\]`));
  });

  it('installs with npm ci and builds with the npm script the rebuild service runs', () => {
    const steps = runSteps();
    expect(steps).toEqual(['npm ci --no-audit --no-fund', 'npm run build:site']);
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

  it('gives the build the variables the site reads, from secrets and repository variables', () => {
    expect(workflow).toContain('STRAPI_URL: ${{ secrets.STRAPI_URL }}');
    expect(workflow).toContain('STRAPI_TOKEN: ${{ secrets.STRAPI_READ_TOKEN }}');
    expect(workflow).toContain('SITE_URL: ${{ vars.SITE_URL }}');
    const siteConfig =
      readFileSync(path.join(siteDir, 'src', 'config.ts'), 'utf8') +
      readFileSync(path.join(siteDir, 'astro.config.mjs'), 'utf8');
    for (const variable of ['STRAPI_URL', 'STRAPI_TOKEN', 'SITE_URL', 'SITE_OUT_DIR']) {
      expect(siteConfig, `the site no longer reads ${variable}`).toContain(`process.env.${variable}`);
    }
  });

  it('never builds twice at once', () => {
    expect(workflow).toMatch(/concurrency:\n\s+group: site-rebuild\n\s+cancel-in-progress: false/);
  });
});
