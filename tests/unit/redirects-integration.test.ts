/**
 * After a build the redirects integration writes every redirect for the web server, and
 * publishes the redirect map as read, without the moved pages, for a build that reads it back
 * from the live site (the GitHub workflow).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readRedirects, redirectsFile, type Redirect } from '../../site/integrations/redirects';
import { MOVED_PAGES_FILE } from '../../site/src/lib/content/moved-pages';
import { REDIRECT_MAP_FILE } from '../../site/src/lib/content/redirect-rules';
import { tempDir } from '../helpers/cms';

const workDir = tempDir('redirects-integration');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function finishBuild(map: Redirect[], moved: Redirect[]): Promise<string> {
  const outDir = path.join(workDir, `dist-${map.length}-${moved.length}`);
  mkdirSync(outDir);
  if (moved.length > 0) writeFileSync(path.join(outDir, MOVED_PAGES_FILE), JSON.stringify(moved));
  const hook = redirectsFile(map).hooks['astro:build:done']!;
  // The hook reads only the output folder and the logger.
  await hook({ dir: pathToFileURL(`${outDir}/`), logger: { warn: () => {} } } as unknown as Parameters<typeof hook>[0]);
  return outDir;
}

describe('the redirects integration', () => {
  const map = [{ from: '/2017/06/14/delavnica/', to: '/novice/delavnica/' }];
  const moved = [{ from: '/novice/stari-naslov/', to: '/novice/delavnica/' }];

  it('writes the map and the moved pages into _redirects, and publishes the map alone as redirects.json', async () => {
    const outDir = await finishBuild(map, moved);
    expect(readFileSync(path.join(outDir, '_redirects'), 'utf8')).toBe(
      '/2017/06/14/delavnica/ /novice/delavnica/ 301\n/novice/stari-naslov/ /novice/delavnica/ 301\n',
    );
    const published = path.join(outDir, REDIRECT_MAP_FILE);
    expect(JSON.parse(readFileSync(published, 'utf8'))).toEqual(map);
    // The next build reads the published file as its redirect map.
    expect(readRedirects(published)).toEqual(map);
    expect(existsSync(path.join(outDir, MOVED_PAGES_FILE))).toBe(false);
  });

  it('publishes an empty map too, so a missing file on the live site only ever means a first deploy', async () => {
    const outDir = await finishBuild([], moved);
    expect(JSON.parse(readFileSync(path.join(outDir, REDIRECT_MAP_FILE), 'utf8'))).toEqual([]);
  });
});
