/**
 * What runs after each successful switch (and after a rollback), for production setups that
 * serve the site from elsewhere:
 *   - DEPLOY_TARGET=s3://bucket/prefix: the built-in, safe deploy to a bucket (scripts/deploy/);
 *   - DEPLOY_COMMAND: a shell command for any other target (a CDN purge after the bucket, rsync
 *     to web servers, reloading nginx). It gets BUILD_ID, BUILD_DIR (the build's folder) and
 *     LIVE_DIR (the live symlink).
 * With both, the bucket deploy runs first.
 */
import { repoRoot } from '../lib/paths.ts';
import { startProcess } from '../lib/processes.ts';
import { deployBuild, type DeployTarget } from '../deploy/target.ts';
import type { DeployFunction } from './publish.ts';
import { redact } from './redact.ts';

/** Lines of a failed deploy's output kept for /status and the log. */
export const DEPLOY_OUTPUT_LINES = 20;

/**
 * A failed deploy reports its exit code and the end of its output, redacted, never the command
 * itself: a deploy command often carries credentials.
 */
export const deployCommand =
  (command: string): DeployFunction =>
  async (build, signal) => {
    const deploy = startProcess('/bin/sh', ['-c', command], {
      cwd: repoRoot,
      label: false,
      signal,
      env: { BUILD_ID: build.id, BUILD_DIR: build.dir, LIVE_DIR: build.liveLink },
    });
    const code = await deploy.exited;
    if (signal.aborted) throw new Error(`DEPLOY_COMMAND was stopped: ${String(signal.reason ?? 'aborted')}`);
    if (code === 0) return;
    const tail = deploy.output.slice(-DEPLOY_OUTPUT_LINES).join('\n');
    throw new Error(redact(`DEPLOY_COMMAND failed with exit code ${code}\n${tail}`, process.env, [command]));
  };

/** The built-in deploy to DEPLOY_TARGET; its summary line goes to `log`. */
export const bucketDeploy =
  (target: DeployTarget, log?: (line: string) => void): DeployFunction =>
  async (build, signal) => {
    await deployBuild(target, build.dir, build.id, { log, signal });
  };

/** The deploys a configuration asks for, one after the other, or undefined for none. */
export function deployInTurn(config: {
  deployTarget?: DeployTarget;
  deployCommand?: string;
  log?: (line: string) => void;
}): DeployFunction | undefined {
  const steps = [
    ...(config.deployTarget ? [bucketDeploy(config.deployTarget, config.log)] : []),
    ...(config.deployCommand ? [deployCommand(config.deployCommand)] : []),
  ];
  if (steps.length === 0) return undefined;
  return async (build, signal) => {
    for (const step of steps) await step(build, signal);
  };
}
