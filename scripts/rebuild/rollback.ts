/**
 * `npm run rollback [buildId]`: puts an earlier build back live, atomically, without building.
 * Without an id it goes one build back; `npm run rollback -- --list` lists the kept builds.
 * Deploys the kept build afterwards like the rebuild service does (DEPLOY_TARGET, then
 * DEPLOY_COMMAND, when set), so a bucket or CDN follows. The next successful build goes live as usual.
 */
import path from 'node:path';
import { dataDir } from '../lib/paths.ts';
import { buildDir, currentBuildId, listBuilds, liveLink, rollBack } from '../lib/live-site.ts';
import { readDeployTarget } from '../deploy/target.ts';
import { deployInTurn } from './deploy.ts';

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

  // Read before switching, so a wrong deploy setting stops the rollback before it changes anything.
  const deploy = deployInTurn({
    deployTarget: readDeployTarget(),
    deployCommand: process.env.DEPLOY_COMMAND || undefined,
    log: (line) => console.log(`rollback: ${line}`),
  });
  const { from, to } = rollBack(sitesDir, argument);
  console.log(`rollback: the live site is now build ${to} (was ${from ?? 'none'})`);
  if (deploy) {
    await deploy({ id: to, dir: buildDir(sitesDir, to), liveLink: liveLink(sitesDir) }, new AbortController().signal);
    console.log('rollback: deployed');
  }
  printBuilds(sitesDir);
}

main().catch((error: Error) => {
  console.error(`rollback failed: ${error.message}`);
  process.exit(1);
});
