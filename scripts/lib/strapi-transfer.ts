/**
 * Backup and restore with Strapi's own data transfer engine (what `strapi export` and
 * `strapi import` run), driven in-process against the compiled app in cms/dist. The CLI would
 * first recompile cms/ with TypeScript, so a backup would depend on the sources compiling; this
 * uses what is deployed. The archive (.tar.gz) holds every entry in every locale and state
 * (drafts and published), all relations, the media library with the uploaded files, locales,
 * roles and permissions of the content API, and the core store (settings, the demo-seed flag).
 * As in Strapi's CLI, admin accounts and API tokens (admin::*) are left out: after a restore the
 * first administrator comes from ADMIN_EMAIL/ADMIN_PASSWORD and the build token is made anew.
 *
 * Both run with the same environment as the server (DATABASE_*, PUBLIC_DIR, the secrets or
 * cms/.env, and with UPLOAD_PROVIDER=s3 the S3_* settings). A restore replaces all content of the
 * target database and its uploads folder; stop Strapi on that database first.
 *
 * With media in a bucket, Strapi's engine does the same through the upload provider: the export
 * downloads every file and format at the URL Strapi recorded (the bucket's public address), and
 * the import uploads each one into the configured bucket under its key and points the entry at
 * it, so an emptied or new bucket is filled from the archive alone
 * (tests/integration/media-s3-pipeline.test.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cmsDir } from './paths.ts';

const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));

interface LoadedStrapi {
  destroy(): Promise<void>;
  log: { level: string };
}

// Strapi's CLI leaves these out of every transfer: admin accounts, roles and tokens, and
// content releases (which point at admin users).
const isLeftOut = (uid: string) => uid.startsWith('admin::') || uid.startsWith('plugin::content-releases.');

const transforms = {
  entities: [{ filter: (entity: { type: string }) => !isLeftOut(entity.type) }],
  links: [
    {
      filter: (link: { left: { type: string }; right: { type: string } }) =>
        !isLeftOut(link.left.type) && !isLeftOut(link.right.type),
    },
  ],
};

async function loadStrapi(): Promise<LoadedStrapi & { contentTypes: Record<string, unknown> }> {
  // Strapi reads .env from its working directory at load; point it at cms/.env wherever we run.
  process.env.ENV_PATH ??= path.join(cmsDir, '.env');
  // Strapi refuses to start without its uploads folder; a fresh restore target has none yet.
  if (process.env.PUBLIC_DIR)
    mkdirSync(path.join(path.resolve(cmsDir, process.env.PUBLIC_DIR), 'uploads'), { recursive: true });
  const { createStrapi } = requireFromCms('@strapi/strapi');
  const app = createStrapi({
    appDir: cmsDir,
    distDir: path.join(cmsDir, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  app.log.level = 'error';
  return app.load();
}

export interface TransferSummary {
  file: string;
  /** Entities, links, assets and configuration items transferred. */
  totals: Record<string, number>;
}

function summarise(results: { engine?: Record<string, { count?: number }> }, file: string): TransferSummary {
  const totals = Object.fromEntries(
    Object.entries(results.engine ?? {}).map(([stage, data]) => [stage, data?.count ?? 0]),
  );
  return { file, totals };
}

/**
 * A media file the export could not read (Strapi's engine reports the HTTP status or the fetch
 * error) explained for the operator; other errors pass unchanged.
 */
function explainExportError(error: unknown): unknown {
  const message = (error as Error)?.message ?? String(error);
  if (!/Request failed with status code|fetch failed|ECONNREFUSED|ENOTFOUND/.test(message)) return error;
  return new Error(
    `a media file could not be read into the backup (${message}). With media in a bucket ` +
      '(UPLOAD_PROVIDER=s3) the backup downloads every file at its public address (S3_PUBLIC_URL): ' +
      'check that the object storage is running and that address is readable from this machine, then back up again.',
    { cause: error },
  );
}

/** Writes <file>.tar.gz (the extension is added if missing); returns the archive's path and totals. */
export async function exportArchive(file: string): Promise<TransferSummary> {
  const { engine, strapi: local, file: fileProviders } = requireFromCms('@strapi/data-transfer');
  const base = path.resolve(file).replace(/\.tar\.gz$/, '');
  mkdirSync(path.dirname(base), { recursive: true });
  const app = await loadStrapi();
  try {
    const source = local.providers.createLocalStrapiSourceProvider({ getStrapi: async () => app, autoDestroy: false });
    const destination = fileProviders.providers.createLocalFileDestinationProvider({
      file: { path: base },
      encryption: { enabled: false },
      compression: { enabled: true },
    });
    const transfer = engine.createTransferEngine(source, destination, {
      versionStrategy: 'ignore',
      schemaStrategy: 'ignore',
      transforms,
    });
    try {
      return summarise(await transfer.transfer(), `${base}.tar.gz`);
    } catch (error) {
      // A partial archive must never pass for a backup.
      rmSync(`${base}.tar.gz`, { force: true });
      throw explainExportError(error);
    }
  } finally {
    await app.destroy();
  }
}

/**
 * Replaces the target's content with the archive's. The archive's schema must equal the
 * running model's (schemaStrategy "strict"): restore a backup with the code it was made with,
 * then start the new code, which migrates the database as usual.
 */
export async function importArchive(file: string): Promise<TransferSummary> {
  const { engine, strapi: local, file: fileProviders } = requireFromCms('@strapi/data-transfer');
  const archive = path.resolve(file);
  // A restore must not seed demo content into the database it is about to fill.
  process.env.SEED_DEMO = 'false';
  const app = await loadStrapi();
  try {
    const source = fileProviders.providers.createLocalFileSourceProvider({
      file: { path: archive },
      compression: { enabled: archive.endsWith('.gz') },
      encryption: { enabled: false },
    });
    const destination = local.providers.createLocalStrapiDestinationProvider({
      getStrapi: async () => app,
      autoDestroy: false,
      strategy: 'restore',
      restore: {
        entities: { exclude: Object.keys(app.contentTypes).filter(isLeftOut), include: undefined },
        assets: true,
        configuration: { webhook: true, coreStore: true },
      },
    });
    const transfer = engine.createTransferEngine(source, destination, {
      versionStrategy: 'ignore',
      schemaStrategy: 'strict',
      transforms,
    });
    const results = await transfer.transfer();
    return summarise(results, archive);
  } finally {
    await app.destroy();
  }
}
