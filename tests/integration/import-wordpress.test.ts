/**
 * The WordPress importer against a real Strapi (temporary SQLite database, demo content seeded,
 * so the 12 regions exist), over HTTP with a full-access API token made through the admin API:
 * the fixture export is imported, checked field by field over the public and the token API,
 * imported again (nothing changes, nothing is duplicated), changed and imported again (one
 * update), and a malformed export is refused without adding anything.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPath } from '../../site/src/lib/content/routes.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { runImport, type ImportReport } from '../../scripts/import-wordpress/import.ts';
import { createFullAccessToken } from '../../scripts/import-wordpress/api-token.ts';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms.ts';

const FIXTURES = path.join(repoRoot, 'tests', 'fixtures', 'wordpress');
const EXPORT = path.join(FIXTURES, 'export.xml');
const UPLOADS = path.join(FIXTURES, 'uploads');
const DRAFT_TITLES = [
  'Osnutek: načrt za poletje',
  'Čaka na pregled: poročilo z Jesenic',
  'Zasebno: interni zapisnik',
  'Samo za člane: cenik oglaševanja',
];
const IMPORTED_MEDIA = [
  '2016-11-delavnica-postojna.jpg',
  '2017-03-urnik-delavnic-2017.pdf',
  '2017-05-galerija-1.png',
  '2017-05-galerija-2.png',
  '2017-06-kranj-izlozbe.jpg',
  '2017-06-koper-otok-trg.jpg',
  '2017-06-čebelnjak.png',
];

let cms: TestCms;
let token: string;
let workDir: string;
let redirectsFile: string;
let firstRun: ImportReport;

beforeAll(async () => {
  cms = await startTestCms();
  token = await createFullAccessToken(cms.url, DEMO_ADMIN);
  workDir = tempDir('wordpress-import');
  redirectsFile = path.join(workDir, 'redirects.json');
});
afterAll(async () => {
  await cms?.dispose();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Runs the CLI like `npm run import:wordpress -- ...` does; resolves with its exit code and output. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'import-wordpress', 'index.ts'), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, IMPORT_STRAPI_TOKEN: token },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const cliArgs = (file: string, ...extra: string[]) => [
  '--file',
  file,
  '--uploads',
  UPLOADS,
  '--strapi',
  cms.url,
  '--redirects',
  redirectsFile,
  ...extra,
];

type Article = {
  documentId: string;
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  publishedDate: string;
  cover: { name: string; url: string } | null;
  coverAlt: string | null;
  coverCaption: string | null;
  regions: { name: string }[];
};

/** Every Slovenian article in one status, with cover and regions; drafts need the token. */
async function articles(status: 'draft' | 'published', withToken = true): Promise<Article[]> {
  const { status: code, body } = await cms.rest<{ data: Article[] }>(
    'GET',
    `/api/articles?locale=sl&status=${status}&pagination[pageSize]=100&populate[cover][fields][0]=name&populate[cover][fields][1]=url&populate[regions][fields][0]=name`,
    undefined,
    withToken ? token : undefined,
  );
  expect(code).toBe(200);
  return body.data;
}
const bySlug = (list: Article[], slug: string) => list.find((a) => a.slug === slug)!;

async function mediaFiles(): Promise<{ id: number; name: string; url: string; mime: string }[]> {
  const { status, body } = await cms.rest<{ id: number; name: string; url: string; mime: string }[]>(
    'GET',
    '/api/upload/files',
    undefined,
    token,
  );
  expect(status).toBe(200);
  return body;
}

