/**
 * Throw-away copies of the Strapi app, so a test can change or build it without touching cms/,
 * whose compiled dist/ other suites run at the same time: one with a changed content model, one
 * with the admin panel built. The copies live under cms/.tmp/ (git-ignored) so Node finds the
 * repository's node_modules from them.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cmsDir, repoRoot } from '../../scripts/lib/paths.ts';
import { runProcess } from '../../scripts/lib/processes.ts';
import { derivedContentModelFiles, loadSchemas, type StrapiSchema } from '../../scripts/lib/content-model.ts';

export interface CmsAppCopy {
  appDir: string;
  dispose(): void;
}

const newAppDir = (prefix: string) => {
  mkdirSync(path.join(cmsDir, '.tmp'), { recursive: true });
  return mkdtempSync(path.join(cmsDir, '.tmp', prefix));
};

/**
 * The compiled app with a changed model. The change goes through the same derivation as a real
 * one (scripts/lib/content-model.ts turns content-types/schemas into Strapi's schema.json files).
 */
export function copyCmsAppWithModel(change: (schemas: Map<string, StrapiSchema>) => void): CmsAppCopy {
  const appDir = newAppDir('app-');
  for (const part of ['dist/config', 'dist/src', 'data', 'package.json']) {
    cpSync(path.join(cmsDir, part), path.join(appDir, part), { recursive: true });
  }
  // `strapi start` reads the output folder from tsconfig.json.
  writeFileSync(path.join(appDir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { outDir: 'dist' } }));

  const schemas = loadSchemas();
  change(schemas);
  for (const [file, content] of derivedContentModelFiles(schemas)) {
    if (!file.endsWith('schema.json')) continue;
    // cms/src/api/<type>/... is compiled to <app>/dist/src/api/<type>/...
    writeFileSync(path.join(appDir, 'dist', path.relative(cmsDir, file)), content);
  }
  return { appDir, dispose: () => rmSync(appDir, { recursive: true, force: true }) };
}

/**
 * The app's sources built by `strapi build`, as `npm start` builds cms/: the server code and the
 * admin panel's bundle, which the tests' own compile step leaves out.
 */
export async function buildCmsAppWithAdmin(): Promise<CmsAppCopy> {
  const appDir = newAppDir('admin-');
  for (const part of ['config', 'src', 'data', 'database', 'package.json']) {
    cpSync(path.join(cmsDir, part), path.join(appDir, part), { recursive: true });
  }
  // cms/tsconfig.json extends the repository's one by a relative path, which moves with the copy.
  const tsconfig = JSON.parse(readFileSync(path.join(cmsDir, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
  tsconfig.extends = path.relative(appDir, path.join(repoRoot, 'tsconfig.json'));
  writeFileSync(path.join(appDir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const dispose = () => rmSync(appDir, { recursive: true, force: true });
  try {
    const strapiBin = path.join(repoRoot, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
    await runProcess(process.execPath, [strapiBin, 'build'], { cwd: appDir, label: false });
  } catch (error) {
    dispose();
    throw error;
  }
  return { appDir, dispose };
}
