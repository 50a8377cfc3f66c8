/**
 * `npm run deploy:site -- <built site folder> [build id]`: deploys a built site to DEPLOY_TARGET
 * (s3://bucket/prefix, with the S3_* settings) the way the rebuild service does after each
 * switch; the GitHub workflow's deploy step runs it. The build id defaults to BUILD_ID, else the
 * folder's name.
 */
import path from 'node:path';
import { deployBuild, readDeployTarget } from './target.ts';

async function main(): Promise<void> {
  const [folder, id] = process.argv.slice(2);
  if (!folder) throw new Error('name the built site folder: npm run deploy:site -- site/dist');
  const target = readDeployTarget();
  if (!target) throw new Error('DEPLOY_TARGET is not set: set it to s3://bucket or s3://bucket/prefix');
  const dir = path.resolve(folder);
  const stamp = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  await deployBuild(target, dir, id || process.env.BUILD_ID || path.basename(dir), { log: stamp });
}

main().catch((error: Error) => {
  console.error(`deploy:site failed: ${error.message}`);
  process.exit(1);
});
