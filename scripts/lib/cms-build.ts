/**
 * Builds the Strapi app (admin panel + server) when its sources changed since the last build.
 * A hash of the inputs is kept next to the output, so `npm start` rebuilds only when needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cmsDir, contentTypesDir, repoRoot } from './paths.ts';
import { runProcess } from './processes.ts';

const INPUTS = [
  path.join(cmsDir, 'src'),
  path.join(cmsDir, 'config'),
  path.join(contentTypesDir, 'schemas'),
  path.join(cmsDir, 'package.json'),
  path.join(repoRoot, 'package-lock.json'),
];
const stampFile = path.join(cmsDir, 'dist', '.build-stamp');
const adminIndex = path.join(cmsDir, 'dist', 'build', 'index.html');

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    if (p.endsWith('.json') || p.endsWith('.ts') || p.endsWith('.tsx') || p.endsWith('.js')) {
      if (!readdirSafe(p)) return void hash.update(p).update(readFileSync(p));
    }
    for (const entry of readdirSafe(p) ?? []) visit(path.join(p, entry));
  };
  INPUTS.forEach(visit);
  return hash.digest('hex');
}

function readdirSafe(p: string): string[] | null {
  try {
    return readdirSync(p).sort();
  } catch {
    return null;
  }
}

export async function buildCmsIfNeeded(): Promise<boolean> {
  const stamp = hashInputs();
  if (existsSync(adminIndex) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return false;
  console.log('cms: building the Strapi admin panel and server (first start or changed sources, about a minute)…');
  const started = Date.now();
  await runProcess(process.execPath, [path.join(repoRoot, 'scripts', 'sync-content-types.ts')], {
    cwd: repoRoot,
    label: 'cms',
  });
  await runProcess(
    process.execPath,
    [path.join(repoRoot, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'],
    {
      cwd: cmsDir,
      label: 'cms',
    },
  );
  writeFileSync(stampFile, hashInputs());
  console.log(`cms: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}
