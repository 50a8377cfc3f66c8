/**
 * `npm run bench:instances`: one Strapi against two behind HAProxy on PostgreSQL, on its own
 * (`npm run bench` measures the same on its largest PostgreSQL database; bench/lib/instances.ts).
 * A throw-away cluster is loaded with the generated content first (about 13 articles/s).
 *
 *   npm run bench:instances                          1,000 articles, 20 s per step
 *   npm run bench:instances -- --articles=100 --seconds=5
 * Writes <out-dir>/instances.json and .md (default bench/results), replacing the previous run's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../scripts/lib/paths.ts';
import { startPostgres } from '../scripts/lib/postgres.ts';
import { loadPostgresDatabase } from './lib/bench-database.ts';
import { stopOnInterrupt } from './lib/cleanup.ts';
import { measureInstances, renderInstances, writeInstancesResults } from './lib/instances.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '20' },
      'out-dir': { type: 'string' },
    },
  });
  const articles = Number(values.articles);
  const outDir = path.resolve(values['out-dir'] ?? path.join(repoRoot, 'bench', 'results'));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'koper-otok-bench-instances-'));
  const cluster = await startPostgres();
  const cleanUp = async () => {
    await cluster.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  const unregister = stopOnInterrupt(cleanUp);
  try {
    const databaseEnv = await cluster.createDatabase('koper_otok_bench');
    const db = await loadPostgresDatabase(articles, path.join(workDir, 'postgres'), databaseEnv);
    console.log(`bench: loaded ${articles} articles into PostgreSQL in ${(db.load.loadMs / 1000).toFixed(1)} s`);
    const result = await measureInstances({
      articles,
      dataDir: db.dataDir,
      secrets: db.secrets,
      databaseEnv,
      seconds: Number(values.seconds),
    });
    const args = process.argv.slice(2).join(' ');
    writeInstancesResults(outDir, result, `npm run bench:instances${args ? ` -- ${args}` : ''}`);
    console.log(
      `\n${renderInstances(result)}\nbench: written ${path.relative(repoRoot, outDir)}/instances.json and .md`,
    );
  } finally {
    unregister();
    await cleanUp();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
