/**
 * `npm run rollback [buildId]`: puts an earlier build back live, atomically, without building.
 * Without an id it goes one build back; `npm run rollback -- --list` lists the kept builds.
 * Runs DEPLOY_COMMAND afterwards when set, so a bucket or CDN follows. The next successful
 * build goes live as usual.
 */
import path from 'node:path';
import { dataDir } from '../lib/paths.ts';
import { buildDir, currentBuildId, listBuilds, liveLink, rollBack } from '../lib/live-site.ts';
import { deployCommand } from './deploy.ts';

function printBuilds(sitesDir: string): void {
  const live = currentBuildId(sitesDir);
  const builds = listBuilds(sitesDir);
  if (builds.length === 0) console.log(`no builds in ${sitesDir}`);
  for (const id of builds) console.log(`${id === live ? '* ' : '  '}${id}${id === live ? '   (live)' : ''}`);
}

async function main(): Promise<void> {
  const sitesDir = path.resolve(process.env.SITES_DIR || path.join(dataDir, 'site'));
  const argument = process.argv[2];
  if (argument === '--list') return printBuilds(sitesDir);

  const { from, to } = rollBack(sitesDir, argument);
  console.log(`rollback: the live site is now build ${to} (was ${from ?? 'none'})`);
  const command = process.env.DEPLOY_COMMAND;
  if (command) {
    await deployCommand(command)(
      { id: to, dir: buildDir(sitesDir, to), liveLink: liveLink(sitesDir) },
      new AbortController().signal,
    );
    console.log('rollback: DEPLOY_COMMAND finished');
  }
  printBuilds(sitesDir);
}

main().catch((error: Error) => {
  console.error(`rollback failed: ${error.message}`);
  process.exit(1);
});
