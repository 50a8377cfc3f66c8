/**
 * DEPLOY_COMMAND: a shell command run after each successful switch (and after a rollback), for
 * production setups that serve the site from a bucket or CDN. It gets BUILD_ID, BUILD_DIR (the
 * build's folder) and LIVE_DIR (the live symlink), e.g.
 *   DEPLOY_COMMAND='aws s3 sync "$BUILD_DIR" s3://www-koper-otok --delete'
 */
import { repoRoot } from '../lib/paths.ts';
import { runProcess } from '../lib/processes.ts';
import type { DeployFunction } from './publish.ts';

export const deployCommand =
  (command: string): DeployFunction =>
  async (build, signal) => {
    await runProcess('/bin/sh', ['-c', command], {
      cwd: repoRoot,
      label: false,
      signal,
      env: { BUILD_ID: build.id, BUILD_DIR: build.dir, LIVE_DIR: build.liveLink },
    });
  };
