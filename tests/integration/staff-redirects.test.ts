/**
 * Redirects staff manage in the admin, end to end: the Editor creates and publishes them through
 * the Content Manager's admin API (what the admin panel calls), Strapi normalises and checks them
 * (messages in Slovenian and English), the real site build reads them with the build token and
 * merges them with the WordPress map and the path history, and Debian's nginx with the production
 * rules (deploy/nginx/site.conf) answers them: 301 for a permanent redirect, 302 for a temporary one.
 * The admin then lists the import's and the changed slugs' redirects the site published, read-only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { freePort } from '../../scripts/lib/net.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { NGINX_REDIRECTS_FILE } from '../../site/src/lib/content/redirect-rules';
import { adminSession, collection, fieldErrors, type AdminSession } from '../helpers/admin-api';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { serveWithNginx, type ServedByNginx } from '../helpers/nginx';

const SITE_URL = 'https://www.koper-otok.test';
const REDIRECTS = collection('redirect');
const OLD_SLUG = '/novice/stari-naslov/';
const IMPORTED = '/2016/03/01/stara-novica/';

interface Saved {
  documentId: string;
  from: string;
  to: string;
  kind: string;
  note: string | null;
  origin: string;
}

let cms: TestCms;
let editor: AdminSession;
let nginx: ServedByNginx | undefined;
let workDir: string;
let outDir: string;
let articlePath: string;
let articleDocumentId: string;
let sitePort: number;

beforeAll(async () => {
  // The CMS lists the live site's own redirects (SITE_URL); nginx serves the build there later.
  sitePort = await freePort();
  cms = await startTestCms({ env: { SITE_URL: `http://127.0.0.1:${sitePort}` } });
  workDir = tempDir('staff-redirects');
  editor = await adminSession(cms.url, DEMO_EDITOR);
  const { body } = await cms.graphql<{ articles: { documentId: string; slug: string }[] }>(
    '{ articles(locale: "sl", pagination: { limit: 1 }) { documentId slug } }',
  );
  const [article] = body.data!.articles;
  articlePath = `/novice/${article.slug}/`;
  articleDocumentId = article.documentId;
}, 180_000);

afterAll(async () => {
  await nginx?.stop();
  await cms?.dispose();
});

const create = (fields: Record<string, unknown>) => editor.request<{ data: Saved }>('POST', REDIRECTS, fields);
const publish = (documentId: string) =>
  editor.request<{ data: Saved }>('POST', `${REDIRECTS}/${documentId}/actions/publish`, {});
const versionOf = async (documentId: string, status: 'draft' | 'published') =>
  (await editor.request<{ data: Saved }>('GET', `${REDIRECTS}/${documentId}?status=${status}`)).body.data;

/** Creates a redirect as the admin does and publishes it; returns what Strapi stored. */
async function createPublished(fields: Record<string, unknown>): Promise<Saved> {
  const created = await create(fields);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await publish(created.body.data.documentId);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body.data;
}

