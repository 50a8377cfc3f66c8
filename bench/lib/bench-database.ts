/**
 * One Strapi data folder per article count, cached in data/bench/ (git-ignored): loading
 * 10,000 articles takes minutes, so reruns reuse it. The folder name carries a hash of the
 * generator, the loader and the content model, so changing any of them loads afresh. The
 * timings of the real load are kept beside the database (load.json) and quoted on reuse.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadComponents, loadSchemas, type StrapiSchema } from '../../scripts/lib/content-model.ts';
import { cmsDir, dataDir } from '../../scripts/lib/paths.ts';
import { startProcess } from '../../scripts/lib/processes.ts';
import { generateSecrets } from '../../scripts/lib/strapi.ts';
import { LOAD_RESULT_PREFIX, type LoadResult } from './load-strapi.ts';

export const benchDataRoot = path.join(dataDir, 'bench');

export interface BenchDatabase {
  /** A data folder as scripts/lib/strapi.ts startStrapi expects: strapi.db, public/uploads. */
  dataDir: string;
  /** The secrets the database was created with (the build token is encrypted with them). */
  secrets: Record<string, string>;
  load: LoadResult & { loadedAt: string };
  /** True when this run reused a database loaded earlier. */
  cached: boolean;
}

/** A schema as far as the stored content depends on it: indexes are (re)built by Strapi at start. */
function contentOfSchema({ indexes: _indexes, ...schema }: StrapiSchema): string {
  return JSON.stringify(schema);
}

/** Names the cached databases: a change to the generator, the loader, the model or the demo loads anew. */
export function contentKey(): string {
  const hash = createHash('sha256');
  const libDir = path.dirname(new URL(import.meta.url).pathname);
  for (const file of ['generate-content.ts', 'load-strapi.ts']) hash.update(readFileSync(path.join(libDir, file)));
  for (const schema of loadSchemas().values()) hash.update(contentOfSchema(schema));
  for (const [uid, component] of loadComponents()) hash.update(uid + JSON.stringify(component));
  hash.update(readFileSync(path.join(cmsDir, 'data', 'demo-content.json')));
  return hash.digest('hex').slice(0, 10);
}

export const strapiEnv = (folder: string, secrets: Record<string, string>): NodeJS.ProcessEnv => ({
  ...secrets,
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: path.join(folder, 'strapi.db'),
  PUBLIC_DIR: path.join(folder, 'public'),
  SEED_DEMO: 'true',
  NODE_ENV: 'development',
});

/** Loads into the SQLite file of `folder`, or into the database `databaseEnv` names (uploads stay in the folder). */
async function loadInto(
  folder: string,
  articles: number,
  secrets: Record<string, string>,
  databaseEnv: NodeJS.ProcessEnv = {},
): Promise<LoadResult> {
  mkdirSync(path.join(folder, 'public', 'uploads'), { recursive: true });
  const loader = path.join(path.dirname(new URL(import.meta.url).pathname), 'load-strapi.ts');
  const env = { ...strapiEnv(folder, secrets), ...databaseEnv };
  const proc = startProcess(process.execPath, [loader, String(articles)], { cwd: cmsDir, label: false, env });
  let result: LoadResult | undefined;
  createInterface({ input: proc.child.stdout! }).on('line', (line) => {
    if (line.startsWith(LOAD_RESULT_PREFIX)) result = JSON.parse(line.slice(LOAD_RESULT_PREFIX.length));
    else if (line.startsWith('load:')) console.log(`bench: ${line}`);
  });
  const code = await proc.exited;
  if (code !== 0 || !result)
    throw new Error(`loading ${articles} articles failed (exit ${code}):\n${proc.output.slice(-30).join('\n')}`);
  return result;
}

/** The cached data folder for `articles`, loading it first if there is none. */
export async function ensureBenchDatabase(articles: number): Promise<BenchDatabase> {
  const folder = path.join(benchDataRoot, `articles-${articles}-${contentKey()}`);
  const metaFile = path.join(folder, 'load.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    return { dataDir: folder, secrets: meta.secrets, load: meta.load, cached: true };
  }
  // A partial load from an interrupted run, and databases of older generator versions.
  rmSync(folder, { recursive: true, force: true });
  for (const stale of existsSync(benchDataRoot)
    ? readdirSync(benchDataRoot).filter((name) => name.startsWith(`articles-${articles}-`))
    : []) {
    rmSync(path.join(benchDataRoot, stale), { recursive: true, force: true });
  }
  const secrets = generateSecrets();
  console.log(
    `bench: loading ${articles} generated articles into ${path.relative(dataDir, folder)} (cached for later runs)`,
  );
  const load = { ...(await loadInto(folder, articles, secrets)), loadedAt: new Date().toISOString() };
  writeFileSync(metaFile, `${JSON.stringify({ secrets, load }, null, 2)}\n`, { mode: 0o600 });
  return { dataDir: folder, secrets, load, cached: false };
}

/**
 * The same content in a fresh PostgreSQL database (the production database), loaded the same
 * way. Not cached: the benchmark's cluster is thrown away after the run.
 */
export async function loadPostgresDatabase(
  articles: number,
  folder: string,
  databaseEnv: NodeJS.ProcessEnv,
): Promise<BenchDatabase> {
  const secrets = generateSecrets();
  console.log(`bench: loading ${articles} generated articles into PostgreSQL`);
  const load = { ...(await loadInto(folder, articles, secrets, databaseEnv)), loadedAt: new Date().toISOString() };
  return { dataDir: folder, secrets, load, cached: false };
}