describe('first import of the fixture export', () => {
  let draftsBefore: number;
  beforeAll(async () => {
    draftsBefore = (await articles('draft')).length;
    firstRun = await runImport({ file: EXPORT, uploadsDir: UPLOADS, strapiUrl: cms.url, token, redirectsFile });
  });

  it('reports what it did: 22 articles created, 3 items skipped with reasons, media imported', async () => {
    expect(firstRun.counts).toEqual({ created: 22, updated: 0, unchanged: 0, failed: 0, skipped: 3 });
    expect(firstRun.skipped.map((s) => [s.wordpressId, s.reason])).toEqual([
      [109, 'no title and no content'],
      [116, 'in the WordPress trash'],
      [301, 'a WordPress page, not a post: not imported as an article'],
    ]);
    expect(firstRun.media).toMatchObject({ uploaded: 7, reused: 0 });
    expect(firstRun.media.missing).toEqual([
      {
        wordpressId: 112,
        title: 'Prenova tržnice',
        url: 'https://www.koper-otok.si/wp-content/uploads/2017/04/manjkajoca-slika.jpg',
        reason: 'featured image not in the uploads folder: 2017/04/manjkajoca-slika.jpg',
      },
    ]);
    expect((await articles('draft')).length).toBe(draftsBefore + 22);
  });

  it('keeps Slovenian titles, slugs and the original publication dates', async () => {
    const drafts = await articles('draft');
    expect(bySlug(drafts, 'zivahno-mestno-jedro-kopra')).toMatchObject({
      title: 'Živahno mestno jedro Kopra',
      publishedDate: '2017-06-14',
    });
    expect(bySlug(drafts, 'cokoladni-dan-v-ljubljani')).toMatchObject({
      title: 'Čokoladni dan v Ljubljani',
      publishedDate: '2017-02-14',
    });
    expect(bySlug(drafts, 'koper-izola-skupaj')).toMatchObject({
      title: 'Koper & Izola – skupaj za mestna središča',
      publishedDate: '2017-10-02',
    });
    expect(bySlug(drafts, 'presernov-trg-in-cebelnjak')).toMatchObject({
      title: 'Prešernov trg in čebelnjak', // &scaron; and &ccaron; in the export
      body: 'Na Prešernovem trgu so predstavili čebelnjak s kranjske tržnice.',
    });
    expect(bySlug(drafts, 'dolg-zapis-o-zgodovini-mestnih-sredisc').publishedDate).toBe('2016-03-23');
    expect(bySlug(drafts, '108')).toMatchObject({
      title: 'Brez naslova – 14. 6. 2017',
      body: 'Kratko obvestilo: pisarna bo v petek, 16. junija, zaprta.',
    });
    expect(bySlug(drafts, 'poletna-delavnica').publishedDate).toBe('2016-07-01');
    expect(bySlug(drafts, 'poletna-delavnica-2').publishedDate).toBe('2017-07-03');
    expect(bySlug(drafts, 'zivahno-mestno-jedro-kopra').body).toContain('čevljarje, šivilje, slaščičarje');
    expect(bySlug(drafts, 'urnik-delavnic-2017').body).toContain(
      '| Postojna | 20. 6. 2017 | Primorsko-notranjska \\| Kras |',
    );
  });

  it('keeps drafts as drafts: the public API does not show them, the token API does', async () => {
    const publicTitles = (await articles('published', false)).map((a) => a.title);
    expect(publicTitles).toContain('Živahno mestno jedro Kopra');
    expect(publicTitles).toContain('Brez naslova – 14. 6. 2017');
    for (const title of DRAFT_TITLES) expect(publicTitles).not.toContain(title);
    expect((await cms.rest('GET', '/api/articles?locale=sl&status=draft')).status).toBe(403);

    const draftTitles = (await articles('draft')).map((a) => a.title);
    for (const title of DRAFT_TITLES) expect(draftTitles).toContain(title);
    const { body } = await cms.graphql('{ articles(locale: "sl", pagination: { limit: 100 }) { title } }');
    for (const title of DRAFT_TITLES) expect(JSON.stringify(body)).not.toContain(title);
  });

  it('puts featured and inline images into the media library and references them', async () => {
    const files = await mediaFiles();
    const imported = files.filter((f) => IMPORTED_MEDIA.includes(f.name));
    expect(imported.map((f) => f.name).sort()).toEqual([...IMPORTED_MEDIA].sort());
    const fileUrl = (name: string) => `${cms.url}${imported.find((f) => f.name === name)!.url}`;

    const published = await articles('published', false);
    expect(bySlug(published, 'zivahno-mestno-jedro-kopra').cover?.name).toBe('2017-06-koper-otok-trg.jpg');
    // WordPress's alt text and caption are Slovenian: they describe the Slovenian cover.
    expect(bySlug(published, 'zivahno-mestno-jedro-kopra')).toMatchObject({
      coverAlt: 'Titov trg v Kopru z Loggio',
      coverCaption: 'Titov trg ob sobotnem sejmu',
    });
    expect(bySlug(published, 'cebelnjak-na-strehi').cover?.name).toBe('2017-06-čebelnjak.png');
    expect(bySlug(published, 'prenova-trznice').cover).toBeNull(); // its file is missing

    const gallery = bySlug(published, 'galerija-dan-odprtih-vrat').body;
    expect(gallery).toContain(`![Obiskovalci pred trgovino](${fileUrl('2017-05-galerija-1.png')})`);
    expect(gallery).toContain(`![](${fileUrl('2017-05-galerija-2.png')})`);
    expect(bySlug(published, 'delavnica-v-kranju-ciscenje-izlozb').body).toContain(
      `![Izložbe na Prešernovi ulici](${fileUrl('2017-06-kranj-izlozbe.jpg')})\n\n*Urejene izložbe`,
    );
    expect(bySlug(published, 'delavnica-v-postojni').body).toContain(`(${fileUrl('2016-11-delavnica-postojna.jpg')})`);
    expect(bySlug(published, 'urnik-delavnic-2017').body).toContain(
      `[dokumentu PDF](${fileUrl('2017-03-urnik-delavnic-2017.pdf')})`,
    );
    expect(bySlug(published, 'plakat-za-sejem').body).toContain('(https://cdn.example.org/plakati/sejem-2017.jpg)');
    for (const a of published) expect(a.body ?? '', a.slug).not.toContain('/wp-content/uploads/');

    const image = await fetch(fileUrl('2017-05-galerija-1.png'));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(files.find((f) => f.name === '2017-06-koper-otok-trg.jpg')).toMatchObject({
      alternativeText: 'Titov trg v Kopru z Loggio',
    });
  });

  it('links regions whose names match categories and tags, in the published version too', async () => {
    const published = await articles('published', false);
    const regionNames = (slug: string) =>
      bySlug(published, slug)
        .regions.map((r) => r.name)
        .sort();
    expect(regionNames('zivahno-mestno-jedro-kopra')).toEqual(['Obalno-kraška']);
    expect(regionNames('delavnica-v-kranju-ciscenje-izlozb')).toEqual(['Gorenjska']);
    expect(regionNames('izola-in-piran-se-pridruzujeta')).toEqual(['Obalno-kraška']);
    expect(regionNames('plakat-za-sejem')).toEqual(['Goriška']);
    expect(regionNames('dolg-zapis-o-zgodovini-mestnih-sredisc')).toEqual(['Obalno-kraška', 'Osrednjeslovenska']);
    expect(regionNames('urnik-delavnic-2017')).toEqual([]);
    const { body } = await cms.graphql(
      '{ regions(locale: "sl", filters: { name: { eq: "Gorenjska" } }) { articles(pagination: { limit: 100 }) { slug } } }',
    );
    expect(body.data.regions[0].articles.map((a: { slug: string }) => a.slug)).toEqual(
      expect.arrayContaining(['delavnica-v-kranju-ciscenje-izlozb', 'cebelnjak-na-strehi']),
    );
  });

  it('writes a redirect map with one entry per imported published post', async () => {
    const redirects: { from: string; to: string }[] = JSON.parse(readFileSync(redirectsFile, 'utf8'));
    const published = (await articles('published', false)).filter((a) =>
      firstRun.articles.some((r) => r.slug === a.slug),
    );
    expect(published).toHaveLength(18);
    expect(redirects).toHaveLength(18);
    expect(redirects.map((r) => r.to).sort()).toEqual(published.map((a) => entryPath('article', 'sl', a.slug)).sort());
    expect(redirects).toContainEqual({
      from: '/2017/06/14/zivahno-mestno-jedro-kopra/',
      to: '/novice/zivahno-mestno-jedro-kopra/',
    });
    expect(redirects).toContainEqual({ from: '/2017/07/03/poletna-delavnica/', to: '/novice/poletna-delavnica-2/' });
    expect(redirects).toContainEqual({ from: '/2017/02/14/čokoladni-dan/', to: '/novice/cokoladni-dan-v-ljubljani/' });
  });
});

