/**
 * Old URLs keep working. The redirects staff manage in the CMS and the WordPress permalinks in
 * the redirect map the importer writes (by default data/redirects.json; SITE_REDIRECTS names
 * another map, or an empty value none) become redirect pages in the static build, as do earlier
 * slugs from the path history. A staff redirect wins over the map's and a changed slug's for the
 * same old path: it is the newest decision, made by someone who looked. After the build this
 * integration merges the lists, collapses chains, refuses loops
 * (src/lib/content/redirect-rules.ts), and writes real HTTP redirects: `_redirects` (one
 * "from to 301" or "302" a line, for hosts and CDNs that read it) and the nginx include that
 * deploy/nginx serves. It also publishes the map as read (`redirects.json`), for builds that
 * read it back from the live site; the moved pages and staff redirects stay out of it, since
 * every build reads those afresh (a slug that returns to an earlier value, or a redirect staff
 * delete, must not meet a frozen copy).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { loadStaffRedirects } from '../src/lib/cms/load.ts';
import { MOVED_PAGES_FILE } from '../src/lib/content/moved-pages.ts';
import {
  mergeRedirectSources,
  nginxRedirectRules,
  NGINX_REDIRECTS_FILE,
  REDIRECT_MAP_FILE,
  redirectsFileText,
  staffRedirect,
  statusOf,
  type Redirect,
} from '../src/lib/content/redirect-rules.ts';

export type { Redirect };
// The map reader lives apart so that plain-Node scripts (fetch-live-history) can use it without
// this integration's CMS client, which only Vite resolves.
export { readRedirects } from './redirect-map.ts';

/** Astro's `redirects` config: from -> to, with the redirect's status. */
export const astroRedirects = (redirects: Redirect[]) =>
  Object.fromEntries(
    redirects.map((redirect) => [redirect.from, { status: statusOf(redirect), destination: redirect.to }]),
  );

/** The moved pages the build wrote (see src/pages/moved-pages.json.ts), removed once read. */
function takeMovedPages(outDir: string): Redirect[] {
  const file = path.join(outDir, MOVED_PAGES_FILE);
  if (!existsSync(file)) return [];
  const moved = JSON.parse(readFileSync(file, 'utf8')) as Redirect[];
  rmSync(file);
  return moved;
}

/**
 * The redirects of a build. The staff redirects are fetched while Astro sets up (its routes are
 * fixed after that), one small request before bundling; the pages read the same list
 * (src/lib/site-pages.ts), so an earlier slug yields to a staff redirect of the same path.
 */
export function redirectsFile(mapRedirects: Redirect[]): AstroIntegration {
  let staff: Redirect[] = [];
  return {
    name: 'koper-otok:redirects-file',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig }) => {
        if (command === 'build') staff = (await loadStaffRedirects()).map(staffRedirect);
        updateConfig({ redirects: astroRedirects(mergeRedirectSources(staff, mapRedirects)) });
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const redirects = mergeRedirectSources(staff, [...mapRedirects, ...takeMovedPages(outDir)]);
        const nginx = nginxRedirectRules(redirects);
        for (const { redirect, reason } of nginx.skipped) {
          logger.warn(`no nginx redirect for ${redirect.from} -> ${redirect.to}: ${reason} (_redirects keeps it)`);
        }
        // Always written, so the server's include never points at a missing file.
        writeFileSync(path.join(outDir, NGINX_REDIRECTS_FILE), nginx.text);
        // A partial rebuild starts from the live build's files: one left without redirects must lose the list.
        if (redirects.length > 0) writeFileSync(path.join(outDir, '_redirects'), redirectsFileText(redirects));
        else rmSync(path.join(outDir, '_redirects'), { force: true });
        // Always written, so a missing file on the live site means a first deploy, never an empty map.
        writeFileSync(path.join(outDir, REDIRECT_MAP_FILE), JSON.stringify(mapRedirects));
      },
    },
  };
}
