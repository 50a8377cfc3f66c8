/**
 * Compiles the Strapi server code (config/, src/) into cms/dist with TypeScript, the same
 * compile step `strapi build` runs, without the slow admin-panel bundle. Tests and headless
 * servers (SERVE_ADMIN=false) need only this.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { binDir, cmsDir } from './lib/paths.ts';

const started = Date.now();
const result = spawnSync(path.join(binDir, 'tsc'), ['-p', path.join(cmsDir, 'tsconfig.json')], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('cms: TypeScript compilation failed (see the errors above)');
  process.exit(result.status ?? 1);
}
console.log(`cms: compiled server code into cms/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
