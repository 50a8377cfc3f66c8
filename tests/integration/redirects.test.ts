/**
 * Old WordPress URLs keep working: the importer's redirect map becomes redirect pages (and a
 * _redirects file for hosts with real HTTP redirects); redirects never enter the sitemap;
 * a broken or looping map fails the build with a clear message.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { sitemapPaths } from '../helpers/site-output';

const SITE_URL = 'https://www.koper-otok.test';
const TARGET = '/novice/delavnica-o-managementu-mestnih-sredisc-v-postojni/';
let cms: TestCms;
let workDir: string;

beforeAll(async () => {
  cms = await startTestCms();
  workDir = tempDir('redirects');
});
afterAll(async () => {
  await cms?.dispose();
});

const build = (redirectsFile: string, name: string) =>
  buildSite({ strapiUrl: cms.url, siteUrl: SITE_URL, outDir: path.join(workDir, name), label: false, redirectsFile });

describe('redirects from the old site', () => {
  it('builds a redirect page and a _redirects line for every entry of the map', async () => {
    const map = path.join(workDir, 'redirects.json');
    writeFileSync(
      map,
      JSON.stringify([
        { from: '/2017/06/14/delavnica-v-postojni/', to: TARGET },
        { from: '/2017/02/14/čokoladni-dan', to: '/novice/' },
      ]),
    );
    await build(map, 'with-map');
    const outDir = path.join(workDir, 'with-map');

    const page = readFileSync(path.join(outDir, '2017/06/14/delavnica-v-postojni/index.html'), 'utf8');
    expect(page).toContain(`<meta http-equiv="refresh" content="0;url=${TARGET}">`);
    expect(page).toContain('noindex');
    expect(existsSync(path.join(outDir, TARGET, 'index.html'))).toBe(true);
    expect(existsSync(path.join(outDir, '2017/02/14/čokoladni-dan/index.html'))).toBe(true);

    expect(readFileSync(path.join(outDir, '_redirects'), 'utf8')).toBe(
      `/2017/06/14/delavnica-v-postojni/ ${TARGET} 301\n/2017/02/14/%C4%8Dokoladni-dan/ /novice/ 301\n`,
    );
    expect(sitemapPaths(outDir, SITE_URL).filter((p) => p.startsWith('/2017/'))).toEqual([]);
  });

  it('fails the build, naming the file and the entry, when the map is broken', async () => {
    const map = path.join(workDir, 'broken.json');
    writeFileSync(map, JSON.stringify([{ from: 'https://evil.example/', to: TARGET }]));
    const error = await build(map, 'broken').catch((e: Error) => e);
    expect((error as Error).message).toContain(`Redirect map ${map}, entry 0`);
    expect(existsSync(path.join(workDir, 'broken', 'index.html'))).toBe(false);
  });

  it('fails the build, naming the paths, when the map loops', async () => {
    const map = path.join(workDir, 'loop.json');
    writeFileSync(
      map,
      JSON.stringify([
        { from: '/2017/a/', to: '/2017/b/' },
        { from: '/2017/b/', to: '/2017/a/' },
      ]),
    );
    const error = await build(map, 'loop').catch((e: Error) => e);
    expect((error as Error).message).toContain(`Redirect map ${map}: Redirect loop: /2017/a/ -> /2017/b/ -> /2017/a/`);
    expect(existsSync(path.join(workDir, 'loop', 'index.html'))).toBe(false);
  });
});