describe('saving a redirect in the admin', () => {
  it('refuses a live page, a full URL as the old address and a loop, naming the field in Slovenian and English', async () => {
    const livePage = await create({ from: articlePath, to: '/novice/' });
    expect(livePage.status).toBe(400);
    expect(fieldErrors(livePage).from).toBe(
      `Stari naslov: ${articlePath} je naslov strani, ki na spletnem mestu obstaja; preusmeritev bi jo skrila. Če naj stran izgine, jo najprej umaknite iz objave. / from: ${articlePath} is a live page of the site; a redirect would hide it (unpublish the page first).`,
    );
    // The site's own pages are live too: the English news list, the second page of the news.
    expect((await create({ from: '/en/news/', to: '/novice/' })).status).toBe(400);
    expect((await create({ from: '/novice/stran/2', to: '/novice/' })).status).toBe(400);

    const withHost = await create({ from: 'https://www.koper-otok.si/stara/', to: '/novice/' });
    expect(fieldErrors(withHost).from).toContain('vpišite le pot na naši strani, brez https:// in domene');

    const toItself = await create({ from: '/sama-vase/', to: '/sama-vase' });
    expect(fieldErrors(toItself).to).toContain('preusmeritev bi se vrtela v krogu (/sama-vase/ → /sama-vase/)');
  });

  it('normalises the addresses, flattens a chain with a note, and refuses the loop back', async () => {
    const hop = await createPublished({ from: 'arhiv/2016', to: '/novice' });
    expect([hop.from, hop.to, hop.kind]).toEqual(['/arhiv/2016/', '/novice/', 'permanent']);

    const chained = await createPublished({ from: '/stari-arhiv/', to: '/arhiv/2016/' });
    expect(chained.to).toBe('/novice/');
    expect(chained.note).toContain('Novi naslov /arhiv/2016/ že preusmerja naprej');
    expect(chained.note).toContain('this redirect now points straight at /novice/');

    const taken = await create({ from: '/arhiv/2016', to: '/delavnice/' });
    expect(fieldErrors(taken).from).toContain('za /arhiv/2016/ preusmeritev že obstaja');

    expect((await create({ from: '/krog-a/', to: '/krog-b/' })).status).toBe(201);
    const circle = await create({ from: '/krog-b/', to: '/krog-a/' });
    expect(fieldErrors(circle).to).toContain('preusmeritev bi se vrtela v krogu (/krog-b/ → /krog-a/ → /krog-b/)');
  });

  it('refuses to publish a page at a redirect’s old address, which the redirect would hide', async () => {
    await createPublished({ from: '/novice/prihodnja-novica/', to: '/novice/' });
    const refused = await editor.request('POST', `${collection('article')}/actions/publish?locale=sl`, {
      title: 'Prihodnja novica',
      slug: 'prihodnja-novica',
      excerpt: 'Novica, ki bi jo preusmeritev skrila, zato je ni mogoče objaviti, dokler preusmeritev obstaja.',
      publishedDate: '2017-07-01',
    });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).slug).toContain('na naslovu /novice/prihodnja-novica/ je preusmeritev');
  });

  it('flattens the redirects that pointed at an address when that address gets a redirect', async () => {
    const pointing = await createPublished({ from: '/stari-dogodek/', to: '/izginula-stran/' });
    const moved = await createPublished({ from: '/izginula-stran/', to: articlePath });
    expect(moved.to).toBe(articlePath);
    for (const status of ['draft', 'published'] as const) {
      const flattened = await versionOf(pointing.documentId, status);
      expect(flattened.to, status).toBe(articlePath);
      expect(flattened.note, status).toContain(`Skrajšano: /izginula-stran/ zdaj preusmerja na ${articlePath}`);
    }
  });
});

