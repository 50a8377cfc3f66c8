/**
 * `npm run restore -- <backup.tar.gz>`: replaces the content of the configured database and its
 * uploads folder (or, with UPLOAD_PROVIDER=s3, its bucket S3_BUCKET) with a backup made by
 * `npm run backup` (scripts/lib/strapi-transfer.ts).
 *
 * Stop Strapi on the target database first, and run with the environment of the server that
 * will use it (DATABASE_CLIENT/DATABASE_URL, PUBLIC_DIR, the secrets); without DATABASE_CLIENT
 * it restores into the local demo (data/strapi.db and data/public). Restoring into a fresh,
 * empty database is the tested path (tests/integration/backup-restore.test.ts). Admin accounts
 * are not in a backup: the first administrator comes from ADMIN_EMAIL/ADMIN_PASSWORD.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataDir } from './lib/paths.ts';
import { dataDirEnv } from './lib/strapi.ts';
import { importArchive } from './lib/strapi-transfer.ts';

const { positionals } = parseArgs({ allowPositionals: true });
const [file] = positionals;
if (!file || !existsSync(file)) {
  console.error(`usage: npm run restore -- <backup.tar.gz>${file ? `\nno such file: ${file}` : ''}`);
  process.exit(2);
}
if (!process.env.DATABASE_CLIENT) {
  const demo = dataDirEnv(dataDir);
  process.env.DATABASE_FILENAME ??= demo.DATABASE_FILENAME;
  process.env.PUBLIC_DIR ??= demo.PUBLIC_DIR;
}

const started = Date.now();
try {
  const { totals } = await importArchive(file);
  console.log(
    `restore: restored ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s (${JSON.stringify(totals)})`,
  );
  process.exit(0);
} catch (error) {
  console.error(`restore failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
