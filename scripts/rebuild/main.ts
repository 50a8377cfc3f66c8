/**
 * `npm run rebuild`: the rebuild service on its own, for production (configured by environment
 * variables, see docs/operations.md). `npm start` runs the same service inside the local demo.
 * `npm run rebuild -- --full` asks the running service for a full build and waits for it.
 */
import { readRebuildConfig, type RebuildConfig } from './config.ts';
import { requestFullBuild } from './full-build-request.ts';
import { serviceOptionsFromConfig, startRebuildService } from './service.ts';
import { WEBHOOK_PATH } from './server.ts';

const deploySteps = (config: RebuildConfig) =>
  (config.deployTarget ? `, then deploys to ${config.deployTarget.url}` : '') +
  (config.deployCommand ? ', then runs DEPLOY_COMMAND' : '');

const stamp = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

async function main(): Promise<void> {
  const config = readRebuildConfig();
  // The site build and the deploy command run as children of this process: they need not know these.
  delete process.env.REBUILD_WEBHOOK_SECRET;
  delete process.env.GITHUB_DISPATCH_TOKEN;
  delete process.env.REBUILD_STATUS_TOKEN;

  const service = await startRebuildService({ ...serviceOptionsFromConfig(config, stamp), log: stamp });
  const work = config.githubDispatch
    ? `relays each rebuild to GitHub Actions (${config.githubDispatch.repository})`
    : `builds from ${config.strapiUrl} into ${config.sitesDir}${deploySteps(config)}` +
      `${config.serveSite ? ', and serves the live site' : ''}`;
  const callers = config.allowedIps ? ` from ${[...config.allowedIps].join(', ')} only` : '';
  const statusAccess = config.statusToken ? ', with REBUILD_STATUS_TOKEN' : '';
  stamp(`rebuild: listening on ${service.url} (POST ${WEBHOOK_PATH} for Strapi's webhook${callers}); ${work}`);
  stamp(`rebuild: status at ${service.statusUrl}${statusAccess}`);
  // Strapi does not replay webhooks that found the service down, so build once at start.
  service.buildNow();

  const shutdown = async (signal: string) => {
    stamp(`rebuild: ${signal}, stopping (a running build is stopped and discarded; the live site stays)`);
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv.includes('--full')) {
  requestFullBuild().then(
    (line) => console.log(line),
    (error: Error) => {
      console.error(`rebuild --full: ${error.message}`);
      process.exit(1);
    },
  );
} else {
  main().catch((error: Error) => {
    console.error(`rebuild: cannot start: ${error.message}`);
    process.exit(1);
  });
}
