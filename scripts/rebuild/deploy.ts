/**
 * DEPLOY_COMMAND: a shell command run after each successful switch (and after a rollback), for
 * production setups that serve the site from a bucket or CDN. It gets BUILD_ID, BUILD_DIR (the
 * build's folder) and LIVE_DIR (the live symlink), e.g.
 *   DEPLOY_COMMAND='aws s3 sync "$BUILD_DIR" s3://www-koper-otok --delete'
 */
import { repoRoot } from '../lib/paths.ts';
import { startProcess } from '../lib/processes.ts';
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