describe('running the import again', () => {
  it('changes nothing and duplicates nothing when the export is the same', async () => {
    const draftsBefore = await articles('draft');
    const mediaBefore = await mediaFiles();
    const { code, stdout, stderr } = await runCli(cliArgs(EXPORT));
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('articles: 0 created, 0 updated, 22 unchanged, 0 failed, 3 skipped');
    expect(stdout).toContain('media: 0 uploaded, 7 already in the library, 1 missing');
    expect(stderr).toMatch(/importing 22\/22 \(100%\)/);
    const draftsAfter = await articles('draft');
    expect(draftsAfter.map((a) => [a.documentId, a.slug])).toEqual(draftsBefore.map((a) => [a.documentId, a.slug]));
    expect((await mediaFiles()).length).toBe(mediaBefore.length);
  });

  it('updates a post that changed in the export, in place; a dry run before it writes nothing', async () => {
    const changed = path.join(workDir, 'changed.xml');
    writeFileSync(
      changed,
      readFileSync(EXPORT, 'utf8').replace(
        '<title>Živahno mestno jedro Kopra</title>',
        '<title>Živahno mestno jedro Kopra in Izole</title>',
      ),
    );
    const before = bySlug(await articles('published', false), 'zivahno-mestno-jedro-kopra');

    const dryRun = await runCli(cliArgs(changed, '--dry-run'));
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('DRY RUN (nothing was written)');
    expect(dryRun.stdout).toContain('articles: 0 created, 1 updated, 21 unchanged');
    expect(bySlug(await articles('published', false), 'zivahno-mestno-jedro-kopra').title).toBe(
      'Živahno mestno jedro Kopra',
    );

    const report = await runImport({ file: changed, uploadsDir: UPLOADS, strapiUrl: cms.url, token, redirectsFile });
    expect(report.counts).toMatchObject({ created: 0, updated: 1, unchanged: 21 });
    const after = bySlug(await articles('published', false), 'zivahno-mestno-jedro-kopra');
    expect(after).toMatchObject({ documentId: before.documentId, title: 'Živahno mestno jedro Kopra in Izole' });
    expect(after.cover?.name).toBe('2017-06-koper-otok-trg.jpg');
  });
});

describe('a malformed export', () => {
  it('is refused with the file and line, and nothing is imported', async () => {
    const draftsBefore = (await articles('draft')).length;
    const mediaBefore = (await mediaFiles()).length;
    const malformed = path.join(FIXTURES, 'malformed.xml');
    const { code, stdout, stderr } = await runCli(cliArgs(malformed));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`WordPress import failed: ${malformed}:44:`);
    expect(stderr).toContain('not well-formed XML');
    expect(stderr).toContain('Nothing was imported.');
    const drafts = await articles('draft');
    expect(drafts.length).toBe(draftsBefore);
    expect(drafts.map((a) => a.title)).not.toContain('Prva pokvarjena novica');
    expect((await mediaFiles()).length).toBe(mediaBefore);
  });

  it('a wrong token stops the import with a clear message before anything is written', async () => {
    const { code, stderr } = await runCli([...cliArgs(EXPORT), '--token', 'not-a-token']);
    expect(code).toBe(1);
    expect(stderr).toContain('Strapi refused the API token (401)');
  });
});
