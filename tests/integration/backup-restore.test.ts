/**
 * Nothing lost: the documented commands (`npm run backup`, `npm run restore -- <file>`) are run
 * as a person would, against a seeded Strapi with extra content (an untranslated draft, a file
 * in the media library that nothing uses yet); the backup is restored into a fresh database and
 * a fresh uploads folder, and a Strapi started on them must hold exactly the same: every entry,
 * locale, state, field, relation and media file (byte for byte). On PostgreSQL, the production
 * database, and on SQLite, the local demo's.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { runProcess } from '../../scripts/lib/processes.ts';
import { dataDirEnv } from '../../scripts/lib/strapi.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { openEditor, solidPng, type CmsEditor } from '../helpers/cms-editor';
import { snapshotCms, type CmsSnapshot } from '../helpers/cms-snapshot';
import { postgresDatabase, sqliteDatabase, type DatabaseFactory, type TestDatabase } from '../helpers/databases';

/** Runs one of the repository's scripts the way npm does, with a Strapi instance's environment. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return runProcess(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], {
    cwd: repoRoot,
    env,
    label: false,
  });
}

/** The variables a tool needs to open the same database and uploads as a running test Strapi. */
function toolEnv(cms: TestCms, database: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_CLIENT, DATABASE_FILENAME, PUBLIC_DIR } = dataDirEnv(cms.dataDir);
  return { ...cms.env, DATABASE_CLIENT, DATABASE_FILENAME, PUBLIC_DIR, ...database };
}

describe.each<[string, DatabaseFactory]>([
  ['PostgreSQL', postgresDatabase],
  ['SQLite', sqliteDatabase],
])('backup and restore on %s', (_label, database) => {
  let db: TestDatabase;
  let original: TestCms;
  let restored: TestCms;
  let before: CmsSnapshot;
  let after: CmsSnapshot;
  let archive: string;
  const folders: string[] = [];

  beforeAll(async () => {
    db = await database();
    original = await startTestCms({ env: db.env });
    const editor: CmsEditor = await openEditor(original);
    // Beyond the seed: a draft that exists in Slovenian only, and a file nothing uses yet.
    await editor.create('articles', 'sl', {
      title: 'Osnutek brez prevoda',
      slug: 'osnutek-brez-prevoda',
      excerpt: 'Samo v slovenščini.',
      publishedDate: '2026-01-15',
      body: '**Čšž** 🎉',
    });
    await editor.upload(
      { name: 'arhiv-plakat.png', bytes: solidPng(64, 48, [200, 40, 40]), mime: 'image/png' },
      { alternativeText: 'Plakat iz arhiva', caption: 'Arhiv 2016' },
    );
    before = await snapshotCms(original, editor);

    const backups = tempDir('backups');
    folders.push(backups);
    await runScript('backup.ts', ['--file', path.join(backups, 'koper-otok')], toolEnv(original, db.env));
    archive = path.join(backups, 'koper-otok.tar.gz');

    // A fresh database and a fresh, empty uploads folder, as after losing the server.
    const freshDatabase = await db.another('koper_otok_restored');
    const freshDir = tempDir('restored');
    await original.stop();
    await runScript('restore.ts', [archive], { ...toolEnv({ ...original, dataDir: freshDir }, freshDatabase) });
    restored = await startTestCms({ env: { ...freshDatabase }, dataDir: freshDir });
    after = await snapshotCms(restored, await openEditor(restored));
  }, 600_000);

  afterAll(async () => {
    console.log(
      `backup-restore (${_label}): ${before?.counts.entries} entries, ${before?.counts.relations} relations, ${before?.counts.files} files (${before?.counts.fileBytes} bytes), ${before?.locales.length} locales round-tripped`,
    );
    await restored?.dispose();
    await original?.dispose();
    await db?.dispose();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('writes one compressed archive', () => {
    expect(existsSync(archive)).toBe(true);
    expect(statSync(archive).size).toBeGreaterThan(10_000);
  });

  it('brings back every entry in every locale and state, field for field, with its relations', () => {
    expect(before.counts.entries).toBeGreaterThan(60);
    expect(Object.keys(before.entries).some((key) => key.startsWith('articles sl draft'))).toBe(true);
    expect(after.entries).toEqual(before.entries);
    expect(after.counts).toEqual(before.counts);
  });

  it('brings back the media library and every file byte for byte', () => {
    expect(before.counts.files).toBeGreaterThanOrEqual(3);
    expect(after.files).toEqual(before.files);
  });

  it('brings back the locales, Slovenian still the default', () => {
    expect(after.locales).toEqual(['en', 'sl (default)']);
    expect(after.locales).toEqual(before.locales);
  });

  it('starts as a working site: public reads, no reseeding, drafts still closed', async () => {
    const { body } = await restored.graphql('{ articles(locale: "sl") { title } }');
    expect(body.data.articles.map((a: { title: string }) => a.title).sort()).toEqual(
      Object.entries(before.entries)
        .filter(([key]) => key.startsWith('articles sl published'))
        .map(([, e]) => (e as { title: string }).title)
        .sort(),
    );
    expect((await restored.graphql('{ articles(status: DRAFT) { title } }')).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
