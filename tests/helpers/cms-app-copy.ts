/**
 * A throw-away copy of the compiled Strapi app with a changed content model, to test a model
 * change without touching content-types/ or cms/. The change goes through the same derivation
 * as a real one (scripts/lib/content-model.ts turns content-types/schemas into Strapi's
 * schema.json files); the copy lives under cms/.tmp/ (git-ignored) so Node finds the
 * repository's node_modules from it.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { derivedContentModelFiles, loadSchemas, type StrapiSchema } from '../../scripts/lib/content-model.ts';

export interface CmsAppCopy {
  appDir: string;
  dispose(): void;
}

export function copyCmsAppWithModel(change: (schemas: Map<string, StrapiSchema>) => void): CmsAppCopy {
  mkdirSync(path.join(cmsDir, '.tmp'), { recursive: true });
  const appDir = mkdtempSync(path.join(cmsDir, '.tmp', 'app-'));
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
