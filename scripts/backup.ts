/**
 * `npm run backup [-- --file <path>]`: exports everything Strapi holds (entries of every type,
 * locale and state, relations, the media library with its files, locales, content-API roles,
 * settings) into one .tar.gz, with Strapi's own transfer engine (scripts/lib/strapi-transfer.ts).
 *
 * Run it with the server's environment (DATABASE_CLIENT/DATABASE_URL, PUBLIC_DIR, the secrets,
 * UPLOAD_PROVIDER and the S3_* settings when media live in a bucket: their files are downloaded
 * into the archive);
 * without DATABASE_CLIENT it backs up the local demo (data/strapi.db and data/public), like
 * `npm start` uses. Strapi may keep running meanwhile. Default file: data/backups/koper-otok-<UTC time>.tar.gz
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from './lib/paths.ts';
import { dataDirEnv } from './lib/strapi.ts';
import { exportArchive } from './lib/strapi-transfer.ts';

const { values } = parseArgs({ options: { file: { type: 'string', short: 'f' } } });
if (!process.env.DATABASE_CLIENT) {
  const demo = dataDirEnv(dataDir);
  process.env.DATABASE_FILENAME ??= demo.DATABASE_FILENAME;
  process.env.PUBLIC_DIR ??= demo.PUBLIC_DIR;
}
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const file = values.file ?? path.join(dataDir, 'backups', `koper-otok-${stamp}`);

const started = Date.now();
try {
  const { file: archive, totals } = await exportArchive(file);
  console.log(
    `backup: wrote ${archive} in ${((Date.now() - started) / 1000).toFixed(1)} s (${JSON.stringify(totals)})`,
  );
  process.exit(0);
} catch (error) {
  console.error(`backup failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