describe('the built site behind nginx', () => {
  beforeAll(async () => {
    await createPublished({ from: '/poletna-akcija/', to: '/delavnice/', kind: 'temporary' });
    await createPublished({ from: '/stari-partner/', to: 'https://www.koper.si/' });
    // Staff take over an imported permalink and a changed slug's old path: theirs win.
    await createPublished({ from: IMPORTED, to: '/delavnice/' });
    await createPublished({ from: OLD_SLUG, to: '/regije/' });
    // A draft is not on the site until it is published.
    expect((await create({ from: '/se-ni-objavljeno/', to: '/novice/' })).status).toBe(201);

    const redirectsFile = path.join(workDir, 'redirects.json');
    writeFileSync(
      redirectsFile,
      JSON.stringify([
        { from: IMPORTED, to: articlePath },
        { from: '/2016/03/02/druga-novica/', to: '/novice/' },
      ]),
    );
    const pathHistoryFile = path.join(workDir, 'path-history.json');
    writeFileSync(pathHistoryFile, JSON.stringify({ [`article:${articleDocumentId}:sl`]: [OLD_SLUG, articlePath] }));

    outDir = path.join(workDir, 'site');
    await buildSite({
      strapiUrl: cms.url,
      tokenFile: cms.tokenFile,
      siteUrl: SITE_URL,
      outDir,
      label: false,
      redirectsFile,
      pathHistoryFile,
    });
    nginx = await serveWithNginx(outDir, [path.join(outDir, NGINX_REDIRECTS_FILE)], sitePort);
  }, 600_000);

  const get = (urlPath: string) => fetch(`${nginx!.url}${urlPath}`, { redirect: 'manual' });

  async function expectRedirect(from: string, status: number, to: string) {
    const response = await get(from);
    expect(response.status, from).toBe(status);
    expect(response.headers.get('location'), from).toBe(to);
  }

  it('answers a permanent redirect from the admin with 301, and its flattened chain in one hop', async () => {
    await expectRedirect('/arhiv/2016/', 301, '/novice/');
    await expectRedirect('/stari-arhiv/', 301, '/novice/');
    await expectRedirect('/stari-dogodek/', 301, articlePath);
    await expectRedirect('/stari-partner/', 301, 'https://www.koper.si/');
    expect((await get(articlePath)).status).toBe(200);
  });

  it('answers a temporary redirect with 302', async () => {
    await expectRedirect('/poletna-akcija/', 302, '/delavnice/');
  });

  it('lets a staff redirect win over the import map and a changed slug for the same old path', async () => {
    await expectRedirect(IMPORTED, 301, '/delavnice/');
    await expectRedirect(OLD_SLUG, 301, '/regije/');
    await expectRedirect('/2016/03/02/druga-novica/', 301, '/novice/');
    const page = readFileSync(path.join(outDir, OLD_SLUG, 'index.html'), 'utf8');
    expect(page).toContain('url=/regije/');
  });

  it('leaves drafts out, and writes the same list to _redirects with each status', async () => {
    expect((await get('/se-ni-objavljeno/')).status).toBe(404);
    const lines = readFileSync(path.join(outDir, '_redirects'), 'utf8').split('\n');
    expect(lines).toContain('/poletna-akcija/ /delavnice/ 302');
    expect(lines).toContain(`${IMPORTED} /delavnice/ 301`);
    expect(lines.some((line) => line.startsWith('/se-ni-objavljeno/'))).toBe(false);
    // The note stays in the admin: the public API leaves it out.
    const { body } = await cms.rest<{ data: Record<string, unknown>[] }>(
      'GET',
      '/api/redirects?pagination[pageSize]=100',
    );
    expect(body.data.length).toBeGreaterThan(5);
    expect(body.data.filter((redirect) => 'note' in redirect)).toEqual([]);
    // The map as read is published unchanged: staff redirects are read afresh by every build.
    expect(JSON.parse(readFileSync(path.join(outDir, 'redirects.json'), 'utf8'))).toHaveLength(2);
  });
});

describe('the site’s own redirects in the admin', () => {
  const listed = async () =>
    (
      await editor.request<{ results: Saved[] }>(
        'GET',
        `${REDIRECTS}?filters[origin][$ne]=staff&sort=from:ASC&pageSize=100`,
      )
    ).body.results;

  it('lists the import map and the changed slug the live site published, next to the staff’s own', async () => {
    await cms.restart(); // the mirror runs at start, then every few minutes
    editor = await adminSession(cms.url, DEMO_EDITOR);
    let mirrored: Saved[] = [];
    for (const started = Date.now(); mirrored.length < 3 && Date.now() - started < 20_000;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      mirrored = await listed();
    }
    expect(mirrored.map(({ from, to, origin }) => [from, to, origin])).toEqual([
      [IMPORTED, articlePath, 'import'],
      ['/2016/03/02/druga-novica/', '/novice/', 'import'],
      [OLD_SLUG, articlePath, 'slug-change'],
    ]);
  });

  it('refuses to change or delete one, in Slovenian and English', async () => {
    const [imported] = await listed();
    const changed = await editor.request('PUT', `${REDIRECTS}/${imported.documentId}`, { to: '/novice/' });
    expect(changed.status).toBe(400);
    expect(fieldErrors(changed).origin).toMatch(/^Izvor: to preusmeritev je ustvarilo spletno mesto .* \/ origin: /);
    expect((await editor.request('DELETE', `${REDIRECTS}/${imported.documentId}`)).status).toBe(400);
    expect((await listed()).map((r) => r.to)).toContain(articlePath);
  });
});
