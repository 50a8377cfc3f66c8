/**
 * `node scripts/rebuild/fetch-live-history.ts`: before a build with no live folder (the GitHub
 * workflow), downloads the live site's path history and redirect map (live-history.ts) into
 * the files the site build reads. Reads SITE_URL, and SITE_PATH_HISTORY and SITE_REDIRECTS as
 * the files to write, the same variables the build reads them from.
 */
import path from 'node:path';
import { fetchLiveHistory } from './live-history.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const siteUrl = required('SITE_URL');
  const pathHistoryFile = path.resolve(required('SITE_PATH_HISTORY'));
  const redirectsFile = path.resolve(required('SITE_REDIRECTS'));
  const result = await fetchLiveHistory({ siteUrl, pathHistoryFile, redirectsFile });
  if (!result.found) {
    console.log(
      `live history: ${siteUrl} publishes no path history or redirect map yet (a first deploy): building without`,
    );
    return;
  }
  console.log(
    `live history: ${result.paths} paths of entries into ${pathHistoryFile}, ${result.redirects} redirects into ${redirectsFile}`,
  );
}

main().catch((error: Error) => {
  console.error(`live history: ${error.message}`);
  process.exit(1);
});
